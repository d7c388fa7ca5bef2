package io.servicequality.web.webhook;

import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** The HTTP client webhooks are sent with: the JDK's, with both timeouts, never following a redirect. */
public final class WebhookHttp {

    private WebhookHttp() {}

    public static RestClient client(Duration connectTimeout, Duration readTimeout) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
        requests.setReadTimeout(readTimeout);
        return RestClient.builder().requestFactory(requests).build();
    }

    /**
     * What kind of failure an attempt without an answer was: its innermost cause's class, {@code timeout (…)} for a
     * timeout — never the receiver's own text, which is not ours to republish.
     */
    public static String failureKind(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String kind = cause.getClass().getSimpleName();
        return kind.contains("Timeout") ? "timeout (" + kind + ")" : kind;
    }
}

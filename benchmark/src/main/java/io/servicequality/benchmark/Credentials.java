package io.servicequality.benchmark;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/** The caller's credential for the local stack: {@code SQP_TOKEN}, when set, is sent as the bearer token. */
final class Credentials {

    private static final String TOKEN = System.getenv("SQP_TOKEN");

    private Credentials() {}

    static HttpRequest.Builder authorise(HttpRequest.Builder request) {
        return TOKEN == null || TOKEN.isBlank() ? request : request.header("Authorization", "Bearer " + TOKEN);
    }

    /** An authorised request to the stack's API with an optional JSON body. */
    static HttpRequest jsonRequest(String method, String url, String body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return authorise(request).build();
    }
}

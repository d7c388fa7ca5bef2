package io.servicequality.localplatform.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether something answers on a local port, whether a service there says it is healthy, and whether the
 * authorization server there publishes its discovery document.
 */
public final class Probes {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");

    private Probes() {}

    /** The answer of a service's readiness ({@code /actuator/health/readiness}: its state, Kafka, MongoDB): up only on 200. */
    public record Health(boolean up, String summary) {}

    /** True when something accepts a TCP connection on {@code 127.0.0.1:port}. */
    public static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static Health health(int port) {
        return answers(port, "/actuator/health/readiness", "healthy");
    }

    /** The OpenID Connect discovery document ({@code /.well-known/openid-configuration}): up only on 200. */
    public static Health discovery(int port) {
        return answers(port, "/.well-known/openid-configuration", "discovery document served");
    }

    /** The development mail catcher's readiness ({@code /api/service/readiness} of GreenMail's API): up only on 200. */
    public static Health mailCatcher(int port) {
        return answers(port, "/api/service/readiness", "receiving mail");
    }

    private static Health answers(int port, String path, String whenUp) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return new Health(true, whenUp);
            }
            Matcher status = STATUS.matcher(response.body());
            return new Health(
                    false, "answers " + response.statusCode() + (status.find() ? " (" + status.group(1) + ")" : ""));
        } catch (IOException e) {
            return new Health(false, "no answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Health(false, "no answer");
        }
    }
}

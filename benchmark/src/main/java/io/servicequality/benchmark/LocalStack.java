package io.servicequality.benchmark;

import java.net.http.HttpClient;
import java.time.Duration;

/** Where the running local stack listens: the environment variables of {@code ./platform up}, with its defaults. */
final class LocalStack {

    static final String FEEDBACK_URL = serviceUrl("FEEDBACK_SERVICE_PORT", "8081");
    static final String COMPLAINT_URL = serviceUrl("COMPLAINT_SERVICE_PORT", "8082");
    static final String SCORING_URL = serviceUrl("SCORING_SERVICE_PORT", "8083");
    static final String REPORTING_URL = serviceUrl("REPORTING_SERVICE_PORT", "8084");
    /** The staff console (127.0.0.1: the development authorization server's redirect URIs name it). */
    static final String CONSOLE_URL =
            "http://127.0.0.1:" + System.getenv().getOrDefault("STAFF_CONSOLE_PORT", "8090") + "/";

    private LocalStack() {}

    /** An HTTP/1.1 client (one connection per request in flight, as browsers and most integrations use). */
    static HttpClient httpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String serviceUrl(String portVariable, String defaultPort) {
        return "http://localhost:" + env(portVariable, defaultPort);
    }
}

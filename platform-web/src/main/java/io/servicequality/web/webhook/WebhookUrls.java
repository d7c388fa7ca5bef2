package io.servicequality.web.webhook;

import io.servicequality.web.problem.FieldProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a webhook may be sent: an absolute {@code https} URL without credentials; plain {@code http} only to this
 * machine ({@code localhost}, {@code 127.0.0.1}, {@code ::1}) and only where a deployment allows it, for development.
 */
public final class WebhookUrls {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private WebhookUrls() {}

    /** What is wrong with {@code url} as the {@code field} of a request, or empty when it may be sent to. */
    public static Optional<FieldProblem> problemOf(String field, String url, boolean allowHttpLocalhost) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            if (host.isEmpty() || !uri.isAbsolute()) {
                return Optional.of(
                        new FieldProblem(field, "must be an absolute URL such as https://hooks.example.com/sqp"));
            }
            if (uri.getUserInfo() != null) {
                return Optional.of(new FieldProblem(field, "must not carry user credentials"));
            }
            if (!scheme.equals("https")
                    && !(scheme.equals("http") && allowHttpLocalhost && LOOPBACK_HOSTS.contains(host))) {
                return Optional.of(new FieldProblem(
                        field,
                        allowHttpLocalhost
                                ? "must use https (http only to localhost or 127.0.0.1)"
                                : "must use https"));
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of(new FieldProblem(field, "is not a URL: " + e.getReason()));
        }
    }
}

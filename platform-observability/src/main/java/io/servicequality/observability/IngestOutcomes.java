package io.servicequality.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code sqp.events.accepted{type}} and {@code sqp.events.refused{type,reason}}: what became of each post of an event,
 * counted where the answer leaves the service (outside every other filter, so a refusal by the credential check, the
 * quota or the body ceiling counts as well as one by validation or an unreachable broker). A service names its ingest
 * paths and their event types ({@code sqp.observability.ingest.<path>=<type>}); batches count their items where they
 * are judged ({@link #accepted}, {@link #refused}).
 */
public class IngestOutcomes extends OncePerRequestFilter {

    public static final String ACCEPTED = "sqp.events.accepted";
    public static final String REFUSED = "sqp.events.refused";

    private final MeterRegistry registry;
    private final Map<String, String> typeByPath;

    IngestOutcomes(MeterRegistry registry, Map<String, String> typeByPath) {
        this.registry = registry;
        this.typeByPath = Map.copyOf(typeByPath);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !typeByPath.containsKey(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            String type = typeByPath.get(request.getRequestURI());
            int status = response.getStatus();
            if (status >= 200 && status < 300) {
                accepted(type, 1);
            } else {
                refused(type, reasonOf(status), 1);
            }
        }
    }

    /** Counts events accepted. */
    public void accepted(String type, int events) {
        counter(ACCEPTED, type, null).increment(events);
    }

    /** Counts events refused, with one of the reasons {@link #reasonOf} gives. */
    public void refused(String type, String reason, int events) {
        counter(REFUSED, type, reason).increment(events);
    }

    /** The reason a status stands for, as the refusal meter names it. */
    public static String reasonOf(int status) {
        return switch (status) {
            case 400, 422 -> "validation";
            case 401, 403 -> "forbidden";
            case 409 -> "conflict";
            case 413 -> "too-large";
            case 429 -> "rate-limited";
            default -> status >= 500 ? "unavailable" : "other";
        };
    }

    private Counter counter(String name, String type, String reason) {
        var builder = Counter.builder(name).tag("type", type);
        if (reason != null) {
            builder.tag("reason", reason);
        }
        return builder.register(registry);
    }
}

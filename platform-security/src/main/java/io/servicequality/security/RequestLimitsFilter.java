package io.servicequality.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per-credential request quota and a body-size ceiling for {@code /api/**}, after authentication (the quota belongs
 * to the caller: one app key or one member of staff cannot starve the others). Over the quota → 429 problem with
 * {@code Retry-After: 1}; a declared {@code Content-Length} over the ceiling → 413 problem; both before the request
 * reaches the service, so nothing is done. The quota is a fixed one-second window per credential, per instance.
 */
final class RequestLimitsFilter extends OncePerRequestFilter {

    private final CallerAccess callers;
    private final PlatformSecurityProperties.Limits limits;
    private final LongSupplier clockMillis;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    RequestLimitsFilter(CallerAccess callers, PlatformSecurityProperties.Limits limits, LongSupplier clockMillis) {
        this.callers = callers;
        this.limits = limits;
        this.clockMillis = clockMillis;
    }

    /** The requests of one credential in the current second. */
    private record Window(long second, AtomicLong requests) {}

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limits.maxBodyBytes()) {
            SecurityProblems.write(request, response, SecurityProblems.payloadTooLarge(limits.maxBodyBytes()));
            return;
        }
        // open endpoints (e.g. reporting's sign-in) have no caller yet: only the body ceiling applies to them
        boolean authenticated = SecurityContextHolder.getContext().getAuthentication() != null
                && SecurityContextHolder.getContext().getAuthentication().getPrincipal() instanceof Caller;
        if (authenticated && !admit(callers.current().credentialId())) {
            response.setHeader("Retry-After", "1");
            SecurityProblems.write(request, response, SecurityProblems.rateLimited());
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean admit(String credential) {
        long second = clockMillis.getAsLong() / 1000;
        Window window = windows.compute(
                credential,
                (key, current) ->
                        current == null || current.second() != second ? new Window(second, new AtomicLong()) : current);
        return window.requests().incrementAndGet() <= limits.requestsPerSecond();
    }
}

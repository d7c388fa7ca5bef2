package io.servicequality.feedback.admission;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.servicequality.feedback.problem.RetryLaterException;
import io.servicequality.security.CallerAccess;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * One resilience4j rate limiter per credential ({@code ingest-<tenantId>:<staff|app>:<subject>}, so one app's key or one
 * user cannot starve the others of its tenant; created, from the {@code ingest} configuration under
 * {@code resilience4j.ratelimiter.configs}); its timeout is 0, so a request over the quota is refused at once with 429
 * and a {@code Retry-After} of one refresh period. Counts requests to {@code /api/**}: a batch counts once.
 */
@Component
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10) // after authentication: the limiter is the caller's
class TenantRateLimitFilter extends OncePerRequestFilter {

    static final String CONFIGURATION = "ingest";

    private final RateLimiterRegistry limiters;
    private final CallerAccess callers;
    private final HandlerExceptionResolver problems;

    TenantRateLimitFilter(
            RateLimiterRegistry limiters,
            CallerAccess callers,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        this.limiters = limiters;
        this.callers = callers;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RateLimiter limiter = limiters.rateLimiter("ingest-" + callers.current().credentialId(), CONFIGURATION);
        if (!limiter.acquirePermission()) {
            problems.resolveException(
                    request,
                    response,
                    null,
                    new RetryLaterException(
                            RetryLaterException.Reason.RATE_LIMITED,
                            "The credential's request quota is used up; nothing was accepted. Retry later.",
                            limiter.getRateLimiterConfig().getLimitRefreshPeriod(),
                            null));
            return;
        }
        chain.doFilter(request, response);
    }
}

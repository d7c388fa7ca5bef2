package io.servicequality.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.servicequality.web.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per-credential request quota and a body-size ceiling for {@code /api/**}, after authentication (the quota belongs to
 * the caller: one app key or one member of staff cannot starve the others), before the request reaches the service,
 * so nothing is done:
 *
 * <ul>
 *   <li>over the quota → 429 problem with {@code Retry-After} (the limiter's period). One resilience4j
 *       {@link RateLimiter} per credential, timeout 0 (refused at once, never queued); limiters of credentials idle
 *       for ten minutes are dropped, so the map does not grow with every token ever seen. Per instance.
 *   <li>a body over the ceiling → 413 problem: a declared {@code Content-Length} at once, a chunked body when the
 *       byte past the ceiling is read (the service never sees a whole oversized body). Batch endpoints (paths ending in
 *       {@code /batch}) have a ceiling of their own.
 * </ul>
 */
final class RequestLimitsFilter extends OncePerRequestFilter {

    private final CallerAccess callers;
    private final PlatformSecurityProperties.Limits limits;
    private final RateLimiterConfig quota;
    private final Cache<String, RateLimiter> limiters =
            Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).build();

    RequestLimitsFilter(CallerAccess callers, PlatformSecurityProperties.Limits limits) {
        this.callers = callers;
        this.limits = limits;
        this.quota = RateLimiterConfig.custom()
                .limitForPeriod(limits.requestsPerPeriodPerInstance())
                .limitRefreshPeriod(limits.period())
                .timeoutDuration(Duration.ZERO)
                .build();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long ceiling = request.getRequestURI().endsWith("/batch")
                ? limits.maxBatchBodySize().toBytes()
                : limits.maxBodySize().toBytes();
        if (request.getContentLengthLong() > ceiling) {
            SecurityProblems.write(request, response, tooLarge(ceiling).getBody());
            return;
        }
        // open endpoints (e.g. reporting's sign-in) have no caller yet: only the body ceiling applies to them
        boolean authenticated = SecurityContextHolder.getContext().getAuthentication() != null
                && SecurityContextHolder.getContext().getAuthentication().getPrincipal() instanceof Caller;
        if (authenticated && !admit(callers.current().credentialId())) {
            response.setHeader(
                    "Retry-After", Long.toString(Math.max(1, limits.period().toSeconds())));
            SecurityProblems.write(request, response, SecurityProblems.rateLimited());
            return;
        }
        chain.doFilter(new LimitedBodyRequest(request, ceiling), response);
    }

    private boolean admit(String credential) {
        return limiters.get(credential, id -> RateLimiter.of("requests-" + id, quota))
                .acquirePermission();
    }

    static ErrorResponseException tooLarge(long ceiling) {
        return Problems.payloadTooLarge("The request body is larger than " + ceiling + " bytes; nothing was done.");
    }

    /** Counts what the service reads of the body and refuses the byte past the ceiling. */
    private static final class LimitedBodyRequest extends HttpServletRequestWrapper {

        private final long ceiling;
        private ServletInputStream limited;

        LimitedBodyRequest(HttpServletRequest request, long ceiling) {
            super(request);
            this.ceiling = ceiling;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedInputStream(super.getInputStream(), ceiling);
            }
            return limited;
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long ceiling;
        private long read;

        LimitedInputStream(ServletInputStream in, long ceiling) {
            this.in = in;
            this.ceiling = ceiling;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        /** Thrown while the body is read: platform-web's advice answers the problem as it is (413). */
        private void count(int n) {
            read += n;
            if (read > ceiling) {
                throw tooLarge(ceiling);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}

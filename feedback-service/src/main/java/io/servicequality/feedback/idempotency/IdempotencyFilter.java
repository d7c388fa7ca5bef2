package io.servicequality.feedback.idempotency;

import io.servicequality.security.CallerAccess;
import io.servicequality.web.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Honours {@code Idempotency-Key} on POSTs to {@code /api/**}. The first request with a key claims it and runs; its
 * answer is stored unless a retry could change it (5xx, 429, 409), in which case the key is released. Repeats with
 * the same body get the stored answer (marked {@code Idempotent-Replayed: true}) without running again.
 */
@Component
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 20) // after authentication: keys are per caller's tenant
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 255;

    private final IdempotencyRecords records;
    private final CallerAccess callers;
    private final HandlerExceptionResolver problems;

    IdempotencyFilter(
            IdempotencyRecords records,
            CallerAccess callers,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        this.records = records;
        this.callers = callers;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !request.getRequestURI().startsWith("/api/")
                || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        String tenantId = callers.tenantId();
        Optional<StoredAnswer> stored;
        byte[] body;
        String fingerprint;
        try {
            if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
                throw Problems.validationFailed(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters");
            }
            body = request.getInputStream().readAllBytes();
            fingerprint = fingerprint(request, body);
            stored = records.claim(tenantId, key, fingerprint);
        } catch (RuntimeException e) {
            problems.resolveException(request, response, null, e);
            return;
        }
        if (stored.isPresent()) {
            replay(stored.get(), response);
            return;
        }
        var recording = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(new CachedBodyRequest(request, body), recording);
        } catch (IOException | ServletException | RuntimeException e) {
            records.release(tenantId, key);
            throw e;
        }
        int status = recording.getStatus();
        try {
            if (status >= 500 || status == 429 || status == 409 || status == 403) {
                records.release(tenantId, key);
            } else {
                records.answer(
                        tenantId,
                        key,
                        fingerprint,
                        new StoredAnswer(
                                status,
                                recording.getContentType(),
                                recording.getHeader(HttpHeaders.LOCATION),
                                new String(recording.getContentAsByteArray(), StandardCharsets.UTF_8)));
            }
        } catch (RuntimeException e) {
            // the request's own effect stands (its events are on the log); only its replay is lost, and a retry
            // derives the same event ids from the key, so downstream still sees each event once
            logger.warn("Could not record the answer for an Idempotency-Key", e);
        }
        recording.copyBodyToResponse();
    }

    private static void replay(StoredAnswer answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.status());
        response.setHeader(REPLAYED, "true");
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        if (answer.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, answer.location());
        }
        if (answer.body() != null) {
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        }
    }

    /** Method, path and body: the same key on another endpoint is another request too. */
    private static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(
                    (request.getMethod() + " " + request.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8));
            sha256.update(body);
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The body was read to hash it; the controller reads this copy. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}

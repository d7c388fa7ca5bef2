package io.servicequality.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.servlet.FilterChain;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;

class RequestLimitsFilterTest {

    private final AtomicInteger passed = new AtomicInteger();
    private final FilterChain chain = (request, response) -> {
        request.getInputStream().readAllBytes(); // as a controller reading its body would
        passed.incrementAndGet();
    };
    private final RequestLimitsFilter filter = new RequestLimitsFilter(
            new CallerAccess(),
            new PlatformSecurityProperties.Limits(
                    true, 3, Duration.ofMillis(500), DataSize.ofBytes(1000), DataSize.ofBytes(5000), 1));

    @AfterEach
    void clearCaller() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aCredentialOverItsQuotaGetsA429ProblemWhileOthersGoOnAndTheNextPeriodAdmitsItAgain() throws Exception {
        as(Caller.app("acme-bank", "kiosk1", Set.of(), Set.of(Scopes.FEEDBACK_WRITE)));
        for (int i = 0; i < 3; i++) {
            assertThat(call("/api/v1/feedback", 10).getStatus()).isEqualTo(200);
        }
        MockHttpServletResponse refused = call("/api/v1/feedback", 10);
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.getContentType()).isEqualTo("application/problem+json");
        assertThat(refused.getContentAsString()).contains("https://servicequality.io/problems/rate-limited");

        as(Caller.app("acme-bank", "kiosk2", Set.of(), Set.of(Scopes.FEEDBACK_WRITE)));
        assertThat(call("/api/v1/feedback", 10).getStatus()).isEqualTo(200);

        as(Caller.app("acme-bank", "kiosk1", Set.of(), Set.of(Scopes.FEEDBACK_WRITE)));
        await().atMost(Duration.ofSeconds(3))
                .until(() -> call("/api/v1/feedback", 10).getStatus() == 200);
        assertThat(passed.get()).isEqualTo(5);
    }

    @Test
    void eachOfTwoInstancesAdmitsItsShareSoTheServiceAsAWholeKeepsTheQuota() throws Exception {
        var limits = new PlatformSecurityProperties.Limits(
                true, 5, Duration.ofMinutes(1), DataSize.ofBytes(1000), DataSize.ofBytes(5000), 2);
        RequestLimitsFilter first = new RequestLimitsFilter(new CallerAccess(), limits);
        RequestLimitsFilter second = new RequestLimitsFilter(new CallerAccess(), limits);
        as(Caller.app("acme-bank", "kiosk1", Set.of(), Set.of(Scopes.FEEDBACK_WRITE)));

        int admitted = 0;
        for (int i = 0; i < 10; i++) {
            RequestLimitsFilter instance = i % 2 == 0 ? first : second; // a load balancer's round robin
            if (call(instance, "/api/v1/feedback", 10).getStatus() == 200) {
                admitted++;
            }
        }

        assertThat(limits.requestsPerPeriodPerInstance()).isEqualTo(3);
        assertThat(admitted)
                .as("5 a minute across both, each admitting its rounded-up share")
                .isEqualTo(6);
        assertThatThrownBy(() -> new PlatformSecurityProperties.Limits(
                        true, 5, Duration.ofMinutes(1), DataSize.ofBytes(1000), DataSize.ofBytes(5000), 0))
                .hasMessageContaining("at least 1");
    }

    @Test
    void aBodyDeclaredOverTheCeilingGetsA413ProblemAndIsNotPassedOn() throws Exception {
        as(Caller.app("acme-bank", "kiosk1", Set.of(), Set.of(Scopes.FEEDBACK_WRITE)));

        MockHttpServletResponse refused = call("/api/v1/feedback", 1001);

        assertThat(refused.getStatus()).isEqualTo(413);
        assertThat(refused.getContentAsString()).contains("https://servicequality.io/problems/payload-too-large");
        assertThat(passed.get()).isZero();
    }

    @Test
    void aChunkedBodyIsRefusedWhenTheBytePastTheCeilingIsRead() {
        as(Caller.app("acme-bank", "kiosk1", Set.of(), Set.of(Scopes.FEEDBACK_WRITE)));
        MockHttpServletRequest chunked = new MockHttpServletRequest("POST", "/api/v1/feedback");
        chunked.setContent(new byte[1001]);
        chunked.removeHeader("Content-Length"); // no declared length, as with Transfer-Encoding: chunked
        chunked.addHeader("Transfer-Encoding", "chunked");

        assertThatThrownBy(() -> filter.doFilter(new UndeclaredLength(chunked), new MockHttpServletResponse(), chain))
                .isInstanceOfSatisfying(
                        ErrorResponseException.class,
                        problem -> assertThat(problem.getStatusCode().value()).isEqualTo(413));
        assertThat(passed.get()).isZero();
    }

    @Test
    void batchEndpointsHaveTheirOwnCeiling() throws Exception {
        as(Caller.app("acme-bank", "kiosk1", Set.of(), Set.of(Scopes.FEEDBACK_WRITE)));

        assertThat(call("/api/v1/feedback/batch", 4000).getStatus()).isEqualTo(200);
        assertThat(call("/api/v1/feedback/batch", 5001).getStatus()).isEqualTo(413);
    }

    @Test
    void openEndpointsWithoutACallerAndNonApiPathsAreNotCounted() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(call("/api/v1/session", 10).getStatus()).isEqualTo(200);
            assertThat(call("/dashboard/app.js", 10).getStatus()).isEqualTo(200);
        }
        assertThat(passed.get()).isEqualTo(20);
    }

    private static void as(Caller caller) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(caller, "", List.of()));
    }

    private MockHttpServletResponse call(String path, int bodyBytes) throws Exception {
        return call(filter, path, bodyBytes);
    }

    private MockHttpServletResponse call(RequestLimitsFilter instance, String path, int bodyBytes) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setContent(new byte[bodyBytes]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        instance.doFilter(request, response, chain);
        return response;
    }

    /** A request whose body carries no Content-Length. */
    private static final class UndeclaredLength extends jakarta.servlet.http.HttpServletRequestWrapper {
        UndeclaredLength(MockHttpServletRequest request) {
            super(request);
        }

        @Override
        public long getContentLengthLong() {
            return -1;
        }

        @Override
        public int getContentLength() {
            return -1;
        }
    }
}

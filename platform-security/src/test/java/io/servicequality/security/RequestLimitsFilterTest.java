package io.servicequality.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

class RequestLimitsFilterTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AtomicInteger passed = new AtomicInteger();
    private final FilterChain chain = (request, response) -> passed.incrementAndGet();
    private final RequestLimitsFilter filter =
            new RequestLimitsFilter(new CallerAccess(), new PlatformSecurityProperties.Limits(true, 3, 1000), now::get);

    @AfterEach
    void clearCaller() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aCredentialOverItsQuotaGetsA429ProblemWhileOthersGoOnAndTheNextSecondAdmitsItAgain() throws Exception {
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
        now.addAndGet(1000);
        assertThat(call("/api/v1/feedback", 10).getStatus()).isEqualTo(200);
        assertThat(passed.get()).isEqualTo(5);
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
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setContent(new byte[bodyBytes]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, chain);
        return response;
    }
}

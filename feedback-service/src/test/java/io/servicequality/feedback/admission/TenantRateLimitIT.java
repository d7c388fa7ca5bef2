package io.servicequality.feedback.admission;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.servicequality.embeddedstore.EmbeddedStore;
import io.servicequality.feedback.eventlog.EventLog;
import io.servicequality.security.Role;
import io.servicequality.security.test.TestCredentials;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * A quota of three requests a minute per credential: the fourth is refused at once and never reaches the log, while
 * another credential of the same tenant goes on.
 */
@SpringBootTest(
        properties = {
            "spring.kafka.bootstrap-servers=localhost:1",
            "spring.kafka.listener.auto-startup=false",
            "spring.kafka.admin.auto-create=false",
            "sqp.security.limits.requests-per-period=3",
            "sqp.security.limits.period=60s"
        })
@AutoConfigureMockMvc
class TenantRateLimitIT {

    static final EmbeddedStore STORE = EmbeddedStore.inMemory();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", STORE::connectionString);
    }

    @AfterAll
    static void stopStore() {
        STORE.close();
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    EventLog eventLog;

    @Test
    void refusesRequestsOverACredentialsQuotaWith429AndRetryAfterWhileOthersGoOn() throws Exception {
        String kiosk = TestCredentials.bearer(TestCredentials.TENANT, List.of("SH-001"), Role.AGENT);
        String manager = TestCredentials.bearer(TestCredentials.TENANT, Role.QUALITY_MANAGER);
        for (int i = 0; i < 3; i++) {
            submit(kiosk).andExpect(status().isAccepted());
        }

        submit(kiosk)
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "60"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://servicequality.io/problems/rate-limited"));
        submit(manager).andExpect(status().isAccepted());
        verify(eventLog, times(4)).append(any(), any());
    }

    private ResultActions submit(String authorization) throws Exception {
        return mvc.perform(post("/api/v1/feedback")
                .header("Authorization", authorization)
                .contentType(MediaType.APPLICATION_JSON)
                .content("""
                        { "branchId": "SH-001", "occurredAt": "2026-11-20T09:15:00Z", "csat": 4 }
                        """));
    }
}

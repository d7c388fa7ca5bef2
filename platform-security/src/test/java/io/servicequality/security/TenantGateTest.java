package io.servicequality.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.servicequality.contracts.EventSample;
import io.servicequality.contracts.FeedbackSubmitted;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TenantGateTest {

    @Test
    void eventsOfUnknownTenantsAreDroppedAndCounted() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        FeedbackSubmitted sample =
                JsonMapper.builder().build().readValue(EventSample.FEEDBACK_SUBMITTED.json(), FeedbackSubmitted.class);

        TenantGate servingTheSample = new TenantGate(Set.of(sample.tenantId()), meters);
        TenantGate servingOthers = new TenantGate(Set.of("demo"), meters);

        assertThat(servingTheSample.admits(sample)).isTrue();
        assertThat(servingOthers.admits(sample)).isFalse();
        assertThat(servingOthers.admits(sample)).isFalse();
        assertThat(meters.get(TenantGate.REJECTED)
                        .tag("reason", "unknown-tenant")
                        .counter()
                        .count())
                .isEqualTo(2.0);
    }
}

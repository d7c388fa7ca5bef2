package io.servicequality.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.servicequality.contracts.EventSample;
import io.servicequality.contracts.FeedbackSubmitted;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class UnknownTenantFilterTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final FeedbackSubmitted sample =
            JsonMapper.builder().build().readValue(EventSample.FEEDBACK_SUBMITTED.json(), FeedbackSubmitted.class);

    @Test
    void dropsAndCountsAnUnknownTenantsEventAndPassesAKnownOne() {
        var servingOthers = UnknownTenantFilter.counting(new TenantGate(Set.of("demo"), meters));
        var servingTheSample = UnknownTenantFilter.counting(new TenantGate(Set.of(sample.tenantId()), meters));

        assertThat(servingOthers.filter(record(sample))).isTrue();
        assertThat(servingTheSample.filter(record(sample))).isFalse();
        assertThat(rejected()).isEqualTo(1.0);
    }

    @Test
    void passesWhatTheListenerMustDeadLetterAnEventWithoutTenantOrARecordWithoutValue() {
        var filter = UnknownTenantFilter.counting(new TenantGate(Set.of("demo"), meters));
        FeedbackSubmitted withoutTenant = JsonMapper.builder()
                .build()
                .readValue(
                        EventSample.FEEDBACK_SUBMITTED
                                .json()
                                .replaceFirst("\"tenantId\"\\s*:\\s*\"[^\"]*\"", "\"tenantId\": null"),
                        FeedbackSubmitted.class);

        assertThat(withoutTenant.tenantId()).isNull();
        assertThat(filter.filter(record(withoutTenant))).isFalse();
        assertThat(filter.filter(record(null))).isFalse();
        assertThat(rejected()).isZero();
    }

    @Test
    void aSecondConsumerOfTheSameEventsDropsWithoutCountingAgain() {
        var liveFeed = UnknownTenantFilter.uncounted(new TenantGate(Set.of("demo"), meters));

        assertThat(liveFeed.filter(record(sample))).isTrue();
        assertThat(rejected()).isZero();
    }

    private static ConsumerRecord<Object, Object> record(Object value) {
        return new ConsumerRecord<>("sqp.feedback-submitted.v1", 0, 0L, "key", value);
    }

    private double rejected() {
        var counter =
                meters.find(TenantGate.REJECTED).tag("reason", "unknown-tenant").counter();
        return counter == null ? 0 : counter.count();
    }
}

package io.servicequality.scoring.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.contracts.WithoutBreakdowns;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.JacksonMapperUtils;
import tools.jackson.databind.json.JsonMapper;

/** The alert evaluation's hour updates on their repartition topic: lean, binary, and still readable in JSON. */
class BranchHourUpdateTest {

    private static final JsonMapper JSON = JacksonMapperUtils.enhancedJsonMapper();
    private static final String TOPIC = "alert-hours-by-tenant";
    private static final Instant HOUR = Instant.parse("2026-12-01T10:00:00Z");

    private final Serde<BranchHourUpdate> serde = BranchHourUpdate.serde(JSON.rebuild()
            .addMixIn(BucketStatistics.class, WithoutBreakdowns.class)
            .build());

    @Test
    void keepsWhatTheEvaluationReadsInAFractionOfThePublishedJson() {
        MetricUpdated published = published(busyHour(11), 41);

        BranchHourUpdate update = BranchHourUpdate.of(published);
        byte[] onTopic = serde.serializer().serialize(TOPIC, update);

        assertThat(update.tenantId()).isEqualTo("acme-bank");
        assertThat(update.branchId()).isEqualTo("B7");
        assertThat(update.hourStart()).isEqualTo(HOUR.toEpochMilli());
        assertThat(update.hour()).isEqualTo(AlertHour.of(41, published.statistics()));
        assertThat(serde.deserializer().deserialize(TOPIC, onTopic)).isEqualTo(update);
        assertThat(onTopic.length).isLessThan(JSON.writeValueAsBytes(published).length / 10);
    }

    @Test
    void readsThePublishedJsonAnEarlierBuildPutOnTheTopicWithoutItsBreakdowns() {
        MetricUpdated published = published(busyHour(12), 7);

        BranchHourUpdate read = serde.deserializer().deserialize(TOPIC, JSON.writeValueAsBytes(published));

        assertThat(read).isEqualTo(BranchHourUpdate.of(published));
        assertThat(read.hour().statistics().byChannel()).isEmpty();
    }

    @Test
    void anUnreadableRecordIsEvaluatedAsNothing() {
        byte[] whole = serde.serializer().serialize(TOPIC, BranchHourUpdate.of(published(busyHour(13), 3)));

        assertThat(serde.deserializer().deserialize(TOPIC, Arrays.copyOf(whole, whole.length / 2)))
                .isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, "{\"tenantId\":".getBytes()))
                .isNull();
        whole[0] = 99; // an unknown format version
        assertThat(serde.deserializer().deserialize(TOPIC, whole)).isNull();
    }

    private static BucketStatistics busyHour(long seed) {
        return AlertHourTest.busyHour(new Random(seed), 300);
    }

    private static MetricUpdated published(BucketStatistics statistics, long revision) {
        return new MetricUpdated(
                MetricUpdated.eventIdOf("acme-bank", "B7", Granularity.HOUR, HOUR, revision),
                "acme-bank",
                "B7",
                HOUR,
                MetricUpdated.SCHEMA_VERSION,
                Granularity.HOUR,
                HOUR,
                revision,
                statistics);
    }
}

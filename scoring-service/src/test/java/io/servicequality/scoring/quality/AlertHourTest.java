package io.servicequality.scoring.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.ComplaintStatistics;
import io.servicequality.contracts.BucketStatistics.CsatStatistics;
import io.servicequality.contracts.BucketStatistics.DimensionStatistics;
import io.servicequality.contracts.BucketStatistics.DriverStatistics;
import io.servicequality.contracts.BucketStatistics.InteractionStatistics;
import io.servicequality.contracts.BucketStatistics.MeanStatistics;
import io.servicequality.contracts.BucketStatistics.NpsStatistics;
import io.servicequality.contracts.BucketStatistics.RatingDistributions;
import io.servicequality.contracts.BucketStatistics.ServqualDistributions;
import io.servicequality.contracts.BucketStatistics.ServqualStatistics;
import io.servicequality.contracts.Channel;
import io.servicequality.contracts.DimensionRating;
import io.servicequality.contracts.Histogram;
import io.servicequality.contracts.ServqualRatings;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.JacksonMapperUtils;
import tools.jackson.databind.json.JsonMapper;

class AlertHourTest {

    private static final JsonMapper JSON = JacksonMapperUtils.enhancedJsonMapper();

    private final Serde<AlertHour> serde = AlertHour.serde(JSON);

    @Test
    void keepsEverythingAMetricReads() {
        BucketStatistics busy = busyHour(new Random(7), 300);

        AlertHour kept = AlertHour.of(12, busy);

        assertThat(kept.statistics().byChannel()).isEmpty();
        assertThat(kept.statistics().distributions()).isEqualTo(RatingDistributions.EMPTY);
        for (Metric metric : Metric.values()) {
            assertThat(metric.observe(kept.statistics()))
                    .as(metric.publicName())
                    .isEqualTo(metric.observe(busy));
            assertThat(metric.observe(kept.statistics()).n())
                    .as(metric.publicName())
                    .isPositive();
        }
    }

    @Test
    void survivesTheStoresRoundTripInAFractionOfItsJson() {
        AlertHour hour = AlertHour.of(12, busyHour(new Random(8), 300));

        byte[] stored = serde.serializer().serialize("alert-branch-hours", hour);

        assertThat(serde.deserializer().deserialize("alert-branch-hours", stored))
                .isEqualTo(hour);
        assertThat(stored.length).isLessThan(JSON.writeValueAsBytes(hour).length / 3);
    }

    @Test
    void readsTheJsonHoursOfEarlierBuildsTrimmed() {
        BucketStatistics busy = busyHour(new Random(9), 100);
        byte[] earlier = JSON.writeValueAsBytes(new AlertHour(5, busy));

        assertThat(serde.deserializer().deserialize("alert-branch-hours", earlier))
                .isEqualTo(AlertHour.of(5, busy));
    }

    /** The statistics of {@code events} answers and interactions over every channel, every block filled. */
    static BucketStatistics busyHour(Random random, int events) {
        BucketStatistics hour = BucketStatistics.EMPTY;
        Channel[] channels = Channel.values();
        for (int i = 0; i < events; i++) {
            int csat = 1 + random.nextInt(5);
            int nps = random.nextInt(11);
            double perception = 1 + random.nextInt(7);
            DimensionRating rating = new DimensionRating(1 + random.nextInt(7), perception);
            ServqualRatings ratings = new ServqualRatings(rating, rating, rating, rating, rating);
            DimensionStatistics dimension = new DimensionStatistics(
                    1,
                    rating.expectation(),
                    perception,
                    rating.expectation() * rating.expectation(),
                    perception * perception,
                    1,
                    20);
            double handle = 30 + random.nextInt(400);
            double wait = random.nextInt(120);
            BucketStatistics event = new BucketStatistics(
                    1,
                    new ServqualStatistics(dimension, dimension, dimension, dimension, dimension),
                    new CsatStatistics(1, csat >= 4 ? 1 : 0, csat, (long) csat * csat),
                    new NpsStatistics(1, nps >= 9 ? 1 : 0, nps >= 7 && nps <= 8 ? 1 : 0, nps <= 6 ? 1 : 0),
                    new MeanStatistics(1, 3, 9),
                    new ComplaintStatistics(
                            1,
                            1,
                            random.nextInt(2),
                            1,
                            random.nextInt(2),
                            90,
                            Histogram.of(2),
                            0,
                            1,
                            0,
                            0,
                            Map.of("billing", 1L),
                            Map.of("HIGH", 1L),
                            Map.of("unassigned", 1L)),
                    new InteractionStatistics(
                            1,
                            1,
                            0,
                            wait < 20 ? 1 : 0,
                            random.nextInt(2),
                            handle,
                            handle * handle,
                            0,
                            0,
                            Histogram.of(wait),
                            Histogram.of(handle)),
                    DriverStatistics.of(csat, ratings),
                    new RatingDistributions(
                            RatingDistributions.one(csat),
                            RatingDistributions.one(nps),
                            RatingDistributions.one(3),
                            ServqualDistributions.of(ratings)),
                    null);
            hour = hour.plus(event.inChannel(channels[random.nextInt(channels.length)]));
        }
        return hour;
    }
}

package io.servicequality.reporting.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.DriverStatistics;
import io.servicequality.contracts.BucketStatistics.RatingDistributions;
import io.servicequality.contracts.EventSample;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.reporting.scorecard.Scorecard;
import io.servicequality.reporting.scorecard.ScorecardCalculator;
import io.servicequality.reporting.scorecard.ScorecardProperties;
import io.servicequality.reporting.scorecard.ScorecardProperties.DimensionWeights;
import io.servicequality.reporting.scorecard.ScorecardProperties.SqiWeights;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import tools.jackson.core.JacksonException;

class LiveViewTest {

    private final ScorecardCalculator calculator = new ScorecardCalculator(new ScorecardProperties(
            new SqiWeights(0.3, 0.2, 0.2, 0.15, 0.15), new DimensionWeights(0.3, 0.25, 0.2, 0.15, 0.1)));

    @Test
    void theLiveViewReadsAnUpdateWithoutDriversDistributionsAndChannelsAndTheRestAsPublished() {
        MetricUpdated published = withStatistics(sample(), everyBlock(sample().statistics()));
        assertThat(published.statistics().drivers().n()).isPositive();
        assertThat(published.statistics().distributions()).isNotEqualTo(RatingDistributions.EMPTY);
        assertThat(published.statistics().byChannel()).isNotEmpty();

        MetricUpdated read = read(published);

        assertThat(read).usingRecursiveComparison().ignoringFields("statistics").isEqualTo(published);
        assertThat(read.statistics()).isEqualTo(published.statistics().withoutBreakdowns());
        assertThat(read.statistics().drivers()).isEqualTo(DriverStatistics.EMPTY);
        assertThat(read.statistics().distributions()).isEqualTo(RatingDistributions.EMPTY);
        assertThat(read.statistics().byChannel()).isEmpty();
        assertThat(read.statistics().servqual())
                .isEqualTo(published.statistics().servqual());
        assertThat(read.statistics().interactions())
                .isEqualTo(published.statistics().interactions());
        assertThat(read.statistics().complaints())
                .isEqualTo(published.statistics().complaints());
    }

    /** What a live tile and a minute trend point show is the same from the live view as from the whole statistics. */
    @Test
    void everyFigureTheLivePathShowsIsTheSameFromTheLiveView() {
        BucketStatistics sample = everyBlock(sample().statistics());
        List<BucketStatistics> cases = new ArrayList<>();
        cases.add(sample);
        cases.add(BucketStatistics.EMPTY);
        sample.byChannel().values().forEach(channel -> cases.add(everyBlock(channel)));
        cases.add(sample.plus(sample).plus(cases.get(cases.size() - 1)));
        for (BucketStatistics statistics : cases) {
            BucketStatistics live = read(withStatistics(sample(), statistics)).statistics();
            assertThat(figures(live)).isEqualTo(figures(statistics));
        }
        // the minute ring sums the views of several branches: the same as the view of the sum
        BucketStatistics summed =
                cases.get(0).withoutBreakdowns().plus(cases.get(2).withoutBreakdowns());
        assertThat(summed).isEqualTo(cases.get(0).plus(cases.get(2)).withoutBreakdowns());
        assertThat(figures(summed)).isEqualTo(figures(cases.get(0).plus(cases.get(2))));
    }

    @Test
    void statisticsWithoutTheSkippedBlocksAreKeptAsTheyAre() {
        BucketStatistics live = everyBlock(sample().statistics()).withoutBreakdowns();
        assertThat(live.withoutBreakdowns()).isSameAs(live);
    }

    @Test
    void malformedJsonIsAJacksonException() {
        assertThatThrownBy(
                        () -> LiveView.read("{\"tenantId\": \"demo\", \"revision\": ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JacksonException.class);
    }

    /** The live feed tells a minute update from the others by reading up to its granularity only. */
    @Test
    void theGranularityIsReadWithoutTheRestOfTheRecord() {
        for (Granularity granularity : Granularity.values()) {
            byte[] published = json(with(sample(), granularity, sample().statistics()));
            assertThat(LiveView.granularityOf(published)).isEqualTo(granularity);
            // what follows the granularity is not read: a record cut after it still says it
            String text = new String(published, StandardCharsets.UTF_8);
            String cut = text.substring(0, text.indexOf("\"bucketStart\""));
            assertThat(LiveView.granularityOf(cut.getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo(granularity);
        }
        assertThat(LiveView.granularityOf("{\"granularity\": \"WEEK\"}".getBytes(StandardCharsets.UTF_8)))
                .isNull();
        assertThat(LiveView.granularityOf("{\"tenantId\": \"demo\"}".getBytes(StandardCharsets.UTF_8)))
                .isNull();
        assertThat(LiveView.granularityOf("[1, 2]".getBytes(StandardCharsets.UTF_8)))
                .isNull();
        assertThat(LiveView.granularityOf("{\"tenantId\": ".getBytes(StandardCharsets.UTF_8)))
                .isNull();
    }

    /** The fields of a live {@code metric} event and of a minute trend point that come from the statistics. */
    private List<Object> figures(BucketStatistics statistics) {
        Scorecard.Feedback feedback = calculator.feedback(statistics);
        Scorecard.Interactions interactions = calculator.interactions(statistics.interactions());
        Scorecard.Complaints complaints =
                calculator.complaints(statistics.complaints(), statistics.interactions(), null);
        return Arrays.asList(
                feedback.n(),
                calculator.sqi(feedback, interactions, complaints),
                feedback.csat() == null ? null : feedback.csat().n(),
                feedback.csat() == null ? null : feedback.csat().percent(),
                feedback.nps() == null ? null : feedback.nps().n(),
                feedback.nps() == null ? null : feedback.nps().score(),
                feedback.ces() == null ? null : feedback.ces().mean(),
                feedback.servqual() == null ? null : feedback.servqual().weighted(),
                statistics.interactions().offered(),
                interactions == null ? null : interactions.answerRate(),
                interactions == null ? null : interactions.serviceLevel(),
                statistics.complaints().opened(),
                complaints == null ? null : complaints.resolutionCompliance());
    }

    /** The statistics with key-driver sums too (the sample has none) and a channel breakdown. */
    private static BucketStatistics everyBlock(BucketStatistics statistics) {
        DriverStatistics drivers = new DriverStatistics(
                statistics.feedbackCount(), 3.5 * statistics.feedbackCount(), 14.0, Map.of("x_tangibles", 12.0));
        return new BucketStatistics(
                statistics.feedbackCount(),
                statistics.servqual(),
                statistics.csat(),
                statistics.nps(),
                statistics.ces(),
                statistics.complaints(),
                statistics.interactions(),
                drivers,
                statistics.distributions(),
                statistics.byChannel().isEmpty()
                        ? Map.of("APP", statistics.withoutBreakdowns())
                        : statistics.byChannel());
    }

    private static MetricUpdated sample() {
        try (var json = new JacksonJsonDeserializer<>(MetricUpdated.class)) {
            return json.deserialize("t", EventSample.METRIC_UPDATED.json().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static MetricUpdated withStatistics(MetricUpdated update, BucketStatistics statistics) {
        return with(update, update.granularity(), statistics);
    }

    /** Written as scoring publishes it, read as the live feed reads it. */
    private MetricUpdated read(MetricUpdated update) {
        return LiveView.read(json(update));
    }

    private static byte[] json(MetricUpdated update) {
        try (var json = new JacksonJsonSerializer<MetricUpdated>()) {
            return json.serialize("t", update);
        }
    }

    private static MetricUpdated with(MetricUpdated update, Granularity granularity, BucketStatistics statistics) {
        return new MetricUpdated(
                update.eventId(),
                update.tenantId(),
                update.branchId(),
                update.occurredAt(),
                update.schemaVersion(),
                granularity,
                update.bucketStart(),
                update.revision(),
                statistics);
    }
}

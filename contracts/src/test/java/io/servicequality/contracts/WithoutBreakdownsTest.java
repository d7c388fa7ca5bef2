package io.servicequality.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class WithoutBreakdownsTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aMetricUpdateReadThroughTheMixInHasTheHeadlineBlocksOfTheWholeOne() {
        MetricUpdated whole = json.readValue(EventSample.METRIC_UPDATED.json(), MetricUpdated.class);
        assertThat(whole.statistics().byChannel()).isNotEmpty();
        assertThat(whole.statistics().distributions()).isNotEqualTo(BucketStatistics.RatingDistributions.EMPTY);

        JsonMapper headline = json.rebuild()
                .addMixIn(BucketStatistics.class, WithoutBreakdowns.class)
                .build();
        MetricUpdated read = headline.readValue(EventSample.METRIC_UPDATED.json(), MetricUpdated.class);

        assertThat(read.statistics()).isEqualTo(whole.statistics().withoutBreakdowns());
        assertThat(read.statistics().servqual()).isEqualTo(whole.statistics().servqual());
        assertThat(read.statistics().interactions())
                .isEqualTo(whole.statistics().interactions());
        assertThat(read).usingRecursiveComparison().ignoringFields("statistics").isEqualTo(whole);
    }

    @Test
    void statisticsWithoutBreakdownsAreReturnedAsTheyAre() {
        MetricUpdated whole = json.readValue(EventSample.METRIC_UPDATED.json(), MetricUpdated.class);
        BucketStatistics headline = whole.statistics().withoutBreakdowns();
        assertThat(headline.withoutBreakdowns()).isSameAs(headline);
        assertThat(headline.feedbackCount()).isEqualTo(whole.statistics().feedbackCount());
    }
}

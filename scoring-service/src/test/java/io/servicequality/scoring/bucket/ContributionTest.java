package io.servicequality.scoring.bucket;

import static io.servicequality.scoring.bucket.TestEvents.complaint;
import static io.servicequality.scoring.bucket.TestEvents.feedback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.ComplaintStatistics;
import io.servicequality.contracts.BucketStatistics.CsatStatistics;
import io.servicequality.contracts.BucketStatistics.DimensionStatistics;
import io.servicequality.contracts.BucketStatistics.MeanStatistics;
import io.servicequality.contracts.BucketStatistics.NpsStatistics;
import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.ComplaintChanged.ComplaintEventType;
import io.servicequality.contracts.DimensionRating;
import io.servicequality.contracts.EventSample;
import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.ImportancePoints;
import io.servicequality.contracts.ServqualRatings;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

class ContributionTest {

    private static final Instant NINE_FIFTEEN = Instant.parse("2026-11-20T09:15:00Z");

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void addsEverythingTheSampleFeedbackAnsweredToItsHourBucket() {
        FeedbackSubmitted sample = json.readValue(EventSample.FEEDBACK_SUBMITTED.json(), FeedbackSubmitted.class);

        Contribution contribution = Contribution.of(sample);

        assertThat(contribution.buckets())
                .containsExactly(
                        new BucketId("acme-bank", "SH-001", Granularity.HOUR, Instant.parse("2026-11-20T09:00:00Z")));
        BucketStatistics statistics = contribution.statistics();
        assertThat(statistics.feedbackCount()).isEqualTo(1);
        assertThat(statistics.servqual().reliability()).isEqualTo(new DimensionStatistics(1, 7, 5, 49, 25, 1, 40));
        assertThat(statistics.servqual().responsiveness()).isEqualTo(new DimensionStatistics(1, 6, 6, 36, 36, 1, 30));
        assertThat(statistics.servqual().empathy())
                .isEqualTo(new DimensionStatistics(1, 6.5, 4.5, 42.25, 20.25, 1, 10));
        // importance points count even for a dimension the respondent did not rate
        assertThat(statistics.servqual().tangibles()).isEqualTo(new DimensionStatistics(0, 0, 0, 0, 0, 1, 10));
        assertThat(statistics.csat()).isEqualTo(new CsatStatistics(1, 1, 4, 16));
        assertThat(statistics.nps()).isEqualTo(new NpsStatistics(1, 1, 0, 0));
        assertThat(statistics.ces()).isEqualTo(new MeanStatistics(1, 6, 36));
        assertThat(statistics.complaints()).isEqualTo(ComplaintStatistics.EMPTY);
    }

    @Test
    void unansweredQuestionsAddNothingButTheFeedbackCount() {
        Contribution contribution = Contribution.of(feedback("SH-001", NINE_FIFTEEN, null, null, null));

        assertThat(contribution.statistics()).isEqualTo(new BucketStatistics(1, null, null, null, null, null));
    }

    @ParameterizedTest
    @CsvSource({"1, 0", "2, 0", "3, 0", "4, 1", "5, 1"})
    void csatCountsFourAndFiveAsSatisfied(int csat, long satisfied) {
        CsatStatistics statistics = Contribution.of(feedback("SH-001", NINE_FIFTEEN, csat, null, null))
                .statistics()
                .csat();

        assertThat(statistics).isEqualTo(new CsatStatistics(1, satisfied, csat, (long) csat * csat));
    }

    @ParameterizedTest
    @CsvSource({"0, 0, 0, 1", "6, 0, 0, 1", "7, 0, 1, 0", "8, 0, 1, 0", "9, 1, 0, 0", "10, 1, 0, 0"})
    void npsSortsAnswersIntoPromotersPassivesAndDetractors(int nps, long promoters, long passives, long detractors) {
        NpsStatistics statistics = Contribution.of(feedback("SH-001", NINE_FIFTEEN, null, nps, null))
                .statistics()
                .nps();

        assertThat(statistics).isEqualTo(new NpsStatistics(1, promoters, passives, detractors));
    }

    @ParameterizedTest
    @CsvSource({
        "csat, 0", "csat, 6", "nps, -1", "nps, 11", "ces, 0", "ces, 8",
    })
    void rejectsAnswersOutsideTheirScale(String question, int value) {
        FeedbackSubmitted event = switch (question) {
            case "csat" -> feedback("SH-001", NINE_FIFTEEN, value, null, null);
            case "nps" -> feedback("SH-001", NINE_FIFTEEN, null, value, null);
            default -> feedback("SH-001", NINE_FIFTEEN, null, null, value);
        };

        assertThatThrownBy(() -> Contribution.of(event))
                .isInstanceOf(InvalidEvent.class)
                .hasMessageStartingWith(question + " must be between");
    }

    @Test
    void rejectsServqualRatingsOffTheSevenPointScale() {
        var ratings = new ServqualRatings(null, new DimensionRating(7.5, 5), null, null, null);

        assertThatThrownBy(() -> Contribution.of(feedback("SH-001", NINE_FIFTEEN, ratings, null, null, null, null)))
                .isInstanceOf(InvalidEvent.class)
                .hasMessage("servqual.reliability.expectation must be between 1 and 7");
    }

    @Test
    void rejectsImportancePointsAboveOneHundred() {
        var importance = new ImportancePoints(null, null, null, 101, null);

        assertThatThrownBy(() -> Contribution.of(feedback("SH-001", NINE_FIFTEEN, null, importance, null, null, null)))
                .isInstanceOf(InvalidEvent.class)
                .hasMessage("importance.assurance must be between 0 and 100");
    }

    @Test
    void rejectsEventsWithoutBranchOrEventTime() {
        assertThatThrownBy(() -> Contribution.of(feedback(" ", NINE_FIFTEEN, 4, null, null)))
                .isInstanceOf(InvalidEvent.class)
                .hasMessage("branchId is required");
        assertThatThrownBy(() -> Contribution.of(feedback("SH-001", null, 4, null, null)))
                .isInstanceOf(InvalidEvent.class)
                .hasMessage("occurredAt is required");
    }

    @Test
    void rejectsARecordWithoutValue() {
        assertThatThrownBy(() -> Contribution.of((FeedbackSubmitted) null))
                .isInstanceOf(InvalidEvent.class)
                .hasMessage("the record has no value");
    }

    @Test
    void eventTimeDecidesTheUtcHourBucket() {
        Contribution lastMillisecond =
                Contribution.of(feedback("SH-001", Instant.parse("2026-11-20T09:59:59.999Z"), 4, null, null));
        Contribution onTheHour =
                Contribution.of(feedback("SH-001", Instant.parse("2026-11-20T10:00:00Z"), 4, null, null));

        assertThat(lastMillisecond.buckets().get(0).start()).isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
        assertThat(onTheHour.buckets().get(0).start()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
    }

    @Test
    void theSampleOpenedComplaintCountsAsOneOpened() {
        ComplaintChanged sample = json.readValue(EventSample.COMPLAINT_CHANGED.json(), ComplaintChanged.class);

        Contribution contribution = Contribution.of(sample).orElseThrow();

        assertThat(contribution.statistics())
                .isEqualTo(new BucketStatistics(0, null, null, null, null, new ComplaintStatistics(1)));
        assertThat(contribution.buckets().get(0).start()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
    }

    @ParameterizedTest
    @EnumSource(value = ComplaintEventType.class, mode = EnumSource.Mode.EXCLUDE, names = "OPENED")
    void laterComplaintStepsDoNotCountYet(ComplaintEventType type) {
        assertThat(Contribution.of(complaint("SH-001", NINE_FIFTEEN, type))).isEmpty();
    }
}

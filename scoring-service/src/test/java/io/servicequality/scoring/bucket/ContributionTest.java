package io.servicequality.scoring.bucket;

import static io.servicequality.scoring.bucket.TestEvents.complaint;
import static io.servicequality.scoring.bucket.TestEvents.feedback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.ComplaintStatistics;
import io.servicequality.contracts.BucketStatistics.CsatStatistics;
import io.servicequality.contracts.BucketStatistics.DimensionStatistics;
import io.servicequality.contracts.BucketStatistics.InteractionStatistics;
import io.servicequality.contracts.BucketStatistics.MeanStatistics;
import io.servicequality.contracts.BucketStatistics.NpsStatistics;
import io.servicequality.contracts.BucketStatistics.RatingDistributions;
import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.ComplaintChanged.ComplaintEventType;
import io.servicequality.contracts.DimensionRating;
import io.servicequality.contracts.EventSample;
import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.Histogram;
import io.servicequality.contracts.ImportancePoints;
import io.servicequality.contracts.InteractionRecorded;
import io.servicequality.contracts.ServqualRatings;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
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

        assertThat(contribution.buckets(ZoneOffset.UTC, true))
                .containsExactly(
                        new BucketId("acme-bank", "SH-001", Granularity.MINUTE, Instant.parse("2026-11-20T09:15:00Z")),
                        new BucketId("acme-bank", "SH-001", Granularity.HOUR, Instant.parse("2026-11-20T09:00:00Z")),
                        new BucketId("acme-bank", "SH-001", Granularity.DAY, Instant.parse("2026-11-20T00:00:00Z")));
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
    void aMinuteBucketKeepsTheHeadlineBlocksAndTheHourAndDayEverything() {
        FeedbackSubmitted sample = json.readValue(EventSample.FEEDBACK_SUBMITTED.json(), FeedbackSubmitted.class);
        Contribution contribution = Contribution.of(sample);
        BucketStatistics full = contribution.statistics();
        assertThat(full.byChannel()).isNotEmpty();
        assertThat(full.distributions()).isNotEqualTo(RatingDistributions.EMPTY);

        BucketStatistics minute = contribution.statisticsFor(Granularity.MINUTE);
        assertThat(minute.byChannel()).isEmpty();
        assertThat(minute.distributions()).isEqualTo(RatingDistributions.EMPTY);
        assertThat(minute.drivers()).isEqualTo(BucketStatistics.DriverStatistics.EMPTY);
        assertThat(minute)
                .usingRecursiveComparison()
                .ignoringFields("byChannel", "distributions", "drivers")
                .isEqualTo(full);
        assertThat(contribution.statisticsFor(Granularity.HOUR)).isSameAs(full);
        assertThat(contribution.statisticsFor(Granularity.DAY)).isSameAs(full);

        // a minute counted by an earlier build, with the breakdowns, loses them at its next change
        BucketState earlier = BucketState.EMPTY.plus(full, false, NINE_FIFTEEN);
        assertThat(earlier.keptIn(Granularity.MINUTE).statistics()).isEqualTo(minute);
        assertThat(earlier.keptIn(Granularity.MINUTE).applied()).isEqualTo(1);
        assertThat(earlier.keptIn(Granularity.HOUR)).isSameAs(earlier);
    }

    @Test
    void unansweredQuestionsAddNothingButTheFeedbackCount() {
        Contribution contribution = Contribution.of(feedback("SH-001", NINE_FIFTEEN, null, null, null));

        BucketStatistics nothingAnswered = new BucketStatistics(1, null, null, null, null, null, null, null);
        assertThat(contribution.statistics())
                .isEqualTo(nothingAnswered.inChannel(io.servicequality.contracts.Channel.COUNTER));
        assertThat(contribution.statistics().distributions()).isEqualTo(RatingDistributions.EMPTY);
    }

    @Test
    void countsEachRatingAtItsValueAndAnAveragedServqualRatingAtTheValueItRoundsTo() {
        FeedbackSubmitted sample = json.readValue(EventSample.FEEDBACK_SUBMITTED.json(), FeedbackSubmitted.class);

        RatingDistributions distributions = Contribution.of(sample).statistics().distributions();

        assertThat(distributions.csat()).containsExactly(entry(4, 1L));
        assertThat(distributions.nps()).containsExactly(entry(9, 1L));
        assertThat(distributions.ces()).containsExactly(entry(6, 1L));
        assertThat(distributions.servqual().reliability().expectation()).containsExactly(entry(7, 1L));
        assertThat(distributions.servqual().reliability().perception()).containsExactly(entry(5, 1L));
        // empathy 6.5 / 4.5, averaged from two items: counted at 7 and 5 (halves up)
        assertThat(distributions.servqual().empathy().expectation()).containsExactly(entry(7, 1L));
        assertThat(distributions.servqual().empathy().perception()).containsExactly(entry(5, 1L));
        assertThat(distributions.servqual().tangibles().expectation()).isEmpty();
    }

    @Test
    void anEventCountsInTheTotalsAndInItsChannelWithoutTheKeyDriverSums() {
        FeedbackSubmitted sample = json.readValue(EventSample.FEEDBACK_SUBMITTED.json(), FeedbackSubmitted.class);

        BucketStatistics statistics = Contribution.of(sample).statistics();

        assertThat(statistics.byChannel()).containsOnlyKeys("COUNTER");
        BucketStatistics counter = statistics.byChannel().get("COUNTER");
        assertThat(counter.feedbackCount()).isEqualTo(1);
        assertThat(counter.csat()).isEqualTo(statistics.csat());
        assertThat(counter.servqual()).isEqualTo(statistics.servqual());
        assertThat(counter.distributions()).isEqualTo(statistics.distributions());
        assertThat(counter.drivers()).isEqualTo(BucketStatistics.DriverStatistics.EMPTY);
        assertThat(counter.byChannel()).isEmpty();
    }

    @Test
    void feedbackWithoutAChannelCountsOnlyInTheTotals() {
        FeedbackSubmitted sample = json.readValue(EventSample.FEEDBACK_SUBMITTED.json(), FeedbackSubmitted.class);
        FeedbackSubmitted withoutChannel = new FeedbackSubmitted(
                sample.eventId(),
                sample.tenantId(),
                sample.branchId(),
                sample.occurredAt(),
                sample.schemaVersion(),
                sample.receivedAt(),
                null,
                sample.servqual(),
                sample.importance(),
                sample.csat(),
                sample.nps(),
                sample.ces(),
                sample.comment(),
                sample.customerRef(),
                sample.interactionId(),
                sample.late());

        BucketStatistics statistics = Contribution.of(withoutChannel).statistics();

        assertThat(statistics.feedbackCount()).isEqualTo(1);
        assertThat(statistics.csat().n()).isEqualTo(1);
        assertThat(statistics.byChannel()).isEmpty();
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

        assertThat(lastMillisecond.buckets(ZoneOffset.UTC, false).get(0).start())
                .isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
        assertThat(onTheHour.buckets(ZoneOffset.UTC, false).get(0).start())
                .isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
    }

    @Test
    void theSampleOpenedComplaintCountsAsOneOpened() {
        ComplaintChanged sample = json.readValue(EventSample.COMPLAINT_CHANGED.json(), ComplaintChanged.class);

        Contribution contribution = Contribution.of(sample).orElseThrow();

        assertThat(contribution.statistics().complaints())
                .isEqualTo(new ComplaintStatistics(
                        1,
                        0,
                        0,
                        0,
                        0,
                        0,
                        null,
                        0,
                        0,
                        0,
                        0,
                        Map.of("QUALITY", 1L),
                        Map.of("HIGH", 1L),
                        Map.of("accounts", 1L)));
        assertThat(contribution.statistics().feedbackCount()).isZero();
        assertThat(contribution.buckets(ZoneOffset.UTC, false).get(0).start())
                .isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
    }

    @ParameterizedTest
    @EnumSource(
            value = ComplaintEventType.class,
            names = {"ASSIGNED", "ON_HOLD", "RESUMED", "ESCALATED", "FOLLOWED_UP"})
    void complaintStepsWithoutAStatisticCountNothing(ComplaintEventType type) {
        assertThat(Contribution.of(complaint("SH-001", NINE_FIFTEEN, type))).isEmpty();
    }

    @Test
    void anOpenedComplaintCountsInTheBreakdownsByCategorySeverityAndDepartment() {
        ComplaintStatistics opened = Contribution.of(complaint("SH-001", NINE_FIFTEEN, ComplaintEventType.OPENED))
                .orElseThrow()
                .statistics()
                .complaints();

        assertThat(opened.opened()).isEqualTo(1);
        assertThat(opened.openedByCategory()).containsExactly(entry("QUALITY", 1L));
        assertThat(opened.openedBySeverity()).containsExactly(entry("HIGH", 1L));
        assertThat(opened.openedByDepartment()).containsExactly(entry("accounts", 1L));
    }

    @Test
    void departmentsBecomeFieldNamesWithoutDots() {
        assertThat(Contribution.departmentKey("retail.north")).isEqualTo("retail_north");
        assertThat(Contribution.departmentKey("$where")).isEqualTo("_where");
        assertThat(Contribution.departmentKey(null)).isEqualTo("unassigned");
    }

    @Test
    void acknowledgementAndResolutionCountWhetherTheyMetTheirTargets() {
        ComplaintStatistics acknowledged = Contribution.of(lifecycle(ComplaintEventType.ACKNOWLEDGED, true, null))
                .orElseThrow()
                .statistics()
                .complaints();
        ComplaintStatistics resolvedLate = Contribution.of(lifecycle(ComplaintEventType.RESOLVED, false, 1980L))
                .orElseThrow()
                .statistics()
                .complaints();

        assertThat(acknowledged.acknowledged()).isEqualTo(1);
        assertThat(acknowledged.acknowledgedWithinTarget()).isEqualTo(1);
        assertThat(resolvedLate.resolved()).isEqualTo(1);
        assertThat(resolvedLate.resolvedWithinTarget()).isZero();
        assertThat(resolvedLate.businessMinutesToResolveSum()).isEqualTo(1980.0);
        assertThat(resolvedLate.businessHoursToResolve().percentile(90)).isBetween(33 / 1.05, 33.0);
    }

    @ParameterizedTest
    @CsvSource({"REOPENED, 1, 0, 0, 0", "CLOSED, 0, 1, 0, 0", "SLA_WARNING, 0, 0, 1, 0", "SLA_BREACHED, 0, 0, 0, 1"})
    void laterStepsCountAsTheirOwnStatistic(
            ComplaintEventType type, long reopened, long closed, long warnings, long breaches) {
        ComplaintStatistics statistics = Contribution.of(complaint("SH-001", NINE_FIFTEEN, type))
                .orElseThrow()
                .statistics()
                .complaints();

        assertThat(statistics.reopened()).isEqualTo(reopened);
        assertThat(statistics.closed()).isEqualTo(closed);
        assertThat(statistics.slaWarnings()).isEqualTo(warnings);
        assertThat(statistics.slaBreaches()).isEqualTo(breaches);
        assertThat(statistics.opened()).isZero();
    }

    @Test
    void theSampleInteractionCountsAsAnsweredWithinServiceLevelAndResolvedFirstTime() {
        InteractionRecorded sample = json.readValue(EventSample.INTERACTION_RECORDED.json(), InteractionRecorded.class);

        InteractionStatistics statistics =
                Contribution.of(sample, 20).statistics().interactions();

        assertThat(statistics)
                .isEqualTo(new InteractionStatistics(
                        1, 1, 0, 1, 1, 170, 28900, 0, 0, Histogram.of(14), Histogram.of(170)));
    }

    @Test
    void anAnswerAfterTheTenantsThresholdMissesTheServiceLevel() {
        InteractionRecorded sample = json.readValue(EventSample.INTERACTION_RECORDED.json(), InteractionRecorded.class);

        assertThat(Contribution.of(sample, 13).statistics().interactions().answeredWithinServiceLevel())
                .isZero();
        assertThat(Contribution.of(sample, 14).statistics().interactions().answeredWithinServiceLevel())
                .isEqualTo(1);
    }

    @Test
    void anAbandonedInteractionCountsItsWaitButNoHandleTime() {
        InteractionStatistics statistics = Contribution.of(interaction(false, true, 95, null, false), 20)
                .statistics()
                .interactions();

        assertThat(statistics.offered()).isEqualTo(1);
        assertThat(statistics.answered()).isZero();
        assertThat(statistics.abandoned()).isEqualTo(1);
        assertThat(statistics.answeredWithinServiceLevel()).isZero();
        assertThat(statistics.waitSeconds()).isEqualTo(Histogram.of(95));
        assertThat(statistics.handleSeconds()).isEqualTo(Histogram.EMPTY);
    }

    @Test
    void aComplexAnsweredInteractionCountsTowardsTheLongerStandard() {
        InteractionStatistics statistics = Contribution.of(interaction(true, false, 5, 250, true), 20)
                .statistics()
                .interactions();

        assertThat(statistics.complexAnswered()).isEqualTo(1);
        assertThat(statistics.complexHandleSecondsSum()).isEqualTo(250.0);
        assertThat(statistics.handleSecondsSum()).isEqualTo(250.0);
    }

    @Test
    void rejectsAnInteractionBothAnsweredAndAbandonedOrWithANegativeWait() {
        assertThatThrownBy(() -> Contribution.of(interaction(true, true, 5, 10, false), 20))
                .isInstanceOf(InvalidEvent.class);
        assertThatThrownBy(() -> Contribution.of(interaction(false, true, -1, null, false), 20))
                .isInstanceOf(InvalidEvent.class)
                .hasMessage("waitSeconds must not be negative");
    }

    @Test
    void feedbackWithCsatAndAllFivePerceptionsFeedsTheKeyDriverSums() {
        var all = new ServqualRatings(
                new DimensionRating(6, 5),
                new DimensionRating(7, 4),
                new DimensionRating(6, 6),
                new DimensionRating(5, 5),
                new DimensionRating(6, 3));

        BucketStatistics statistics = Contribution.of(feedback("SH-001", NINE_FIFTEEN, all, null, 4, null, null))
                .statistics();

        assertThat(statistics.drivers().n()).isEqualTo(1);
        assertThat(statistics.drivers().sum("xy_reliability")).isEqualTo(16.0);
    }

    @Test
    void theDayBucketIsTheBranchesLocalDay() {
        // 23:30 UTC on the 19th is already the 20th in Shanghai (UTC+8), and still the 19th in New York
        Contribution late = Contribution.of(feedback("SH-001", Instant.parse("2026-11-19T23:30:00Z"), 4, null, null));

        assertThat(late.buckets(ZoneId.of("Asia/Shanghai"), true))
                .extracting(BucketId::start)
                .containsExactly(
                        Instant.parse("2026-11-19T23:30:00Z"),
                        Instant.parse("2026-11-19T23:00:00Z"),
                        Instant.parse("2026-11-19T16:00:00Z"));
        assertThat(late.buckets(ZoneId.of("America/New_York"), false))
                .extracting(BucketId::start)
                .containsExactly(Instant.parse("2026-11-19T23:00:00Z"), Instant.parse("2026-11-19T05:00:00Z"));
    }

    @Test
    void aLocalDayAcrossADaylightSavingChangeStartsAtLocalMidnight() {
        Contribution autumn = Contribution.of(feedback("SH-001", Instant.parse("2026-10-25T22:00:00Z"), 4, null, null));

        assertThat(autumn.buckets(ZoneId.of("Europe/Berlin"), false).get(1).start())
                .isEqualTo(Instant.parse("2026-10-24T22:00:00Z"));
    }

    private static ComplaintChanged lifecycle(ComplaintEventType type, Boolean withinTarget, Long minutes) {
        ComplaintChanged base = complaint("SH-001", NINE_FIFTEEN, type);
        return new ComplaintChanged(
                base.eventId(),
                base.tenantId(),
                base.branchId(),
                base.occurredAt(),
                base.schemaVersion(),
                base.complaintId(),
                base.number(),
                type,
                base.channel(),
                base.category(),
                base.subcategory(),
                base.severity(),
                base.department(),
                base.firstResponseDueAt(),
                base.resolutionDueAt(),
                null,
                null,
                null,
                "api",
                withinTarget,
                minutes,
                null,
                null,
                null);
    }

    private static InteractionRecorded interaction(
            boolean answered, boolean abandoned, Integer wait, Integer handle, boolean complex) {
        return TestEvents.interaction("SH-001", NINE_FIFTEEN, answered, abandoned, wait, handle, true, complex);
    }
}

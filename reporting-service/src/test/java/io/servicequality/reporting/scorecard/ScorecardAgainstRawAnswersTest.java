package io.servicequality.reporting.scorecard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.ComplaintStatistics;
import io.servicequality.contracts.BucketStatistics.CsatStatistics;
import io.servicequality.contracts.BucketStatistics.DimensionDistributions;
import io.servicequality.contracts.BucketStatistics.DimensionStatistics;
import io.servicequality.contracts.BucketStatistics.InteractionStatistics;
import io.servicequality.contracts.BucketStatistics.MeanStatistics;
import io.servicequality.contracts.BucketStatistics.NpsStatistics;
import io.servicequality.contracts.BucketStatistics.RatingDistributions;
import io.servicequality.contracts.BucketStatistics.ServqualDistributions;
import io.servicequality.contracts.BucketStatistics.ServqualStatistics;
import io.servicequality.contracts.Channel;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.Histogram;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.contracts.ServqualDimension;
import io.servicequality.reporting.bucket.HourStatisticsDeserializer;
import io.servicequality.reporting.complaint.ComplaintBacklog.Backlog;
import io.servicequality.reporting.complaint.ComplaintBacklog.OpenComplaint;
import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scorecard.ScorecardProperties.DimensionWeights;
import io.servicequality.reporting.scorecard.ScorecardProperties.SqiWeights;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The channel breakdown, standard deviations and distributions of the scorecard equal a plain computation over the raw
 * answers: for random answers of random channels (some without one) spread over hour buckets, published as metric
 * updates (JSON on the wire, read by the read model's deserializer) and summed in random order, every figure is
 * computed again straight from the raw values — standard deviations two-pass, distributions by counting, each channel
 * from the answers that named it.
 */
class ScorecardAgainstRawAnswersTest {

    private static final Offset<Double> EXACT = within(1e-9);
    private static final Instant NINE = Instant.parse("2026-11-20T09:00:00Z");
    private static final Scope BRANCH =
            new Scope(Scope.Level.BRANCH, "SH-001", null, List.of("SH-001"), ZoneOffset.UTC);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ScorecardCalculator calculator = new ScorecardCalculator(new ScorecardProperties(
            new SqiWeights(0.3, 0.2, 0.2, 0.15, 0.15), new DimensionWeights(0.2, 0.2, 0.2, 0.2, 0.2)));

    /** One respondent's answers; a SERVQUAL rating is {@code null} when left out, else half-point steps. */
    record Answers(Channel channel, Integer csat, Integer nps, Integer ces, double[][] servqual) {}

    record Interaction(Channel channel, boolean answered, int waitSeconds, int handleSeconds) {}

    record ComplaintResolved(Channel channel, boolean withinTarget, long businessMinutes) {}

    /** Open complaints now, about half through a random channel, some without one, some overdue. */
    private static List<OpenComplaint> randomBacklog(Random random) {
        List<OpenComplaint> open = new ArrayList<>();
        Channel[] channels = Channel.values();
        for (int i = 0, count = random.nextInt(8); i < count; i++) {
            String channel = random.nextInt(4) == 0 ? null : channels[random.nextInt(channels.length)].name();
            open.add(new OpenComplaint(
                    "SH-001", "c-" + i, "" + i, "QUALITY", "LOW", null, channel, NINE, random.nextBoolean()));
        }
        return open;
    }

    /** The raw events of one hour bucket. */
    record Hour(List<Answers> answers, List<Interaction> interactions, List<ComplaintResolved> complaints) {}

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987})
    void channelBreakdownStandardDeviationsAndDistributionsEqualThePlainComputation(long seed) {
        Random random = new Random(seed);
        List<Hour> hours = new ArrayList<>();
        for (int i = 0, count = 1 + random.nextInt(6); i < count; i++) {
            hours.add(randomHour(random));
        }

        BucketStatistics totals = summedAsTheReadModelReceivesThem(hours, random);
        List<OpenComplaint> open = randomBacklog(random);
        Backlog backlog = new Backlog(
                open.size(), open.stream().filter(OpenComplaint::overdue).count(), open);
        Scorecard scorecard = calculator.scorecard(BRANCH, NINE, NINE.plus(1, ChronoUnit.DAYS), totals, backlog);

        List<Answers> answers =
                hours.stream().flatMap(h -> h.answers().stream()).toList();
        List<Interaction> interactions =
                hours.stream().flatMap(h -> h.interactions().stream()).toList();
        List<ComplaintResolved> complaints =
                hours.stream().flatMap(h -> h.complaints().stream()).toList();
        assertFeedbackEqualsThePlainComputation(scorecard.feedback(), answers);

        Set<String> channels = new TreeSet<>();
        answers.stream()
                .filter(a -> a.channel() != null)
                .forEach(a -> channels.add(a.channel().name()));
        interactions.forEach(i -> channels.add(i.channel().name()));
        complaints.stream()
                .filter(c -> c.channel() != null)
                .forEach(c -> channels.add(c.channel().name()));
        open.stream().filter(c -> c.channel() != null).forEach(c -> channels.add(c.channel()));
        assertThat(scorecard.byChannel().keySet()).containsExactlyElementsOf(channels);
        for (String channel : channels) {
            Predicate<Channel> named = c -> c != null && c.name().equals(channel);
            Scorecard.ChannelScorecard entry = scorecard.byChannel().get(channel);
            List<Answers> itsAnswers =
                    answers.stream().filter(a -> named.test(a.channel())).toList();
            List<Interaction> itsInteractions =
                    interactions.stream().filter(i -> named.test(i.channel())).toList();
            List<ComplaintResolved> itsComplaints =
                    complaints.stream().filter(c -> named.test(c.channel())).toList();
            assertFeedbackEqualsThePlainComputation(entry.feedback(), itsAnswers);
            List<OpenComplaint> itsOpen =
                    open.stream().filter(c -> channel.equals(c.channel())).toList();
            assertChannelInteractionsAndComplaints(entry, itsInteractions, itsComplaints, itsOpen, itsAnswers);
        }
    }

    private void assertFeedbackEqualsThePlainComputation(Scorecard.Feedback feedback, List<Answers> answers) {
        assertThat(feedback.n()).isEqualTo(answers.size());
        List<Integer> csat =
                answers.stream().map(Answers::csat).filter(v -> v != null).toList();
        if (csat.isEmpty()) {
            assertThat(feedback.csat()).isNull();
        } else {
            assertThat(feedback.csat().n()).isEqualTo(csat.size());
            assertThat(feedback.csat().percent())
                    .isCloseTo(100.0 * csat.stream().filter(v -> v >= 4).count() / csat.size(), EXACT);
            assertStandardDeviation(feedback.csat().stdDev(), doubles(csat));
            assertThat(feedback.csat().distribution()).isEqualTo(counted(csat, 1, 5));
        }
        List<Integer> nps =
                answers.stream().map(Answers::nps).filter(v -> v != null).toList();
        if (nps.isEmpty()) {
            assertThat(feedback.nps()).isNull();
        } else {
            long promoters = nps.stream().filter(v -> v >= 9).count();
            long detractors = nps.stream().filter(v -> v <= 6).count();
            assertThat(feedback.nps().score()).isCloseTo(100.0 * (promoters - detractors) / nps.size(), EXACT);
            assertStandardDeviation(feedback.nps().stdDev(), doubles(nps));
            assertThat(feedback.nps().distribution()).isEqualTo(counted(nps, 0, 10));
        }
        List<Integer> ces =
                answers.stream().map(Answers::ces).filter(v -> v != null).toList();
        if (ces.isEmpty()) {
            assertThat(feedback.ces()).isNull();
        } else {
            assertThat(feedback.ces().mean()).isCloseTo(mean(doubles(ces)), EXACT);
            assertStandardDeviation(feedback.ces().stdDev(), doubles(ces));
            assertThat(feedback.ces().distribution()).isEqualTo(counted(ces, 1, 7));
        }
        for (ServqualDimension dimension : ServqualDimension.values()) {
            int d = dimension.ordinal();
            List<double[]> rated = answers.stream()
                    .map(a -> a.servqual()[d])
                    .filter(r -> r != null)
                    .toList();
            if (rated.isEmpty()) {
                if (feedback.servqual() != null) {
                    assertThat(feedback.servqual().dimensions()).doesNotContainKey(dimension.fieldName());
                }
                continue;
            }
            List<Double> expectation = rated.stream().map(r -> r[0]).toList();
            List<Double> perception = rated.stream().map(r -> r[1]).toList();
            Scorecard.Dimension shown = feedback.servqual().dimensions().get(dimension.fieldName());
            assertThat(shown.n()).isEqualTo(rated.size());
            assertThat(shown.expectation()).isCloseTo(mean(expectation), EXACT);
            assertThat(shown.perception()).isCloseTo(mean(perception), EXACT);
            assertStandardDeviation(shown.expectationStdDev(), expectation);
            assertStandardDeviation(shown.perceptionStdDev(), perception);
            // a rating averaged from items is counted at the value it rounds to, halves up
            assertThat(shown.expectationDistribution())
                    .isEqualTo(counted(
                            expectation.stream().map(v -> (int) Math.round(v)).toList(), 1, 7));
            assertThat(shown.perceptionDistribution())
                    .isEqualTo(counted(
                            perception.stream().map(v -> (int) Math.round(v)).toList(), 1, 7));
        }
    }

    private static void assertChannelInteractionsAndComplaints(
            Scorecard.ChannelScorecard entry,
            List<Interaction> interactions,
            List<ComplaintResolved> complaints,
            List<OpenComplaint> open,
            List<Answers> answers) {
        Double answerRate = null;
        if (interactions.isEmpty()) {
            assertThat(entry.interactions()).isNull();
        } else {
            List<Interaction> answered =
                    interactions.stream().filter(Interaction::answered).toList();
            answerRate = 100.0 * answered.size() / interactions.size();
            assertThat(entry.interactions().offered()).isEqualTo(interactions.size());
            assertThat(entry.interactions().answerRate()).isCloseTo(answerRate, EXACT);
            if (answered.isEmpty()) {
                assertThat(entry.interactions().avgHandleSeconds()).isNull();
            } else {
                assertThat(entry.interactions().avgHandleSeconds())
                        .isCloseTo(
                                mean(answered.stream()
                                        .map(i -> (double) i.handleSeconds())
                                        .toList()),
                                EXACT);
            }
        }
        Double resolutionCompliance = null;
        if (complaints.isEmpty() && open.isEmpty()) {
            assertThat(entry.complaints()).isNull();
        } else if (complaints.isEmpty()) {
            assertThat(entry.complaints().resolved()).isZero();
        } else {
            resolutionCompliance = 100.0
                    * complaints.stream()
                            .filter(ComplaintResolved::withinTarget)
                            .count()
                    / complaints.size();
            assertThat(entry.complaints().resolved()).isEqualTo(complaints.size());
            assertThat(entry.complaints().resolutionCompliance()).isCloseTo(resolutionCompliance, EXACT);
        }
        if (entry.complaints() != null) {
            assertThat(entry.complaints().open()).as("open now").isEqualTo(open.size());
            assertThat(entry.complaints().overdue())
                    .as("overdue now")
                    .isEqualTo(open.stream().filter(OpenComplaint::overdue).count());
        }
        // SQI from the plain components, default weights; no importance given, so the weighted gap is the mean gap
        List<Integer> csat =
                answers.stream().map(Answers::csat).filter(v -> v != null).toList();
        List<Integer> nps =
                answers.stream().map(Answers::nps).filter(v -> v != null).toList();
        double weightSum = 0;
        double weighted = 0;
        if (!csat.isEmpty()) {
            weightSum += 0.3;
            weighted += 0.3 * 100.0 * csat.stream().filter(v -> v >= 4).count() / csat.size();
        }
        if (!nps.isEmpty()) {
            double score = 100.0
                    * (nps.stream().filter(v -> v >= 9).count()
                            - nps.stream().filter(v -> v <= 6).count())
                    / nps.size();
            weightSum += 0.2;
            weighted += 0.2 * (score + 100) / 2;
        }
        List<Double> gaps = new ArrayList<>();
        for (ServqualDimension dimension : ServqualDimension.values()) {
            List<double[]> rated = answers.stream()
                    .map(a -> a.servqual()[dimension.ordinal()])
                    .filter(r -> r != null)
                    .toList();
            if (!rated.isEmpty()) {
                gaps.add(mean(rated.stream().map(r -> r[1]).toList())
                        - mean(rated.stream().map(r -> r[0]).toList()));
            }
        }
        if (!gaps.isEmpty()) {
            weightSum += 0.2;
            weighted += 0.2 * (mean(gaps) + 6) / 12 * 100;
        }
        if (answerRate != null) {
            weightSum += 0.15;
            weighted += 0.15 * answerRate;
        }
        if (resolutionCompliance != null) {
            weightSum += 0.15;
            weighted += 0.15 * resolutionCompliance;
        }
        if (weightSum == 0) {
            assertThat(entry.sqi()).isNull();
        } else {
            assertThat(entry.sqi()).isCloseTo(weighted / weightSum, EXACT);
        }
    }

    /** Sample standard deviation, two-pass over the values; none below two values. */
    private static void assertStandardDeviation(Double shown, List<Double> values) {
        if (values.size() < 2) {
            assertThat(shown).isNull();
            return;
        }
        double mean = mean(values);
        double squares =
                values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        assertThat(shown).isCloseTo(Math.sqrt(squares / (values.size() - 1)), EXACT);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
    }

    private static List<Double> doubles(List<Integer> values) {
        return values.stream().map(Integer::doubleValue).toList();
    }

    /** Every value of the scale with how many answers gave it. */
    private static Map<String, Long> counted(List<Integer> values, int lowest, int highest) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int value = lowest; value <= highest; value++) {
            int v = value;
            counts.put(
                    Integer.toString(value), values.stream().filter(x -> x == v).count());
        }
        return counts;
    }

    /**
     * The hour buckets' statistics as scoring publishes them (absolute, each revision complete), serialised as metric
     * updates and read back by the read model's deserializer, then summed in random order; some updates are delivered
     * twice and an older revision arrives late — the read model keeps the newest revision, so only that is summed.
     */
    private static BucketStatistics summedAsTheReadModelReceivesThem(List<Hour> hours, Random random) {
        HourStatisticsDeserializer deserializer = new HourStatisticsDeserializer();
        Map<Instant, MetricUpdated> newest = new TreeMap<>();
        List<MetricUpdated> deliveries = new ArrayList<>();
        for (int i = 0; i < hours.size(); i++) {
            Instant start = NINE.plus(i, ChronoUnit.HOURS);
            Hour hour = hours.get(i);
            BucketStatistics complete = statisticsOf(hour);
            // an earlier revision of the same bucket (its first half of answers), delivered late
            Hour firstHalf = new Hour(hour.answers().subList(0, hour.answers().size() / 2), List.of(), List.of());
            deliveries.add(update(start, 2, complete));
            deliveries.add(update(start, 1, statisticsOf(firstHalf)));
            if (random.nextBoolean()) {
                deliveries.add(update(start, 2, complete));
            }
        }
        Collections.shuffle(deliveries, random);
        for (MetricUpdated delivered : deliveries) {
            MetricUpdated read = deserializer.deserialize("metric-updated", JSON.writeValueAsBytes(delivered));
            newest.merge(read.bucketStart(), read, (kept, later) -> later.revision() > kept.revision() ? later : kept);
        }
        List<BucketStatistics> buckets =
                newest.values().stream().map(MetricUpdated::statistics).collect(Collectors.toList());
        Collections.shuffle(buckets, random);
        return buckets.stream().reduce(BucketStatistics.EMPTY, BucketStatistics::plus);
    }

    private static MetricUpdated update(Instant start, long revision, BucketStatistics statistics) {
        return new MetricUpdated(
                UUID.randomUUID(), "acme-bank", "SH-001", start, 1, Granularity.HOUR, start, revision, statistics);
    }

    /** What scoring counts for these raw events: every event in the totals and in its channel's entry. */
    private static BucketStatistics statisticsOf(Hour hour) {
        BucketStatistics statistics = BucketStatistics.EMPTY;
        for (Answers answers : hour.answers()) {
            statistics = statistics.plus(statisticsOf(answers).inChannel(answers.channel()));
        }
        for (Interaction interaction : hour.interactions()) {
            int handle = interaction.answered() ? interaction.handleSeconds() : 0;
            var counted = new InteractionStatistics(
                    1,
                    interaction.answered() ? 1 : 0,
                    interaction.answered() ? 0 : 1,
                    0,
                    0,
                    handle,
                    (double) handle * handle,
                    0,
                    0,
                    Histogram.of(interaction.waitSeconds()),
                    interaction.answered() ? Histogram.of(handle) : null);
            statistics = statistics.plus(new BucketStatistics(0, null, null, null, null, null, counted, null)
                    .inChannel(interaction.channel()));
        }
        for (ComplaintResolved complaint : hour.complaints()) {
            var counted = new ComplaintStatistics(
                    0,
                    0,
                    0,
                    1,
                    complaint.withinTarget() ? 1 : 0,
                    complaint.businessMinutes(),
                    Histogram.of(complaint.businessMinutes() / 60.0),
                    0,
                    0,
                    0,
                    0,
                    null,
                    null,
                    null);
            statistics = statistics.plus(new BucketStatistics(0, null, null, null, null, counted, null, null)
                    .inChannel(complaint.channel()));
        }
        return statistics;
    }

    private static BucketStatistics statisticsOf(Answers answers) {
        Integer csat = answers.csat();
        Integer nps = answers.nps();
        Integer ces = answers.ces();
        DimensionStatistics[] dimensions = new DimensionStatistics[5];
        DimensionDistributions[] distributions = new DimensionDistributions[5];
        for (int d = 0; d < 5; d++) {
            double[] rating = answers.servqual()[d];
            dimensions[d] = rating == null
                    ? null
                    : new DimensionStatistics(
                            1, rating[0], rating[1], rating[0] * rating[0], rating[1] * rating[1], 0, 0);
            distributions[d] = rating == null
                    ? null
                    : new DimensionDistributions(
                            Map.of(RatingDistributions.valueOf(rating[0]), 1L),
                            Map.of(RatingDistributions.valueOf(rating[1]), 1L));
        }
        return new BucketStatistics(
                1,
                new ServqualStatistics(dimensions[0], dimensions[1], dimensions[2], dimensions[3], dimensions[4]),
                csat == null ? null : new CsatStatistics(1, csat >= 4 ? 1 : 0, csat, (long) csat * csat),
                nps == null
                        ? null
                        : new NpsStatistics(1, nps >= 9 ? 1 : 0, nps == 7 || nps == 8 ? 1 : 0, nps <= 6 ? 1 : 0),
                ces == null ? null : new MeanStatistics(1, ces, (double) ces * ces),
                null,
                null,
                null,
                new RatingDistributions(
                        RatingDistributions.one(csat),
                        RatingDistributions.one(nps),
                        RatingDistributions.one(ces),
                        new ServqualDistributions(
                                distributions[0],
                                distributions[1],
                                distributions[2],
                                distributions[3],
                                distributions[4])),
                null);
    }

    private static Hour randomHour(Random random) {
        List<Answers> answers = new ArrayList<>();
        for (int i = 0, n = random.nextInt(25); i < n; i++) {
            double[][] servqual = new double[5][];
            for (int d = 0; d < 5; d++) {
                if (random.nextInt(3) > 0) {
                    servqual[d] = new double[] {1 + random.nextInt(13) / 2.0, 1 + random.nextInt(13) / 2.0};
                }
            }
            answers.add(new Answers(
                    channelOrNone(random), maybe(random, 1, 5), maybe(random, 0, 10), maybe(random, 1, 7), servqual));
        }
        List<Interaction> interactions = new ArrayList<>();
        for (int i = 0, n = random.nextInt(20); i < n; i++) {
            interactions.add(new Interaction(
                    Channel.values()[random.nextInt(Channel.values().length)],
                    random.nextInt(10) < 8,
                    random.nextInt(120),
                    random.nextInt(600)));
        }
        List<ComplaintResolved> complaints = new ArrayList<>();
        for (int i = 0, n = random.nextInt(4); i < n; i++) {
            complaints.add(new ComplaintResolved(channelOrNone(random), random.nextBoolean(), random.nextInt(3000)));
        }
        return new Hour(answers, interactions, complaints);
    }

    private static Channel channelOrNone(Random random) {
        int roll = random.nextInt(Channel.values().length + 1);
        return roll == Channel.values().length ? null : Channel.values()[roll];
    }

    private static Integer maybe(Random random, int min, int max) {
        return random.nextInt(4) == 0 ? null : min + random.nextInt(max - min + 1);
    }
}

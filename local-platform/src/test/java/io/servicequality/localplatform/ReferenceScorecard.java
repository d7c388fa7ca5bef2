package io.servicequality.localplatform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scorecard computed the plain way, straight from the raw events of one branch and one range, as SPEC §4 defines
 * each metric: no buckets, no statistics, no shared code with the services. The end-to-end test compares the live
 * platform's answer with it.
 */
final class ReferenceScorecard {

    static final List<String> DIMENSIONS =
            List.of("tangibles", "reliability", "responsiveness", "assurance", "empathy");
    private static final double DEFAULT_DIMENSION_WEIGHT = 0.2;
    private static final int SERVICE_LEVEL_SECONDS = 20;

    /** SPEC §4: an ordinary interaction is handled within standard at most 180 s, a complex one at most 300 s. */
    private static final int STANDARD_HANDLE_SECONDS = 180;

    private static final int COMPLEX_STANDARD_HANDLE_SECONDS = 300;

    /**
     * One survey response; absent answers are {@code null}; {@code importance} empty when none was given; {@code
     * channel} {@code null} when the response named none; {@code interactionId} the eventId of the interaction it
     * rates, {@code null} when it names none.
     */
    record Feedback(
            Map<String, int[]> servqual,
            Map<String, Integer> importance,
            Integer csat,
            Integer nps,
            Integer ces,
            String channel,
            String interactionId) {}

    record Interaction(
            String eventId,
            String agentId,
            boolean answered,
            int waitSeconds,
            Integer handleSeconds,
            boolean resolvedFirstContact,
            boolean complex,
            String channel) {}

    /**
     * The expected staff report of one branch and period, by agent: for every agent with interactions, the pointers
     * of their entry in {@code /api/v1/reports/staff} (relative to the entry) and the value each must have, {@code
     * null} where it must be {@code null}. Feedback counts for the agent of the interaction it names.
     */
    static Map<String, Map<String, Double>> staff(Collection<Feedback> feedback, Collection<Interaction> interactions) {
        Map<String, Interaction> byEventId = new LinkedHashMap<>();
        interactions.forEach(interaction -> byEventId.put(interaction.eventId(), interaction));
        Map<String, Map<String, Double>> expected = new java.util.TreeMap<>();
        for (String agent : interactions.stream()
                .map(Interaction::agentId)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new))) {
            List<Interaction> offered =
                    interactions.stream().filter(i -> agent.equals(i.agentId())).toList();
            List<Interaction> answered =
                    offered.stream().filter(Interaction::answered).toList();
            List<Interaction> complex =
                    answered.stream().filter(Interaction::complex).toList();
            List<Interaction> ordinary =
                    answered.stream().filter(i -> !i.complex()).toList();
            Map<String, Double> entry = new LinkedHashMap<>();
            entry.put("/interactions/offered", (double) offered.size());
            entry.put("/interactions/answered", (double) answered.size());
            entry.put("/interactions/abandoned", (double) (offered.size() - answered.size()));
            entry.put("/interactions/answerRate", 100.0 * answered.size() / offered.size());
            entry.put("/interactions/complexAnswered", (double) complex.size());
            entry.put("/interactions/avgHandleSeconds", meanHandleSeconds(answered));
            entry.put("/interactions/avgHandleSecondsOrdinary", meanHandleSeconds(ordinary));
            entry.put("/interactions/avgHandleSecondsComplex", meanHandleSeconds(complex));
            entry.put(
                    "/interactions/standardHandleSeconds",
                    answered.isEmpty()
                            ? null
                            : answered.stream()
                                    .mapToInt(i ->
                                            i.complex() ? COMPLEX_STANDARD_HANDLE_SECONDS : STANDARD_HANDLE_SECONDS)
                                    .average()
                                    .orElseThrow());
            entry.put(
                    "/interactions/handledWithin3MinutesRate",
                    share(answered, i -> i.handleSeconds() <= STANDARD_HANDLE_SECONDS));
            entry.put(
                    "/interactions/handledWithin5MinutesRate",
                    share(answered, i -> i.handleSeconds() <= COMPLEX_STANDARD_HANDLE_SECONDS));
            entry.put(
                    "/interactions/handledWithinStandardRate",
                    share(
                            answered,
                            i -> i.handleSeconds()
                                    <= (i.complex() ? COMPLEX_STANDARD_HANDLE_SECONDS : STANDARD_HANDLE_SECONDS)));
            entry.put("/interactions/fcrRate", share(answered, Interaction::resolvedFirstContact));

            List<Feedback> linked = feedback.stream()
                    .filter(f -> f.interactionId() != null
                            && agent.equals(byEventId.get(f.interactionId()).agentId()))
                    .toList();
            if (linked.isEmpty()) {
                entry.put("/feedback", null);
            } else {
                entry.put("/feedback/n", (double) linked.size());
                List<Integer> csat = answers(linked.stream().map(Feedback::csat).toList());
                entry.put("/feedback/csat/n", csat.isEmpty() ? null : (double) csat.size());
                entry.put(
                        "/feedback/csat/percent",
                        csat.isEmpty()
                                ? null
                                : 100.0 * csat.stream().filter(c -> c >= 4).count() / csat.size());
                List<Integer> nps = answers(linked.stream().map(Feedback::nps).toList());
                entry.put("/feedback/nps/n", nps.isEmpty() ? null : (double) nps.size());
                entry.put(
                        "/feedback/nps/score",
                        nps.isEmpty()
                                ? null
                                : 100.0
                                        * (nps.stream().filter(v -> v >= 9).count()
                                                - nps.stream()
                                                        .filter(v -> v <= 6)
                                                        .count())
                                        / nps.size());
            }
            expected.put(agent, entry);
        }
        return expected;
    }

    private static Double meanHandleSeconds(List<Interaction> answered) {
        return answered.isEmpty()
                ? null
                : answered.stream()
                        .mapToInt(Interaction::handleSeconds)
                        .average()
                        .orElseThrow();
    }

    /** The share (percent) of {@code of} that passes; {@code null} when there is none. */
    private static Double share(List<Interaction> of, java.util.function.Predicate<Interaction> passes) {
        return of.isEmpty() ? null : 100.0 * of.stream().filter(passes).count() / of.size();
    }

    /**
     * The expected {@code byChannel} of the scorecard: for each channel with events or open complaints, {@link #of}
     * over the events that named it, under {@code /byChannel/<channel>}; a channel's complaint block counts the
     * complaints opened in the range and those open now, and is {@code null} without either.
     *
     * @param openNow complaints open now by the channel they came through
     */
    static Map<String, Double> byChannel(
            Collection<Feedback> feedback,
            Collection<Interaction> interactions,
            Map<String, Long> complaintsOpened,
            Map<String, Long> openNow) {
        java.util.SortedSet<String> channels = new java.util.TreeSet<>(complaintsOpened.keySet());
        channels.addAll(openNow.keySet());
        feedback.stream().map(Feedback::channel).filter(c -> c != null).forEach(channels::add);
        interactions.stream().map(Interaction::channel).forEach(channels::add);
        Map<String, Double> expected = new LinkedHashMap<>();
        for (String channel : channels) {
            long opened = complaintsOpened.getOrDefault(channel, 0L);
            Map<String, Double> itsOwn = of(
                    feedback.stream().filter(f -> channel.equals(f.channel())).toList(),
                    interactions.stream()
                            .filter(i -> channel.equals(i.channel()))
                            .toList(),
                    opened);
            long open = openNow.getOrDefault(channel, 0L);
            if (opened == 0 && open == 0) {
                itsOwn.put("/complaints/opened", null);
                itsOwn.put("/complaints/ratePer1000Interactions", null);
                itsOwn.put("/complaints/open", null);
            } else {
                itsOwn.put("/complaints/open", (double) open);
            }
            itsOwn.forEach((pointer, value) -> expected.put("/byChannel/" + channel + pointer, value));
        }
        return expected;
    }

    /** Expected values by the scorecard's JSON pointer; {@code null} where the scorecard must say {@code null}. */
    static Map<String, Double> of(
            Collection<Feedback> feedback, Collection<Interaction> interactions, long complaintsOpened) {
        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("/feedback/n", (double) feedback.size());

        double gapSum = 0;
        int rated = 0;
        double weightSum = 0;
        double weightedGapSum = 0;
        for (String dimension : DIMENSIONS) {
            List<int[]> ratings = feedback.stream()
                    .map(f -> f.servqual().get(dimension))
                    .filter(r -> r != null)
                    .toList();
            List<Integer> points = feedback.stream()
                    .map(f -> f.importance().get(dimension))
                    .filter(p -> p != null)
                    .toList();
            String at = "/feedback/servqual/dimensions/" + dimension;
            if (ratings.isEmpty()) {
                continue;
            }
            double expectation = ratings.stream().mapToInt(r -> r[0]).average().orElseThrow();
            double perception = ratings.stream().mapToInt(r -> r[1]).average().orElseThrow();
            double gap = perception - expectation;
            expected.put(at + "/n", (double) ratings.size());
            expected.put(at + "/expectation", expectation);
            expected.put(at + "/perception", perception);
            expected.put(at + "/gap", gap);
            spreadOf(
                    ratings.stream().map(r -> r[0]).toList(),
                    1,
                    7,
                    at + "/expectationStdDev",
                    at + "/expectationDistribution",
                    expected);
            spreadOf(
                    ratings.stream().map(r -> r[1]).toList(),
                    1,
                    7,
                    at + "/perceptionStdDev",
                    at + "/perceptionDistribution",
                    expected);
            double weight = points.isEmpty()
                    ? DEFAULT_DIMENSION_WEIGHT
                    : points.stream().mapToInt(Integer::intValue).average().orElseThrow() / 100;
            gapSum += gap;
            rated++;
            weightSum += weight;
            weightedGapSum += weight * gap;
        }
        Double weighted = rated == 0 ? null : weightedGapSum / weightSum;
        expected.put("/feedback/servqual/unweighted", rated == 0 ? null : gapSum / rated);
        expected.put("/feedback/servqual/weighted", weighted);

        List<Integer> csat = answers(feedback.stream().map(Feedback::csat).toList());
        Double csatPercent = csat.isEmpty()
                ? null
                : 100.0 * csat.stream().filter(c -> c >= 4).count() / csat.size();
        expected.put("/feedback/csat/n", csat.isEmpty() ? null : (double) csat.size());
        expected.put("/feedback/csat/percent", csatPercent);
        spreadOf(csat, 1, 5, "/feedback/csat/stdDev", "/feedback/csat/distribution", expected);

        List<Integer> nps = answers(feedback.stream().map(Feedback::nps).toList());
        long promoters = nps.stream().filter(s -> s >= 9).count();
        long detractors = nps.stream().filter(s -> s <= 6).count();
        Double npsScore = nps.isEmpty() ? null : 100.0 * (promoters - detractors) / nps.size();
        expected.put("/feedback/nps/n", nps.isEmpty() ? null : (double) nps.size());
        expected.put("/feedback/nps/promoters", nps.isEmpty() ? null : (double) promoters);
        expected.put("/feedback/nps/passives", nps.isEmpty() ? null : (double) (nps.size() - promoters - detractors));
        expected.put("/feedback/nps/detractors", nps.isEmpty() ? null : (double) detractors);
        expected.put("/feedback/nps/score", npsScore);
        spreadOf(nps, 0, 10, "/feedback/nps/stdDev", "/feedback/nps/distribution", expected);

        List<Integer> ces = answers(feedback.stream().map(Feedback::ces).toList());
        expected.put("/feedback/ces/n", ces.isEmpty() ? null : (double) ces.size());
        spreadOf(ces, 1, 7, "/feedback/ces/stdDev", "/feedback/ces/distribution", expected);
        expected.put(
                "/feedback/ces/mean",
                ces.isEmpty()
                        ? null
                        : ces.stream().mapToInt(Integer::intValue).average().orElseThrow());

        long offered = interactions.size();
        List<Interaction> answered =
                interactions.stream().filter(Interaction::answered).toList();
        expected.put("/interactions/offered", offered == 0 ? null : (double) offered);
        expected.put("/interactions/answered", offered == 0 ? null : (double) answered.size());
        Double answerRate = offered == 0 ? null : 100.0 * answered.size() / offered;
        expected.put("/interactions/answerRate", answerRate);
        expected.put(
                "/interactions/serviceLevel",
                offered == 0
                        ? null
                        : 100.0
                                * answered.stream()
                                        .filter(i -> i.waitSeconds() <= SERVICE_LEVEL_SECONDS)
                                        .count()
                                / offered);
        expected.put("/interactions/abandonRate", offered == 0 ? null : 100.0 * (offered - answered.size()) / offered);
        expected.put(
                "/interactions/avgHandleSeconds",
                answered.isEmpty()
                        ? null
                        : answered.stream()
                                .mapToInt(Interaction::handleSeconds)
                                .average()
                                .orElseThrow());
        expected.put(
                "/interactions/avgHandleSecondsComplex",
                meanHandleSeconds(answered.stream().filter(Interaction::complex).toList()));
        expected.put(
                "/interactions/fcrRate",
                answered.isEmpty()
                        ? null
                        : 100.0
                                * answered.stream()
                                        .filter(Interaction::resolvedFirstContact)
                                        .count()
                                / answered.size());
        List<Integer> waits =
                interactions.stream().map(Interaction::waitSeconds).sorted().toList();
        for (int p : new int[] {50, 90, 99}) {
            expected.put("/interactions/waitSeconds/p" + p, nearestRank(waits, p));
        }

        expected.put("/complaints/opened", (double) complaintsOpened);
        expected.put("/complaints/ratePer1000Interactions", offered == 0 ? null : 1000.0 * complaintsOpened / offered);

        expected.put("/sqi", sqi(csatPercent, npsScore, weighted, answerRate));
        return expected;
    }

    /** SPEC §4 default weights 0.3/0.2/0.2/0.15/0.15; no resolution compliance here (nothing resolved). */
    private static Double sqi(Double csatPercent, Double npsScore, Double weightedGap, Double answerRate) {
        double[][] components = {
            {0.3, csatPercent == null ? Double.NaN : csatPercent},
            {0.2, npsScore == null ? Double.NaN : (npsScore + 100) / 2},
            {0.2, weightedGap == null ? Double.NaN : (weightedGap + 6) / 12 * 100},
            {0.15, answerRate == null ? Double.NaN : answerRate}
        };
        double weights = 0;
        double sum = 0;
        for (double[] component : components) {
            if (!Double.isNaN(component[1])) {
                weights += component[0];
                sum += component[0] * component[1];
            }
        }
        return weights == 0 ? null : sum / weights;
    }

    /**
     * The sample standard deviation (two-pass, n − 1; none below two answers) and the count of every value of the
     * scale; nothing when nobody answered (the block is {@code null}).
     */
    private static void spreadOf(
            List<Integer> values,
            int lowest,
            int highest,
            String stdDev,
            String distribution,
            Map<String, Double> into) {
        if (values.isEmpty()) {
            return;
        }
        if (values.size() < 2) {
            into.put(stdDev, null);
        } else {
            double mean = values.stream().mapToInt(Integer::intValue).average().orElseThrow();
            double squares =
                    values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            into.put(stdDev, Math.sqrt(squares / (values.size() - 1)));
        }
        for (int value = lowest; value <= highest; value++) {
            int v = value;
            into.put(distribution + "/" + value, (double)
                    values.stream().filter(x -> x == v).count());
        }
    }

    private static Double nearestRank(List<Integer> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = Math.max(1, (int) Math.ceil(p / 100.0 * sorted.size()));
        return (double) sorted.get(rank - 1);
    }

    private static List<Integer> answers(List<Integer> values) {
        List<Integer> answered = new ArrayList<>();
        for (Integer value : values) {
            if (value != null) {
                answered.add(value);
            }
        }
        return answered;
    }

    private ReferenceScorecard() {}
}

package io.servicequality.scoring.quality;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.DimensionStatistics;
import io.servicequality.contracts.ServqualDimension;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The metrics targets and alert rules can watch, by their public name, each computed from additive statistics as SPEC
 * §4 defines it. Rates and percentages are 0–100.
 */
enum Metric {
    CSAT_PERCENT("csat.percent", s -> ratio(s.csat().satisfied(), s.csat().n())),
    NPS_SCORE(
            "nps.score",
            s -> s.nps().n() == 0
                    ? Observation.NONE
                    : new Observation(
                            100.0
                                    * (s.nps().promoters() - s.nps().detractors())
                                    / s.nps().n(),
                            s.nps().n())),
    CES_MEAN("ces.mean", s -> mean(s.ces().sum(), s.ces().n())),
    SERVQUAL_UNWEIGHTED("servqual.unweighted", Metric::servqualGap),
    ANSWER_RATE(
            "interactions.answerRate",
            s -> ratio(s.interactions().answered(), s.interactions().offered())),
    SERVICE_LEVEL(
            "interactions.serviceLevel",
            s -> ratio(
                    s.interactions().answeredWithinServiceLevel(),
                    s.interactions().offered())),
    ABANDON_RATE(
            "interactions.abandonRate",
            s -> ratio(s.interactions().abandoned(), s.interactions().offered())),
    AVG_HANDLE_SECONDS(
            "interactions.avgHandleSeconds",
            s -> mean(s.interactions().handleSecondsSum(), s.interactions().answered())),
    FCR_RATE(
            "interactions.fcrRate",
            s -> ratio(s.interactions().resolvedFirstContact(), s.interactions().answered())),
    WAIT_P90(
            "interactions.waitSeconds.p90",
            s -> new Observation(
                    s.interactions().waitSeconds().percentile(90),
                    s.interactions().waitSeconds().n())),
    COMPLAINTS_OPENED(
            "complaints.opened",
            s -> new Observation(
                    (double) s.complaints().opened(), s.complaints().opened())),
    FIRST_RESPONSE_COMPLIANCE(
            "complaints.firstResponseCompliance",
            s -> ratio(s.complaints().acknowledgedWithinTarget(), s.complaints().acknowledged())),
    RESOLUTION_COMPLIANCE(
            "complaints.resolutionCompliance",
            s -> ratio(s.complaints().resolvedWithinTarget(), s.complaints().resolved()));

    private final String publicName;
    private final Function<BucketStatistics, Observation> observation;

    Metric(String publicName, Function<BucketStatistics, Observation> observation) {
        this.publicName = publicName;
        this.observation = observation;
    }

    @JsonValue
    String publicName() {
        return publicName;
    }

    @JsonCreator
    static Metric of(String publicName) {
        return Arrays.stream(values())
                .filter(metric ->
                        metric.publicName.equals(publicName) || metric.name().equals(publicName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown metric " + publicName));
    }

    Observation observe(BucketStatistics statistics) {
        return observation.apply(statistics);
    }

    private static Observation ratio(long part, long whole) {
        return whole == 0 ? Observation.NONE : new Observation(100.0 * part / whole, whole);
    }

    private static Observation mean(double sum, long n) {
        return n == 0 ? Observation.NONE : new Observation(sum / n, n);
    }

    /** Mean of the gaps of the dimensions anyone rated; n is the most respondents any dimension had. */
    private static Observation servqualGap(BucketStatistics statistics) {
        double gaps = 0;
        int present = 0;
        long n = 0;
        for (ServqualDimension dimension : ServqualDimension.values()) {
            DimensionStatistics d = statistics.servqual().of(dimension);
            if (d.n() > 0) {
                gaps += (d.perceptionSum() - d.expectationSum()) / d.n();
                present++;
                n = Math.max(n, d.n());
            }
        }
        return present == 0 ? Observation.NONE : new Observation(gaps / present, n);
    }
}

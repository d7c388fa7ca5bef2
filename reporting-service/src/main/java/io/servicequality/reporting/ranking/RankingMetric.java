package io.servicequality.reporting.ranking;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A metric branches or members of staff are ranked by, named in the API by its parameter ({@code ?metric=csat}).
 */
public interface RankingMetric {

    /** The name in the API. */
    String parameter();

    boolean higherIsBetter();

    /** The one of {@code metrics} named {@code parameter}, in any case. */
    static <M extends RankingMetric> Optional<M> named(M[] metrics, String parameter) {
        return Arrays.stream(metrics)
                .filter(metric -> metric.parameter().equalsIgnoreCase(parameter))
                .findFirst();
    }

    /** The parameters of {@code metrics}, for the problem that lists the valid ones. */
    static List<String> parameters(RankingMetric[] metrics) {
        return Arrays.stream(metrics).map(RankingMetric::parameter).toList();
    }
}

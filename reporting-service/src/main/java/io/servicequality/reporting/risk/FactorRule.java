package io.servicequality.reporting.risk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How one factor's value maps to a level 1–5: level 1 below the first threshold, level k + 1 from the k-th threshold
 * on (a value exactly at a threshold takes that threshold's level); level 1 also when fewer than {@code minN}
 * observations back the value, or there is none.
 *
 * @param thresholds four strictly ascending values: where levels 2, 3, 4 and 5 begin
 * @param minN the fewest observations a value needs to count
 */
public record FactorRule(List<Double> thresholds, Long minN) {

    public FactorRule {
        // nulls inside are kept for validation to name them
        thresholds = thresholds == null ? null : Collections.unmodifiableList(new ArrayList<>(thresholds));
    }

    /** The level of {@code value} resting on {@code n} observations. */
    int levelOf(Double value, long n) {
        if (value == null || n < minN) {
            return 1;
        }
        int level = 1;
        for (double threshold : thresholds) {
            if (value >= threshold) {
                level++;
            }
        }
        return level;
    }
}

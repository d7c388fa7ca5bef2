package io.servicequality.scoring.bucket;

import java.time.Duration;

/**
 * The settings the counting topology runs by (see {@link ScoringProperties} for each).
 *
 * @param revisionBase added to every bucket's count of applied events to give its revision: a generation's revisions
 *     lie above all of the previous generation's
 */
record CountingRules(
        int serviceLevelSeconds,
        Duration minuteBucketLateness,
        Duration deduplicationHorizon,
        Duration emitInterval,
        long revisionBase,
        Duration minuteRetention,
        Duration bucketRetention) {

    /** Room for 2^40 (about 10^12) events per bucket and generation. */
    static final int GENERATION_SHIFT = 40;

    static long revisionBaseOf(int generation) {
        return (long) generation << GENERATION_SHIFT;
    }
}

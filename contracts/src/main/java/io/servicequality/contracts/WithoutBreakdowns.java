package io.servicequality.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A Jackson mix-in for {@link BucketStatistics} ({@code mapper.rebuild().addMixIn(BucketStatistics.class,
 * WithoutBreakdowns.class)}): the key-driver sums, rating distributions and channel breakdown are skipped by the parser
 * instead of bound, so statistics read through it equal {@link BucketStatistics#withoutBreakdowns()} of the whole. For
 * readers that use the headline blocks only (reporting's live view, scoring's alert evaluation): an hour update's
 * breakdowns are most of its bytes. A mapper with it must not write statistics (the blocks would be left out).
 */
@JsonIgnoreProperties({"drivers", "distributions", "byChannel"})
public abstract class WithoutBreakdowns {

    private WithoutBreakdowns() {}
}

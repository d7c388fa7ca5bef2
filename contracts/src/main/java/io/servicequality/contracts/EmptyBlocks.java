package io.servicequality.contracts;

import io.servicequality.contracts.BucketStatistics.ComplaintStatistics;
import io.servicequality.contracts.BucketStatistics.CsatStatistics;
import io.servicequality.contracts.BucketStatistics.DimensionDistributions;
import io.servicequality.contracts.BucketStatistics.DimensionStatistics;
import io.servicequality.contracts.BucketStatistics.DriverStatistics;
import io.servicequality.contracts.BucketStatistics.InteractionStatistics;
import io.servicequality.contracts.BucketStatistics.MeanStatistics;
import io.servicequality.contracts.BucketStatistics.NpsStatistics;
import io.servicequality.contracts.BucketStatistics.RatingDistributions;
import io.servicequality.contracts.BucketStatistics.ServqualDistributions;
import io.servicequality.contracts.BucketStatistics.ServqualStatistics;
import io.servicequality.contracts.StaffStatistics.AgentStatistics;
import io.servicequality.contracts.StaffStatistics.HandlerStatistics;
import java.util.Map;

/**
 * Which blocks of the statistics are left out of their JSON: a block equal to its empty value (nothing counted), an
 * empty map, an empty histogram. Every reader takes an absent block as empty (the records' constructors do), so leaving
 * them out changes no value, only the size: a bucket of one busy channel no longer carries the zeros of every block of
 * every other one. Numbers are always written. Used as {@code @JsonInclude(value = CUSTOM, valueFilter =
 * EmptyBlocks.class)}: Jackson leaves a property out when {@code equals(value)} is true.
 */
public final class EmptyBlocks {

    private static final Map<Class<?>, Object> EMPTY_VALUES = Map.ofEntries(
            Map.entry(BucketStatistics.class, BucketStatistics.EMPTY),
            Map.entry(ServqualStatistics.class, ServqualStatistics.EMPTY),
            Map.entry(DimensionStatistics.class, DimensionStatistics.EMPTY),
            Map.entry(CsatStatistics.class, CsatStatistics.EMPTY),
            Map.entry(NpsStatistics.class, NpsStatistics.EMPTY),
            Map.entry(MeanStatistics.class, MeanStatistics.EMPTY),
            Map.entry(ComplaintStatistics.class, ComplaintStatistics.EMPTY),
            Map.entry(InteractionStatistics.class, InteractionStatistics.EMPTY),
            Map.entry(DriverStatistics.class, DriverStatistics.EMPTY),
            Map.entry(RatingDistributions.class, RatingDistributions.EMPTY),
            Map.entry(ServqualDistributions.class, ServqualDistributions.EMPTY),
            Map.entry(DimensionDistributions.class, DimensionDistributions.EMPTY),
            Map.entry(Histogram.class, Histogram.EMPTY),
            Map.entry(StaffStatistics.class, StaffStatistics.EMPTY),
            Map.entry(AgentStatistics.class, AgentStatistics.EMPTY),
            Map.entry(HandlerStatistics.class, HandlerStatistics.EMPTY));

    /** Whether {@code value} is an empty block (left out), as Jackson's value filters are asked. */
    @Override
    public boolean equals(Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            return map.isEmpty();
        }
        Object empty = EMPTY_VALUES.get(value.getClass());
        return empty != null && empty.equals(value);
    }

    @Override
    public int hashCode() {
        return EmptyBlocks.class.hashCode();
    }
}

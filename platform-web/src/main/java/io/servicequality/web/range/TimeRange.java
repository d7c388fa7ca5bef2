package io.servicequality.web.range;

import java.time.Instant;

/** A query's period {@code [from, to)}; checked by {@link ValidTimeRange}. */
public interface TimeRange {

    Instant from();

    Instant to();
}

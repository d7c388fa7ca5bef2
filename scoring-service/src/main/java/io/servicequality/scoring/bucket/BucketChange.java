package io.servicequality.scoring.bucket;

import io.servicequality.contracts.BucketStatistics;
import java.util.ArrayList;
import java.util.List;

/** What one batch adds to one bucket: a part per record, each remembered with its position. */
final class BucketChange {

    /** One record's contribution; {@code late} when it reached the log after the allowed lateness. */
    record Part(SourcePosition position, BucketStatistics statistics, boolean late) {}

    private final BucketId bucket;
    private final List<Part> parts = new ArrayList<>();

    BucketChange(BucketId bucket) {
        this.bucket = bucket;
    }

    BucketId bucket() {
        return bucket;
    }

    List<Part> parts() {
        return parts;
    }

    BucketChange add(SourcePosition position, BucketStatistics statistics, boolean late) {
        parts.add(new Part(position, statistics, late));
        return this;
    }
}

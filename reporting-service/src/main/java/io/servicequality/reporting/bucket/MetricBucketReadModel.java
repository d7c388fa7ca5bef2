package io.servicequality.reporting.bucket;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.MetricUpdated;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Applies metric updates to the bucket read model and answers the views' questions about it. */
@Service
public class MetricBucketReadModel {

    private static final Logger log = LoggerFactory.getLogger(MetricBucketReadModel.class);

    private final MetricBuckets buckets;

    MetricBucketReadModel(MetricBuckets buckets) {
        this.buckets = buckets;
    }

    /**
     * Keeps the update if it is the newest revision of its bucket. Idempotent: a repeated or older revision changes
     * nothing.
     *
     * @throws InvalidMetricUpdateException when the update does not name its bucket
     */
    void apply(MetricUpdated update) {
        MetricBucket bucket = MetricBucket.of(update);
        if (!buckets.storeIfNewer(bucket)) {
            log.debug("ignored revision {} of {}: not newer than the stored one", bucket.revision(), bucket.id());
        }
    }

    /**
     * The sum of the branch's hour buckets whose start lies in [from, to); {@link BucketStatistics#EMPTY} when there
     * are none.
     */
    public BucketStatistics totalOfHourBuckets(String tenantId, String branchId, Instant from, Instant to) {
        return buckets.startingWithin(tenantId, branchId, Granularity.HOUR, from, to).stream()
                .map(MetricBucket::statistics)
                .reduce(BucketStatistics.EMPTY, BucketStatistics::plus);
    }
}

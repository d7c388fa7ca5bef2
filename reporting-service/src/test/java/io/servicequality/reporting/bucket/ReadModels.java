package io.servicequality.reporting.bucket;

import java.time.Duration;
import org.springframework.data.mongodb.core.MongoOperations;

/** The bucket read model over a store, wired as the application wires it, for tests that run without Spring. */
record ReadModels(MetricBucketReadModel views, WriteBehindBuckets writeBehind) {

    static final ReadModelProperties PROPERTIES = new ReadModelProperties(Duration.ofSeconds(1), 2000, 2000);

    static ReadModels over(MongoOperations mongo) {
        return over(new MetricBuckets(mongo), new MetricRollups(mongo), PROPERTIES);
    }

    static ReadModels over(MetricBuckets buckets, MetricRollups rollups, ReadModelProperties properties) {
        var writeBehind = new WriteBehindBuckets(buckets, rollups, properties);
        return new ReadModels(new MetricBucketReadModel(buckets, rollups, writeBehind), writeBehind);
    }
}

package io.servicequality.reporting.bucket;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.contracts.Granularity;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

/**
 * Builds the roll-ups of hour buckets stored before roll-ups existed: at start-up, when there are hour buckets but
 * no roll-up at all, every (tenant, branch, UTC day) with buckets is rolled up once. Idempotent (the roll-ups are
 * recomputed from their sources), so a crash half-way is finished by the updates that follow or by a restart after
 * emptying {@code metricRollups}.
 */
@Component
class RollupBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RollupBackfill.class);

    private final MongoOperations mongo;
    private final WriteBehindBuckets readModel;

    RollupBackfill(MongoOperations mongo, WriteBehindBuckets readModel) {
        this.mongo = mongo;
        this.readModel = readModel;
    }

    @Override
    public void run(ApplicationArguments args) {
        var hourBuckets = query(where("granularity").is(Granularity.HOUR));
        if (mongo.exists(new org.springframework.data.mongodb.core.query.Query(), MetricRollup.class)
                || !mongo.exists(hourBuckets, MetricBucket.class)) {
            return;
        }
        hourBuckets.fields().include("tenantId", "branchId", "bucketStart");
        hourBuckets.with(Sort.by("tenantId", "branchId", "bucketStart"));
        Set<List<Object>> days = new LinkedHashSet<>();
        for (Document bucket : mongo.find(hourBuckets, Document.class, "metricBuckets")) {
            Instant start = bucket.get("bucketStart", Date.class).toInstant();
            days.add(List.of(bucket.getString("tenantId"), bucket.getString("branchId"), TimeRanges.dayOf(start)));
        }
        log.info("rolling up {} branch-days of hour buckets stored before roll-ups existed", days.size());
        int reconciled = 0;
        for (List<Object> day : days) {
            readModel.reconcile((String) day.get(0), (String) day.get(1), (Instant) day.get(2));
            if (++reconciled % 500 == 0) {
                readModel.flush();
            }
        }
        readModel.flush();
    }
}

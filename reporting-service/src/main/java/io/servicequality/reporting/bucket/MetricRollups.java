package io.servicequality.reporting.bucket;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.reporting.bucket.MetricRollup.Period;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.ReplaceOptions;
import org.springframework.stereotype.Repository;

/** The stored roll-ups; like the buckets, each write is one conditional upsert of one document. */
@Repository
class MetricRollups {

    private final MongoOperations mongo;

    MetricRollups(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** Stores the roll-up unless one computed from sources at least as new is stored. */
    boolean storeIfNewer(MetricRollup rollup) {
        var older = query(where("_id").is(rollup.id()).and("revisionSum").lt(rollup.revisionSum()));
        try {
            mongo.replace(older, rollup, ReplaceOptions.replaceOptions().upsert());
            return true;
        } catch (DuplicateKeyException sameOrNewerStored) {
            return false;
        }
    }

    /** Roll-ups of the period starting in [from, to); {@code branchIds == null} means every branch of the tenant. */
    List<StoredStatistics.Row> startingWithin(
            String tenantId, Collection<String> branchIds, Period period, Instant from, Instant to) {
        return ScopedQuery.find(
                        mongo,
                        "metricRollups",
                        tenantId,
                        branchIds,
                        where("period").is(period),
                        "start",
                        from,
                        to,
                        "revisionSum")
                .stream()
                .map(document -> StoredStatistics.row(document, "start", "revisionSum"))
                .toList();
    }
}

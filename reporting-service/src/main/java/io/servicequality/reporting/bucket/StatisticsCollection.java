package io.servicequality.reporting.bucket;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * A collection of stored statistics written behind in bulk by {@link WriteBehindBuckets}: each document holds a
 * branch's statistics from its start on, and the revision it was written at, which guards its compare-and-set
 * replacement. The hour buckets ({@link MetricBuckets}) and the roll-ups ({@link MetricRollups}) differ only in the
 * names of these two fields and in the field that tells their kinds apart.
 */
class StatisticsCollection {

    private final MongoOperations mongo;
    private final String collection;
    private final String startField;
    private final String revisionField;

    StatisticsCollection(MongoOperations mongo, String collection, String startField, String revisionField) {
        this.mongo = mongo;
        this.collection = collection;
        this.startField = startField;
        this.revisionField = revisionField;
    }

    /**
     * Writes the documents in one bulk, each replacing exactly the revision the writer last saw stored.
     *
     * @return whether every write went through (see {@link StoredRevisions#writeAll})
     */
    boolean writeAll(List<StoredRevisions.Write> writes) {
        return StoredRevisions.writeAll(mongo, collection, revisionField, writes);
    }

    /** The stored documents with these ids (those that exist), by id, in one query. */
    Map<String, StoredStatistics.Row> byIds(Collection<String> ids) {
        Map<String, StoredStatistics.Row> rows = new LinkedHashMap<>();
        StoredRevisions.byIds(mongo, collection, ids)
                .forEach((id, document) -> rows.put(id, StoredStatistics.row(document, startField, revisionField)));
        return rows;
    }

    /**
     * Documents of one kind starting in [from, to), by branch, oldest first; {@code branchIds == null} means every
     * branch of the tenant.
     */
    List<StoredStatistics.Row> startingWithin(
            String tenantId, Collection<String> branchIds, Criteria kind, Instant from, Instant to) {
        return ScopedQuery.find(mongo, collection, tenantId, branchIds, kind, startField, from, to, revisionField)
                .stream()
                .map(document -> StoredStatistics.row(document, startField, revisionField))
                .toList();
    }
}

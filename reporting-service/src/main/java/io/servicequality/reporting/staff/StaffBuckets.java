package io.servicequality.reporting.staff;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.contracts.StaffMetricUpdated;
import io.servicequality.contracts.StaffStatistics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

/**
 * The staff read model: one document per member of staff, branch and local day, replaced by every newer revision.
 * Written a consumer batch at a time: the newest revision of each staff day in the batch, as one unordered bulk of
 * replacements, each only over an older stored revision. Scoring publishes a staff day at most once per emit interval
 * (200 ms), but every agent with an interaction in that interval has a changed day, so one write per update was about
 * one store command per interaction at 200 branches (~80 % of reporting's store commands at 200 events/s,
 * docs/benchmarks.md).
 */
@Service
class StaffBuckets {

    private static final int DUPLICATE_KEY = 11000;

    private final MongoOperations mongo;

    StaffBuckets(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** The update if it names its staff day and carries statistics; else an exception that dead-letters it. */
    static StaffMetricUpdated validated(StaffMetricUpdated update) {
        if (update.eventId() == null
                || update.tenantId() == null
                || update.branchId() == null
                || update.staffId() == null
                || update.dayStart() == null
                || update.statistics() == null) {
            throw new InvalidStaffMetricUpdateException(
                    "a staff metric update needs eventId, tenantId, branchId, staffId, dayStart and statistics");
        }
        return update;
    }

    /**
     * Stores the newest revision of each staff day among {@code updates} unless a revision at least as new is stored (a
     * redelivery or an older update changes nothing); one bulk write for the batch.
     */
    void applyAll(List<StaffMetricUpdated> updates) {
        Map<String, StaffBucketDocument> newest = new LinkedHashMap<>();
        for (StaffMetricUpdated update : updates) {
            StaffBucketDocument document = StaffBucketDocument.of(update);
            newest.merge(document.id(), document, (kept, other) -> other.revision() > kept.revision() ? other : kept);
        }
        if (newest.isEmpty()) {
            return;
        }
        var bulk = mongo.bulkOps(BulkMode.UNORDERED, StaffBucketDocument.class);
        newest.values()
                .forEach(document -> bulk.replaceOne(
                        query(where("_id").is(document.id()).and("revision").lt(document.revision())),
                        document,
                        FindAndReplaceOptions.options().upsert()));
        try {
            bulk.execute();
        } catch (BulkOperationException refused) {
            if (!refused.getErrors().stream().allMatch(error -> error.getCode() == DUPLICATE_KEY)) {
                throw refused;
            }
            // the stored revision is at least as new for those: keep it
        }
    }

    /**
     * Each member of staff's statistics summed over the days starting in {@code [from, to)} and the branches given
     * ({@code null}: every branch of the tenant), by staff id.
     *
     * @param staffId only this member of staff, or everyone ({@code null})
     */
    Map<String, Totals> totalsByStaff(
            String tenantId, List<String> branchIds, String staffId, Instant from, Instant to) {
        Criteria criteria =
                where("tenantId").is(tenantId).and("dayStart").gte(from).lt(to);
        if (branchIds != null) {
            criteria.and("branchId").in(branchIds);
        }
        if (staffId != null) {
            criteria.and("staffId").is(staffId);
        }
        Map<String, Totals> totals = new TreeMap<>();
        for (StaffBucketDocument day : mongo.find(query(criteria), StaffBucketDocument.class)) {
            totals.merge(
                    day.staffId(), new Totals(new TreeSet<>(List.of(day.branchId())), day.statistics()), Totals::plus);
        }
        return totals;
    }

    /** A member of staff's summed statistics and the branches they come from. */
    record Totals(TreeSet<String> branchIds, StaffStatistics statistics) {

        Totals plus(Totals other) {
            TreeSet<String> branches = new TreeSet<>(branchIds);
            branches.addAll(other.branchIds);
            return new Totals(branches, statistics.plus(other.statistics));
        }
    }
}

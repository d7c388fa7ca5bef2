package io.servicequality.reporting.staff;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.contracts.StaffMetricUpdated;
import io.servicequality.contracts.StaffStatistics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.ReplaceOptions;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

/**
 * The staff read model: one document per member of staff, branch and local day, replaced by every newer revision.
 * Written one update at a time rather than behind in bulk like the branch buckets: scoring publishes a staff day at
 * most once per emit interval (200 ms) however many events it counts, and an agent's day changes with that agent's
 * own interactions only, so the write rate is bounded by the active staff, not by the event rate.
 */
@Service
class StaffBuckets {

    private final MongoOperations mongo;

    StaffBuckets(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** Stores the update unless a revision at least as new is stored (a redelivery or an older update changes nothing). */
    void apply(StaffMetricUpdated update) {
        if (update.eventId() == null
                || update.tenantId() == null
                || update.branchId() == null
                || update.staffId() == null
                || update.dayStart() == null
                || update.statistics() == null) {
            throw new InvalidStaffMetricUpdateException(
                    "a staff metric update needs eventId, tenantId, branchId, staffId, dayStart and statistics");
        }
        StaffBucketDocument document = StaffBucketDocument.of(update);
        var older = query(where("_id").is(document.id()).and("revision").lt(update.revision()));
        try {
            mongo.replace(older, document, ReplaceOptions.replaceOptions().upsert());
        } catch (DuplicateKeyException atLeastAsNewStored) {
            // the stored revision is at least as new: keep it
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

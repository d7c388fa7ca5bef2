package io.servicequality.scoring.bucket;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.contracts.BranchChanged;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The branches' time zones, from reporting-service's branch directory topic. A branch nobody has described yet counts
 * its days in UTC.
 */
@Component
class BranchDirectory {

    private static final Logger log = LoggerFactory.getLogger(BranchDirectory.class);

    private final MongoTemplate mongo;

    BranchDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Keeps the newest entry per branch: one upsert that matches only an older (or no) stored entry. */
    void update(BranchChanged change) {
        if (change.tenantId() == null || change.branchId() == null || change.occurredAt() == null) {
            throw new InvalidEvent("tenantId, branchId and occurredAt are required");
        }
        String id = BranchEntry.idOf(change.tenantId(), change.branchId());
        Criteria olderOrAbsent = where("_id")
                .is(id)
                .orOperator(
                        where("occurredAt").exists(false), where("occurredAt").lte(change.occurredAt()));
        Update entry = new Update()
                .set("tenantId", change.tenantId())
                .set("branchId", change.branchId())
                .set("regionId", change.regionId())
                .set("timeZone", change.timeZone())
                .set("removed", change.removed())
                .set("occurredAt", change.occurredAt());
        try {
            mongo.upsert(query(olderOrAbsent), entry, BranchEntry.class);
        } catch (DuplicateKeyException newerStored) {
            log.debug("ignoring an older directory entry for {}", id);
        }
    }

    /** The time zone of every given branch ({@code tenantId:branchId}), UTC where unknown or invalid. */
    Map<String, ZoneId> zonesOf(Collection<String> branchIds) {
        Map<String, ZoneId> zones = new HashMap<>();
        for (BranchEntry entry : mongo.find(query(where("_id").in(branchIds)), BranchEntry.class)) {
            zones.put(entry.id(), zoneOf(entry));
        }
        return zones;
    }

    private static ZoneId zoneOf(BranchEntry entry) {
        if (entry.timeZone() == null || entry.timeZone().isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(entry.timeZone());
        } catch (DateTimeException unknownZone) {
            log.warn("branch {} has an unknown time zone {}; counting its days in UTC", entry.id(), entry.timeZone());
            return ZoneOffset.UTC;
        }
    }
}

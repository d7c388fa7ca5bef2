package io.servicequality.reporting.alert;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.contracts.AlertEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

/** Stores alert events (once each) and answers which alerts are active and what happened recently. */
@Service
public class AlertFeed {

    private final MongoOperations mongo;

    AlertFeed(MongoOperations mongo) {
        this.mongo = mongo;
    }

    void apply(AlertEvent event) {
        if (event.eventId() == null
                || event.tenantId() == null
                || event.alertId() == null
                || event.occurredAt() == null) {
            throw new InvalidAlertException("an alert event needs eventId, tenantId, alertId and occurredAt");
        }
        AlertRecord alert = AlertRecord.of(event);
        try {
            mongo.insert(alert);
        } catch (DuplicateKeyException alreadyStored) {
            // a redelivery: stored once
        }
    }

    /** The newest alert events passing the filter, newest first. */
    public List<AlertRecord> recent(String tenantId, AlertFilter filter, int limit) {
        return mongo.find(
                query(scoped(tenantId, filter))
                        .with(Sort.by(Sort.Order.desc("occurredAt"), Sort.Order.desc("_id")))
                        .limit(limit),
                AlertRecord.class);
    }

    /** Alerts raised and not cleared (the latest event of each episode is a raise), newest first. */
    public List<AlertRecord> active(String tenantId, AlertFilter filter) {
        List<AlertRecord> all =
                mongo.find(query(scoped(tenantId, filter)).with(Sort.by("occurredAt", "_id")), AlertRecord.class);
        Map<String, AlertRecord> latest = new LinkedHashMap<>();
        all.forEach(alert -> latest.put(alert.alertId(), alert));
        List<AlertRecord> active = new ArrayList<>(latest.values().stream()
                .filter(alert -> "RAISED".equals(alert.state()))
                .toList());
        active.sort((a, b) -> b.occurredAt().compareTo(a.occurredAt()));
        return active;
    }

    /** The query form of {@link AlertFilter#passes}. */
    private static Criteria scoped(String tenantId, AlertFilter filter) {
        Criteria criteria = where("tenantId").is(tenantId);
        if (filter.branchIds() == null) {
            return criteria;
        }
        List<Criteria> passing = new ArrayList<>();
        passing.add(where("scopeLevel").is("TENANT"));
        if (!filter.regionIds().isEmpty()) {
            passing.add(where("scopeLevel").is("REGION").and("scopeId").in(filter.regionIds()));
        }
        passing.add(where("scopeLevel").ne("REGION").and("branchId").in(filter.branchIds()));
        return criteria.orOperator(passing);
    }
}

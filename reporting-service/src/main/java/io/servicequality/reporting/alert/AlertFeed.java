package io.servicequality.reporting.alert;

import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.contracts.AlertEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Service;

/**
 * Stores alert events (once each) and answers which alerts are active and what happened recently; announces each
 * stored event as {@link AlertStored}.
 */
@Service
public class AlertFeed {

    private final MongoOperations mongo;
    private final ApplicationEventPublisher events;

    AlertFeed(MongoOperations mongo, ApplicationEventPublisher events) {
        this.mongo = mongo;
        this.events = events;
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
            // a redelivery: stored once, announced again (what follows from it may not have happened yet)
        }
        events.publishEvent(new AlertStored(event));
    }

    /** The newest alert events passing the filter, newest first. */
    public List<AlertRecord> recent(String tenantId, AlertFilter filter, int limit) {
        return mongo.find(
                query(filter.criteria(tenantId))
                        .with(Sort.by(Sort.Order.desc("occurredAt"), Sort.Order.desc("_id")))
                        .limit(limit),
                AlertRecord.class);
    }

    /** Alerts raised and not cleared (the latest event of each episode is a raise), newest first. */
    public List<AlertRecord> active(String tenantId, AlertFilter filter) {
        List<AlertRecord> all =
                mongo.find(query(filter.criteria(tenantId)).with(Sort.by("occurredAt", "_id")), AlertRecord.class);
        Map<String, AlertRecord> latest = new LinkedHashMap<>();
        all.forEach(alert -> latest.put(alert.alertId(), alert));
        List<AlertRecord> active = new ArrayList<>(latest.values().stream()
                .filter(alert -> "RAISED".equals(alert.state()))
                .toList());
        active.sort((a, b) -> b.occurredAt().compareTo(a.occurredAt()));
        return active;
    }
}

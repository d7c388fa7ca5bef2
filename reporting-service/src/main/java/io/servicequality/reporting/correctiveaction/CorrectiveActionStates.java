package io.servicequality.reporting.correctiveaction;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.contracts.CorrectiveActionChanged;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.ReplaceOptions;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Repository;

/**
 * Each corrective action's latest state (collection {@code correctiveActions}): an event replaces the stored state only
 * when its {@code version} is higher, so a redelivery or an older version arriving late changes nothing.
 */
@Repository
public class CorrectiveActionStates {

    private final MongoOperations mongo;

    CorrectiveActionStates(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** One action as stored and as a report reads it; {@code dueDate} ISO ({@link #dueDay()}). */
    @Document("correctiveActions")
    public record Action(
            @Id String id,
            String tenantId,
            String branchId,
            String actionId,
            long version,
            String complaintId,
            String metric,
            String title,
            String owner,
            String dueDate,
            String status,
            int cycle,
            Instant createdAt,
            Instant completedAt,
            List<CorrectiveActionChanged.Check> checks) {

        public LocalDate dueDay() {
            return LocalDate.parse(dueDate);
        }
    }

    void apply(CorrectiveActionChanged event) {
        if (event.eventId() == null
                || event.tenantId() == null
                || event.branchId() == null
                || event.actionId() == null
                || event.status() == null
                || event.createdAt() == null
                || event.dueDate() == null) {
            throw new InvalidCorrectiveActionException(
                    "a corrective-action event needs eventId, tenantId, branchId, actionId, status, createdAt and"
                            + " dueDate");
        }
        try {
            LocalDate.parse(event.dueDate());
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidCorrectiveActionException("dueDate is not an ISO date: " + event.dueDate());
        }
        String id = event.tenantId() + ":" + event.actionId();
        Action stored = new Action(
                id,
                event.tenantId(),
                event.branchId(),
                event.actionId(),
                event.version(),
                event.complaintId(),
                event.metric(),
                event.title(),
                event.owner(),
                event.dueDate(),
                event.status(),
                event.cycle(),
                event.createdAt(),
                event.completedAt(),
                event.checks() == null ? List.of() : event.checks());
        try {
            mongo.replace(
                    query(where("_id").is(id).and("version").lt(event.version())),
                    stored,
                    ReplaceOptions.replaceOptions().upsert());
        } catch (DuplicateKeyException atLeastAsNewStored) {
            // the stored version is at least as new: keep it
        }
    }

    /**
     * The actions of the branches ({@code null}: all the tenant's) a report of {@code [from, to)} speaks of: planned
     * before {@code to} and either not yet effective at {@code from} or completed in the period; oldest first.
     */
    public List<Action> of(String tenantId, List<String> branchIds, Instant from, Instant to) {
        Criteria criteria = where("tenantId").is(tenantId).and("createdAt").lt(to);
        if (branchIds != null) {
            criteria = criteria.and("branchId").in(branchIds);
        }
        List<Action> actions = new ArrayList<>();
        for (Action stored : mongo.find(query(criteria), Action.class)) {
            if (stored.completedAt() == null || !stored.completedAt().isBefore(from)) {
                actions.add(stored);
            }
        }
        actions.sort(Comparator.comparing(Action::createdAt).thenComparing(Action::actionId));
        return actions;
    }
}

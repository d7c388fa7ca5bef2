package io.servicequality.complaint.lifecycle;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.complaint.calendar.BusinessCalendarChanged;
import io.servicequality.complaint.sla.SlaPolicyChanged;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Due times follow their inputs: a changed business calendar recomputes the branch's unresolved complaints, a changed
 * SLA policy the tenant's unresolved complaints of its severity, each one write under the optimistic lock
 * ({@link ComplaintService#recomputeDueTimes}).
 */
@Component
class DueTimeRecomputation {

    private static final Logger log = LoggerFactory.getLogger(DueTimeRecomputation.class);

    private final ComplaintService complaints;
    private final MongoOperations mongo;

    DueTimeRecomputation(ComplaintService complaints, MongoOperations mongo) {
        this.complaints = complaints;
        this.mongo = mongo;
    }

    @EventListener
    void on(BusinessCalendarChanged changed) {
        recompute(query(where("tenantId").is(changed.tenantId()).and("branchId").is(changed.branchId())));
    }

    @EventListener
    void on(SlaPolicyChanged changed) {
        recompute(query(
                where("tenantId").is(changed.tenantId()).and("details.severity").is(changed.severity())));
    }

    private void recompute(Query scope) {
        scope.addCriteria(where("status").in(ComplaintStatus.ACTIVE)).with(Sort.by("_id"));
        scope.fields().include("_id");
        List<String> ids = mongo.find(scope, Document.class, Complaint.COLLECTION).stream()
                .map(document -> String.valueOf(document.get("_id")))
                .toList();
        ids.forEach(complaints::recomputeDueTimes);
        log.info("Recomputed the due times of {} complaints", ids.size());
    }
}

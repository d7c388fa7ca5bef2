package io.servicequality.complaint.complaint;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.complaint.calendar.BusinessCalendars;
import io.servicequality.complaint.problem.ProblemTypes;
import io.servicequality.complaint.problem.Problems;
import io.servicequality.complaint.sla.SlaPolicies;
import io.servicequality.complaint.tenant.TenantProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Opens complaints, moves them through their lifecycle and fires their SLA timers, within the deployment's tenant. */
@Service
class ComplaintService {

    private static final Logger log = LoggerFactory.getLogger(ComplaintService.class);

    private final Complaints complaints;
    private final MongoOperations mongo;
    private final OutboxRelay relay;
    private final BusinessCalendars calendars;
    private final SlaPolicies policies;
    private final LifecycleProperties lifecycle;
    private final int maxNumberingAttempts;
    private final String tenantId;
    private final Clock clock;

    ComplaintService(
            Complaints complaints,
            MongoOperations mongo,
            OutboxRelay relay,
            BusinessCalendars calendars,
            SlaPolicies policies,
            LifecycleProperties lifecycle,
            NumberingProperties numbering,
            TenantProperties tenant,
            Clock clock) {
        this.complaints = complaints;
        this.mongo = mongo;
        this.relay = relay;
        this.calendars = calendars;
        this.policies = policies;
        this.lifecycle = lifecycle;
        this.maxNumberingAttempts = numbering.maxAttempts();
        this.tenantId = tenant.tenantId();
        this.clock = clock;
    }

    /**
     * Opens a complaint under the next free number of its branch and month.
     *
     * <p>Gap-free and unique without transactions: the serial is one more than the highest stored one, and the
     * insert is guarded by the unique (tenant, branch, month, serial) index. Losing that race to a concurrent opening
     * is a duplicate-key error, which stores nothing and so uses no number; we retry with the new highest serial.
     * The complaint and its {@code OPENED} event are one document, written in one insert.
     *
     * @param occurredAt when the customer complained; {@code null} means now
     */
    Complaint open(String branchId, Instant occurredAt, ComplaintDetails details) {
        Instant recordedAt = clock.instant();
        Instant openedAt = occurredAt != null ? occurredAt : recordedAt;
        String month = ComplaintNumber.monthOf(openedAt);
        String complaintId = new ObjectId().toHexString();
        SlaContext sla = slaContext(branchId);
        for (int attempt = 1; attempt <= maxNumberingAttempts; attempt++) {
            ComplaintNumber number =
                    ComplaintNumber.following(branchId, openedAt, complaints.highestSerial(tenantId, branchId, month));
            Complaint complaint =
                    Complaint.open(complaintId, tenantId, branchId, number, openedAt, recordedAt, details, sla);
            // a complaint filed late may already be past its warning or due time
            complaint.fireDueTimers(recordedAt);
            try {
                Complaint stored = complaints.insert(complaint);
                relay.publishSoon(stored.id());
                return stored;
            } catch (DuplicateKeyException e) {
                log.debug("Serial {} was taken concurrently (attempt {}), retrying", number, attempt);
            }
        }
        throw new NumberingContentionException(branchId, maxNumberingAttempts);
    }

    Complaint get(String complaintId) {
        return complaints
                .findByIdAndTenantId(complaintId, tenantId)
                .orElseThrow(() -> new ComplaintNotFoundException(complaintId));
    }

    /**
     * Applies a lifecycle command to the latest stored state and writes it under the optimistic lock.
     *
     * <p>A write that loses to a concurrent one (another command, the relay's bookkeeping, the SLA timer) is retried
     * on the new state, where the command is checked again: two concurrent resolves never both succeed, the second
     * finds the complaint resolved and gets a 409. With {@code expectedRevision} (the {@code If-Match} the caller
     * read), a complaint changed by anyone else since is refused with 412 instead.
     */
    Complaint act(String complaintId, Long expectedRevision, Command command) {
        for (int attempt = 1; attempt <= lifecycle.maxAttempts(); attempt++) {
            Complaint complaint = get(complaintId);
            if (expectedRevision != null && complaint.revision() != expectedRevision) {
                throw Problems.of(
                        HttpStatus.PRECONDITION_FAILED,
                        ProblemTypes.PRECONDITION_FAILED,
                        "Precondition failed",
                        "The complaint changed since revision " + expectedRevision + "; it is at revision "
                                + complaint.revision());
            }
            command.apply(complaint, clock.instant(), slaContext(complaint.branchId()), lifecycle);
            try {
                Complaint saved = complaints.save(complaint);
                relay.publishSoon(saved.id());
                return saved;
            } catch (OptimisticLockingFailureException e) {
                log.debug("Complaint {} changed concurrently (attempt {}), retrying", complaintId, attempt);
            }
        }
        throw Problems.of(
                HttpStatus.CONFLICT,
                ProblemTypes.CONCURRENT_MODIFICATION,
                "Concurrent modification",
                "The complaint kept changing while this change was applied; nothing was changed, please retry");
    }

    /**
     * Fires the SLA and follow-up timers due by now on up to {@code limit} complaints, earliest first. Each complaint
     * is saved under the optimistic lock; a lost race (another instance fired the same timer, or the relay or a
     * command wrote in between) is retried on the fresh state, where an announced timer is already marked, so
     * nothing is announced twice.
     *
     * @return how many complaints were due (a full batch means there may be more)
     */
    int fireDueTimers(int limit) {
        Instant now = clock.instant();
        Query due = query(where("tenantId").is(tenantId).and("nextTimerAt").lte(now))
                .with(Sort.by("nextTimerAt", "_id"))
                .limit(limit);
        due.fields().include("_id");
        List<String> ids = mongo.find(due, org.bson.Document.class, Complaint.COLLECTION).stream()
                .map(document -> String.valueOf(document.get("_id")))
                .toList();
        for (String id : ids) {
            fireDueTimers(id, now);
        }
        return ids.size();
    }

    private void fireDueTimers(String complaintId, Instant now) {
        for (int attempt = 1; attempt <= lifecycle.maxAttempts(); attempt++) {
            Complaint complaint = complaints.findById(complaintId).orElse(null);
            if (complaint == null || !complaint.fireDueTimers(now)) {
                return;
            }
            try {
                complaints.save(complaint);
                relay.publishSoon(complaintId);
                return;
            } catch (OptimisticLockingFailureException e) {
                log.debug("Complaint {} changed while its timers fired (attempt {})", complaintId, attempt);
            }
        }
        log.warn("Complaint {}'s timers kept losing races; the next sweep fires them", complaintId);
    }

    /** Recomputes the due times of the branch's unresolved complaints after its calendar changed. */
    void recomputeBranch(String branchId) {
        recompute(query(where("tenantId").is(tenantId).and("branchId").is(branchId)));
    }

    /** Recomputes the due times of unresolved complaints of a severity after its targets changed. */
    void recomputeSeverity(io.servicequality.contracts.ComplaintChanged.Severity severity) {
        recompute(query(where("tenantId").is(tenantId).and("details.severity").is(severity)));
    }

    private void recompute(Query scope) {
        scope.addCriteria(where("status").in(ComplaintStatus.ACTIVE)).with(Sort.by("_id"));
        scope.fields().include("_id");
        List<String> ids = mongo.find(scope, org.bson.Document.class, Complaint.COLLECTION).stream()
                .map(document -> String.valueOf(document.get("_id")))
                .toList();
        for (String id : ids) {
            act(id, null, (complaint, now, sla, properties) -> complaint.recomputeDueTimes(now, sla));
        }
        log.info("Recomputed the due times of {} complaints", ids.size());
    }

    private SlaContext slaContext(String branchId) {
        return new SlaContext(calendars.of(branchId), policies::targetsFor);
    }

    /** One lifecycle command, applied to the complaint's latest state. */
    @FunctionalInterface
    interface Command {
        void apply(Complaint complaint, Instant now, SlaContext sla, LifecycleProperties lifecycle);
    }
}

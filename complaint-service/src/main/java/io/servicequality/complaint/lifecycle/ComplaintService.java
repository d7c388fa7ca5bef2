package io.servicequality.complaint.lifecycle;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.complaint.calendar.BusinessCalendars;
import io.servicequality.complaint.sla.SlaPolicies;
import io.servicequality.security.CallerAccess;
import io.servicequality.security.TenantGate;
import io.servicequality.web.problem.ProblemTypes;
import io.servicequality.web.problem.Problems;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Opens complaints, moves them through their lifecycle and fires their SLA timers.
 *
 * <p>Requests act for the caller ({@link CallerAccess}): a complaint is opened in the caller's tenant and only for a
 * branch the caller may act for (403 otherwise), and every complaint a request reads or changes is loaded through the
 * caller's scope, so another tenant's or an out-of-scope branch's complaint is not found (404). Background work (SLA
 * timers, follow-up auto-close, recomputation after a calendar or policy change) works on each complaint in its own
 * tenant, for the tenants this deployment serves.
 */
@Service
class ComplaintService {

    private static final Logger log = LoggerFactory.getLogger(ComplaintService.class);

    private final Complaints complaints;
    private final MongoOperations mongo;
    private final ComplaintEventRelay relay;
    private final BusinessCalendars calendars;
    private final SlaPolicies policies;
    private final LifecycleProperties lifecycle;
    private final int maxNumberingAttempts;
    private final CallerAccess callers;
    private final Set<String> tenants;
    private final Clock clock;
    private final DueTimers dueTimers = new DueTimers();

    /** The highest serial known to be taken per tenant, branch and month: where the next numbering starts looking. */
    private final Map<String, Integer> knownSerials = new ConcurrentHashMap<>();

    @Autowired
    ComplaintService(
            Complaints complaints,
            MongoOperations mongo,
            ComplaintEventRelay relay,
            BusinessCalendars calendars,
            SlaPolicies policies,
            LifecycleProperties lifecycle,
            NumberingProperties numbering,
            CallerAccess callers,
            TenantGate tenants,
            Clock clock) {
        this(
                complaints,
                mongo,
                relay,
                calendars,
                policies,
                lifecycle,
                numbering,
                callers,
                tenants.knownTenants(),
                clock);
    }

    /**
     * @param tenants whose complaints the timers of this instance fire
     */
    ComplaintService(
            Complaints complaints,
            MongoOperations mongo,
            ComplaintEventRelay relay,
            BusinessCalendars calendars,
            SlaPolicies policies,
            LifecycleProperties lifecycle,
            NumberingProperties numbering,
            CallerAccess callers,
            Set<String> tenants,
            Clock clock) {
        this.complaints = complaints;
        this.mongo = mongo;
        this.relay = relay;
        this.calendars = calendars;
        this.policies = policies;
        this.lifecycle = lifecycle;
        this.maxNumberingAttempts = numbering.maxAttempts();
        this.callers = callers;
        this.tenants = Set.copyOf(tenants);
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
     * <p>In the caller's tenant, for a branch the caller may act for.
     *
     * @param occurredAt when the customer complained; {@code null} means now
     * @throws org.springframework.security.access.AccessDeniedException for a branch outside the caller's scope (403)
     */
    Complaint open(String branchId, Instant occurredAt, ComplaintDetails details) {
        callers.requireBranch(branchId);
        String tenantId = callers.tenantId();
        String openedBy = callers.current().subject();
        Instant recordedAt = clock.instant();
        Instant openedAt = occurredAt != null ? occurredAt : recordedAt;
        String month = ComplaintNumber.monthOf(openedAt);
        String complaintId = new ObjectId().toHexString();
        SlaContext sla = slaContext(tenantId, branchId);
        Integer known = knownSerials.get(serialKey(tenantId, branchId, month));
        int taken = known == null ? 0 : known;
        // this instance numbered the branch's month before: the serial after its last one is free unless another
        // instance took it, which the unique index tells; so try it without asking the store first
        boolean tryNextToKnown = known != null;
        for (int attempt = 1; attempt <= maxNumberingAttempts; attempt++) {
            int highest = tryNextToKnown ? taken : highestSerialFrom(tenantId, branchId, month, taken);
            tryNextToKnown = false;
            ComplaintNumber number = ComplaintNumber.following(branchId, openedAt, highest);
            Complaint complaint = Complaint.open(
                    complaintId, tenantId, branchId, number, openedAt, recordedAt, openedBy, details, sla);
            // a complaint filed late may already be past its warning or due time
            complaint.fireDueTimers(recordedAt);
            Outbox.Claim claim = relay.claimNew(complaint);
            try {
                Complaint stored = complaints.insert(complaint);
                rememberSerial(tenantId, branchId, month, number.serial());
                dueTimers.schedule(stored.id(), stored.nextTimerAt());
                relay.publishClaimed(claim);
                return stored;
            } catch (DuplicateKeyException e) {
                taken = number.serial();
                log.debug("Serial {} was taken concurrently (attempt {}), retrying", number, attempt);
            }
        }
        throw new NumberingContentionException(branchId, maxNumberingAttempts);
    }

    /**
     * The complaint, if the caller may see it: in its tenant and, for a branch-bound caller, in its branches. Read by
     * {@code _id} and checked here, which is the same as filtering by the caller's scope in the store but is a lookup
     * on the embedded store too (a filter with more fields than an index reads every complaint there).
     */
    Complaint get(String complaintId) {
        Complaint complaint = complaints.findById(complaintId).orElse(null);
        if (complaint == null
                || !complaint.tenantId().equals(callers.tenantId())
                || !callers.mayAccessBranch(complaint.branchId())) {
            throw new ComplaintNotFoundException(complaintId);
        }
        return complaint;
    }

    /**
     * Applies a lifecycle command to the latest stored state and writes it under the optimistic lock.
     *
     * <p>A write that loses to a concurrent one (another command, the relay's bookkeeping, the SLA timer) is retried
     * on the new state, where the command is checked again: two concurrent resolves never both succeed, the second
     * finds the complaint resolved and gets a 409. With {@code expectedRevision} (the {@code If-Match} the caller
     * read), a complaint changed by anyone else since is refused with 412 instead.
     *
     * <p>The complaint is loaded through the caller's scope (404 outside it) and the caller's subject is who acts.
     */
    Complaint act(String complaintId, Long expectedRevision, Command command) {
        String actor = callers.current().subject();
        return apply(complaintId, () -> get(complaintId), expectedRevision, actor, command);
    }

    private Complaint apply(
            String complaintId, Supplier<Complaint> load, Long expectedRevision, String actor, Command command) {
        for (int attempt = 1; attempt <= lifecycle.maxAttempts(); attempt++) {
            Complaint complaint = load.get();
            if (expectedRevision != null && complaint.revision() != expectedRevision) {
                throw Problems.of(
                        HttpStatus.PRECONDITION_FAILED,
                        ProblemTypes.PRECONDITION_FAILED,
                        "Precondition failed",
                        "The complaint changed since revision " + expectedRevision + "; it is at revision "
                                + complaint.revision());
            }
            command.apply(
                    complaint,
                    clock.instant(),
                    actor,
                    slaContext(complaint.tenantId(), complaint.branchId()),
                    lifecycle);
            try {
                Complaint saved = complaints.save(complaint);
                dueTimers.schedule(saved.id(), saved.nextTimerAt());
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
     * Fires the SLA and follow-up timers due by now on up to {@code limit} complaints, earliest first, as the
     * in-memory {@link DueTimers} know them ({@link #recoverDueTimers} brings in what only the store knows). Each
     * complaint is read by {@code _id}, checked, and saved under the optimistic lock; a lost race (another instance
     * fired the same timer, or the relay or a command wrote in between) is retried on the fresh state, where an
     * announced timer is already marked, so nothing is announced twice.
     *
     * @return how many complaints were due (a full batch means there may be more)
     */
    int fireDueTimers(int limit) {
        Instant now = clock.instant();
        List<String> ids = dueTimers.takeDue(now, limit);
        int done = 0;
        try {
            for (String id : ids) {
                fireDueTimers(id, now);
                done++;
            }
        } finally {
            // the store failed: what was taken out and not handled stays due
            dueTimers.scheduleAll(ids.subList(done, ids.size()), now);
        }
        return ids.size();
    }

    /**
     * Reads the next timer instants of the served tenants' complaints due within {@code horizon} from the store into
     * the in-memory index: at start-up, when this instance takes the timer lease over, and now and then, for what
     * other instances (or a run before a crash) wrote. On the embedded store this reads every complaint; on MongoDB
     * it is a range on the {@code due_timers} index.
     *
     * @return how many complaints it found
     */
    int recoverDueTimers(java.time.Duration horizon) {
        Query due = query(where("tenantId")
                .in(tenants)
                .and("nextTimerAt")
                .lte(clock.instant().plus(horizon)));
        due.fields().include("_id").include("nextTimerAt");
        List<org.bson.Document> found = mongo.find(due, org.bson.Document.class, Complaint.COLLECTION);
        for (org.bson.Document document : found) {
            Object at = document.get("nextTimerAt");
            Instant instant = at instanceof java.util.Date date ? date.toInstant() : (Instant) at;
            dueTimers.schedule(String.valueOf(document.get("_id")), instant);
        }
        return found.size();
    }

    private void fireDueTimers(String complaintId, Instant now) {
        for (int attempt = 1; attempt <= lifecycle.maxAttempts(); attempt++) {
            Complaint complaint = complaints.findById(complaintId).orElse(null);
            if (complaint == null || !tenants.contains(complaint.tenantId())) {
                return;
            }
            if (!complaint.fireDueTimers(now)) {
                // known too early, or changed since: wait for the stored instant
                dueTimers.schedule(complaintId, complaint.nextTimerAt());
                return;
            }
            try {
                complaints.save(complaint);
                dueTimers.schedule(complaintId, complaint.nextTimerAt());
                relay.publishSoon(complaintId);
                return;
            } catch (OptimisticLockingFailureException e) {
                log.debug("Complaint {} changed while its timers fired (attempt {})", complaintId, attempt);
            }
        }
        log.warn("Complaint {}'s timers kept losing races; the next sweep fires them", complaintId);
        dueTimers.schedule(complaintId, now);
    }

    /** Recomputes the due times of the branch's unresolved complaints after its calendar changed. */
    void recomputeBranch(String tenantId, String branchId) {
        recompute(query(where("tenantId").is(tenantId).and("branchId").is(branchId)));
    }

    /** Recomputes the due times of the tenant's unresolved complaints of a severity after its targets changed. */
    void recomputeSeverity(String tenantId, io.servicequality.contracts.ComplaintChanged.Severity severity) {
        recompute(query(where("tenantId").is(tenantId).and("details.severity").is(severity)));
    }

    private void recompute(Query scope) {
        scope.addCriteria(where("status").in(ComplaintStatus.ACTIVE)).with(Sort.by("_id"));
        scope.fields().include("_id");
        List<String> ids = mongo.find(scope, org.bson.Document.class, Complaint.COLLECTION).stream()
                .map(document -> String.valueOf(document.get("_id")))
                .toList();
        for (String id : ids) {
            apply(
                    id,
                    () -> complaints.findById(id).orElseThrow(() -> new ComplaintNotFoundException(id)),
                    null,
                    Complaint.SLA_TIMER_ACTOR,
                    (complaint, now, actor, sla, properties) -> complaint.recomputeDueTimes(now, sla));
        }
        log.info("Recomputed the due times of {} complaints", ids.size());
    }

    /**
     * The highest serial the branch used in the month (0 if none yet), found from {@code taken}, a serial known to be
     * used (or 0), by index lookups only: doubling steps while serials are used, then bisecting. Serials are gap-free
     * (a failed insert uses none), so the first free serial above {@code taken} follows the highest one; were there a
     * gap, the result would be the serial before it, whose successor is free all the same — the unique index decides.
     */
    private int highestSerialFrom(String tenantId, String branchId, String month, int taken) {
        int used = Math.max(taken, 0);
        int step = 1;
        while (serialUsed(tenantId, branchId, month, used + step)) {
            used += step;
            step *= 2;
        }
        // used is taken (or 0) and used + step is free: bisect in between
        int free = used + step;
        while (free - used > 1) {
            int middle = used + (free - used) / 2;
            if (serialUsed(tenantId, branchId, month, middle)) {
                used = middle;
            } else {
                free = middle;
            }
        }
        return used;
    }

    /**
     * Whether the number is taken: a find with exactly the fields of the unique numbering index, so an index lookup on
     * MongoDB and on the embedded store alike. (Not {@code exists}/{@code count}: the driver sends those as an
     * aggregation, which the embedded store answers by reading every document.)
     */
    private boolean serialUsed(String tenantId, String branchId, String month, int serial) {
        Query number = query(where("tenantId")
                        .is(tenantId)
                        .and("branchId")
                        .is(branchId)
                        .and("month")
                        .is(month)
                        .and("serial")
                        .is(serial))
                .limit(1);
        number.fields().include("_id");
        return !mongo.find(number, org.bson.Document.class, Complaint.COLLECTION)
                .isEmpty();
    }

    private void rememberSerial(String tenantId, String branchId, String month, int serial) {
        knownSerials.merge(serialKey(tenantId, branchId, month), serial, Math::max);
    }

    private static String serialKey(String tenantId, String branchId, String month) {
        return tenantId + '\n' + branchId + '\n' + month;
    }

    private SlaContext slaContext(String tenantId, String branchId) {
        return new SlaContext(calendars.of(tenantId, branchId), severity -> policies.targetsFor(tenantId, severity));
    }

    /** One lifecycle command, applied to the complaint's latest state; {@code actor} is who acts. */
    @FunctionalInterface
    interface Command {
        void apply(Complaint complaint, Instant now, String actor, SlaContext sla, LifecycleProperties lifecycle);
    }
}

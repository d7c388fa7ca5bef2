package io.servicequality.complaint.lifecycle;

import io.servicequality.complaint.calendar.BusinessCalendars;
import io.servicequality.complaint.sla.SlaPolicies;
import io.servicequality.security.CallerAccess;
import io.servicequality.web.problem.ProblemTypes;
import io.servicequality.web.problem.Problems;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Opens complaints and moves them through their lifecycle: every change is one optimistic-locked write of the
 * complaint, after which its next timer instant goes to {@link DueTimerFiring} and its events to the
 * {@link ComplaintEventRelay}.
 *
 * <p>Requests act for the caller ({@link CallerAccess}): a complaint is opened in the caller's tenant and only for a
 * branch the caller may act for (403 otherwise), and every complaint a request reads or changes is loaded through the
 * caller's scope, so another tenant's or an out-of-scope branch's complaint is not found (404). Recomputation after a
 * calendar or policy change ({@link #recomputeDueTimes}) works on each complaint in its own tenant.
 */
@Service
class ComplaintService {

    private static final Logger log = LoggerFactory.getLogger(ComplaintService.class);

    private final Complaints complaints;
    private final ComplaintNumbering numbering;
    private final DueTimerFiring timers;
    private final ComplaintEventRelay relay;
    private final BusinessCalendars calendars;
    private final SlaPolicies policies;
    private final LifecycleProperties lifecycle;
    private final CallerAccess callers;
    private final Clock clock;

    ComplaintService(
            Complaints complaints,
            ComplaintNumbering numbering,
            DueTimerFiring timers,
            ComplaintEventRelay relay,
            BusinessCalendars calendars,
            SlaPolicies policies,
            LifecycleProperties lifecycle,
            CallerAccess callers,
            Clock clock) {
        this.complaints = complaints;
        this.numbering = numbering;
        this.timers = timers;
        this.relay = relay;
        this.calendars = calendars;
        this.policies = policies;
        this.lifecycle = lifecycle;
        this.callers = callers;
        this.clock = clock;
    }

    /**
     * Opens a complaint under the next free number of its branch and month ({@link ComplaintNumbering}). The
     * complaint, its {@code OPENED} event and the relay's claim on it are one document, written in one insert.
     *
     * <p>In the caller's tenant, for a branch the caller may act for.
     *
     * @param occurredAt when the customer complained; {@code null} means now
     * @throws org.springframework.security.access.AccessDeniedException for a branch outside the caller's scope (403)
     */
    Complaint open(String branchId, Instant occurredAt, ComplaintDetails details) {
        return open(branchId, occurredAt, details, null).complaint();
    }

    /** A complaint just opened, or the one an earlier request with the same {@code Idempotency-Key} opened. */
    record Opening(Complaint complaint, boolean replayed) {}

    /**
     * Opens a complaint. With an {@code Idempotency-Key} the complaint's id comes from the caller's tenant and the key,
     * so a retry after an answer that never arrived (a timeout, an instance that stopped, a store that froze) finds the
     * complaint the first attempt opened instead of opening a second one: the outcome of an opening is always
     * settled by sending it again. The key names the opening: reused for a different complaint → 422.
     */
    Opening open(String branchId, Instant occurredAt, ComplaintDetails details, String idempotencyKey) {
        callers.requireBranch(branchId);
        String tenantId = callers.tenantId();
        String openedBy = callers.current().subject();
        Instant recordedAt = clock.instant();
        Instant openedAt = occurredAt != null ? occurredAt : recordedAt;
        String complaintId = idempotencyKey == null ? new ObjectId().toHexString() : idOf(tenantId, idempotencyKey);
        if (idempotencyKey != null) {
            Complaint earlier = complaints.findById(complaintId).orElse(null);
            if (earlier != null) {
                return replay(earlier, branchId, details);
            }
        }
        SlaContext sla = slaContext(tenantId, branchId);
        try {
            return insertOpening(
                    tenantId, branchId, openedAt, recordedAt, openedBy, details, sla, complaintId, idempotencyKey);
        } catch (OpenedMeanwhile meanwhile) {
            return replay(meanwhile.complaint, branchId, details);
        }
    }

    /**
     * The same key's first attempt stored its complaint while this one was numbering: thrown out of the numbering, so
     * that the serial this attempt tried is not remembered as taken (serials stay gap-free).
     */
    private static final class OpenedMeanwhile extends RuntimeException {
        private final transient Complaint complaint;

        OpenedMeanwhile(Complaint complaint) {
            super(null, null, false, false);
            this.complaint = complaint;
        }
    }

    private Opening insertOpening(
            String tenantId,
            String branchId,
            Instant openedAt,
            Instant recordedAt,
            String openedBy,
            ComplaintDetails details,
            SlaContext sla,
            String complaintId,
            String idempotencyKey) {
        return numbering.insertNumbered(tenantId, branchId, openedAt, number -> {
            Complaint complaint = Complaint.open(
                    complaintId, tenantId, branchId, number, openedAt, recordedAt, openedBy, details, sla);
            // a complaint filed late may already be past its warning or due time
            complaint.fireDueTimers(recordedAt);
            Outbox.Claim claim = relay.claimNew(complaint);
            Complaint stored;
            try {
                stored = complaints.insert(complaint);
            } catch (DuplicateKeyException e) {
                // the same key's first attempt got in meanwhile (else a serial was taken: numbering tries the next)
                Complaint concurrent = idempotencyKey == null
                        ? null
                        : complaints.findById(complaintId).orElse(null);
                if (concurrent == null) {
                    throw e;
                }
                throw new OpenedMeanwhile(concurrent);
            }
            timers.schedule(stored.id(), stored.nextTimerAt());
            relay.publishClaimed(claim);
            return new Opening(stored, false);
        });
    }

    /** The longest {@code Idempotency-Key} accepted (as feedback-service). */
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    /** A complaint id (24 hex digits, as generated ones) that only this tenant and key give. */
    static String idOf(String tenantId, String idempotencyKey) {
        if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            throw Problems.validationFailed(
                    "Idempotency-Key", "must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((tenantId + "\n" + idempotencyKey).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The earlier opening, when this request is the same one sent again; 422 when the key opened another complaint. */
    private Opening replay(Complaint earlier, String branchId, ComplaintDetails details) {
        ComplaintDetails opened = earlier.details();
        boolean same = earlier.branchId().equals(branchId)
                && java.util.Objects.equals(opened.subject(), details.subject())
                && java.util.Objects.equals(opened.description(), details.description())
                && java.util.Objects.equals(opened.customerRef(), details.customerRef())
                && opened.category() == details.category();
        if (!same) {
            throw Problems.of(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    ProblemTypes.of("idempotency-key-reused"),
                    "Idempotency-Key reused",
                    "This Idempotency-Key opened another complaint (" + earlier.number()
                            + "); use a new key for a new complaint.");
        }
        return new Opening(earlier, true);
    }

    /**
     * The complaint, if the caller may see it: in its tenant and, for a branch-bound caller, in its branches. Read by
     * {@code _id} and the scope checked on the result, which answers like a query filtered by the caller's scope
     * (absent and out of scope are the same 404) with a lookup by primary key.
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

    /**
     * Recomputes the complaint's due times on its branch's current calendar and its tenant's current targets, as the
     * SLA timer (no caller), in the complaint's own tenant.
     */
    void recomputeDueTimes(String complaintId) {
        apply(
                complaintId,
                () -> complaints.findById(complaintId).orElseThrow(() -> new ComplaintNotFoundException(complaintId)),
                null,
                Complaint.SLA_TIMER_ACTOR,
                (complaint, action) -> complaint.recomputeDueTimes(action.now(), action.sla()));
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
                    new Action(
                            clock.instant(), actor, slaContext(complaint.tenantId(), complaint.branchId()), lifecycle));
            try {
                Complaint saved = complaints.save(complaint);
                timers.schedule(saved.id(), saved.nextTimerAt());
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

    private SlaContext slaContext(String tenantId, String branchId) {
        return new SlaContext(calendars.of(tenantId, branchId), severity -> policies.targetsFor(tenantId, severity));
    }

    /**
     * What a lifecycle command acts with: when, who, the complaint's SLA context (its branch's calendar, its tenant's
     * targets) and the lifecycle settings.
     */
    record Action(Instant now, String actor, SlaContext sla, LifecycleProperties lifecycle) {}

    /** One lifecycle command, applied to the complaint's latest state. */
    @FunctionalInterface
    interface Command {
        void apply(Complaint complaint, Action action);
    }
}

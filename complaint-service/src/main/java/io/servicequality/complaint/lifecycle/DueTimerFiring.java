package io.servicequality.complaint.lifecycle;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.security.TenantGate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Fires complaints' SLA and follow-up timers when they fall due, for {@link SlaTimer}'s lease holder. Knows when each
 * complaint is next due from an in-memory {@link DueTimers} index that every write of this process feeds
 * ({@link #schedule}) and that {@link #recover} fills from the store's {@code due_timers} index for what other
 * instances or a crashed run wrote.
 */
@Component
class DueTimerFiring {

    static final String TIMERS_DUE = "sqp.sla.timers.due";
    static final String ANNOUNCED = "sqp.sla.announced";
    static final String ANNOUNCED_LATE = "sqp.sla.announced.late";

    /** An announcement later than this after its due time counts as late. */
    static final Duration LATE = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(DueTimerFiring.class);

    private final Complaints complaints;
    private final MongoOperations mongo;
    private final ComplaintEventRelay relay;
    private final int maxAttempts;
    private final Set<String> tenants;
    private final Clock clock;
    private final DueTimers dueTimers = new DueTimers();
    private MeterRegistry meters;

    @Autowired
    DueTimerFiring(
            Complaints complaints,
            MongoOperations mongo,
            ComplaintEventRelay relay,
            LifecycleProperties lifecycle,
            TenantGate tenants,
            Clock clock,
            ObjectProvider<MeterRegistry> meters) {
        this(complaints, mongo, relay, lifecycle, tenants.knownTenants(), clock);
        meters.ifAvailable(registry -> {
            this.meters = registry;
            Gauge.builder(TIMERS_DUE, this, DueTimerFiring::dueNow)
                    .description("complaint SLA timers due and not fired yet")
                    .register(registry);
        });
    }

    /** SLA timers of the complaints this process knows that are due now and not fired yet. */
    int dueNow() {
        return dueTimers.dueBy(clock.instant());
    }

    /**
     * @param tenants whose complaints the timers of this instance fire
     */
    DueTimerFiring(
            Complaints complaints,
            MongoOperations mongo,
            ComplaintEventRelay relay,
            LifecycleProperties lifecycle,
            Set<String> tenants,
            Clock clock) {
        this.complaints = complaints;
        this.mongo = mongo;
        this.relay = relay;
        this.maxAttempts = lifecycle.maxAttempts();
        this.tenants = Set.copyOf(tenants);
        this.clock = clock;
    }

    /** After a write of the complaint: its next timer instant ({@code null}: none). */
    void schedule(String complaintId, Instant nextTimerAt) {
        dueTimers.schedule(complaintId, nextTimerAt);
    }

    /**
     * Fires the SLA and follow-up timers due by now on up to {@code limit} complaints, earliest first, as the
     * in-memory {@link DueTimers} know them ({@link #recover} brings in what only the store knows). Each complaint is
     * read by {@code _id}, checked, and saved under the optimistic lock; a lost race (another instance fired the same
     * timer, or the relay or a command wrote in between) is retried on the fresh state, where an announced timer is
     * already marked, so nothing is announced twice.
     *
     * @return how many complaints were due (a full batch means there may be more)
     */
    int fireDue(int limit) {
        Instant now = clock.instant();
        List<String> ids = dueTimers.takeDue(now, limit);
        int done = 0;
        try {
            for (String id : ids) {
                fire(id, now);
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
     * other instances (or a run before a crash) wrote. A range on the {@code due_timers} index.
     *
     * @return how many complaints it found
     */
    int recover(Duration horizon) {
        Query due = query(where("tenantId")
                .in(tenants)
                .and("nextTimerAt")
                .lte(clock.instant().plus(horizon)));
        due.fields().include("_id").include("nextTimerAt");
        List<Document> found = mongo.find(due, Document.class, Complaint.COLLECTION);
        for (Document document : found) {
            Object at = document.get("nextTimerAt");
            Instant instant = at instanceof Date date ? date.toInstant() : (Instant) at;
            dueTimers.schedule(String.valueOf(document.get("_id")), instant);
        }
        return found.size();
    }

    /**
     * {@code sqp.sla.announced{kind}} for each warning and breach this firing announced, and {@code
     * sqp.sla.announced.late{kind}} when that was more than {@link #LATE} after it fell due.
     */
    private void countAnnounced(Complaint complaint, Set<UUID> pendingBefore, Instant now) {
        if (meters == null) {
            return;
        }
        for (ComplaintChanged event : complaint.pendingEvents()) {
            if (pendingBefore.contains(event.eventId())) {
                continue;
            }
            String kind = switch (event.type()) {
                case SLA_WARNING -> "warning";
                case SLA_BREACHED -> "breach";
                default -> null;
            };
            if (kind == null) {
                continue;
            }
            meters.counter(ANNOUNCED, "kind", kind).increment();
            if (Duration.between(event.occurredAt(), now).compareTo(LATE) > 0) {
                meters.counter(ANNOUNCED_LATE, "kind", kind).increment();
            }
        }
    }

    private void fire(String complaintId, Instant now) {
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Complaint complaint = complaints.findById(complaintId).orElse(null);
            if (complaint == null || !tenants.contains(complaint.tenantId())) {
                return;
            }
            Set<UUID> pendingBefore = complaint.pendingEvents().stream()
                    .map(ComplaintChanged::eventId)
                    .collect(Collectors.toSet());
            if (!complaint.fireDueTimers(now)) {
                // known too early, or changed since: wait for the stored instant
                dueTimers.schedule(complaintId, complaint.nextTimerAt());
                return;
            }
            try {
                complaints.save(complaint);
                dueTimers.schedule(complaintId, complaint.nextTimerAt());
                relay.publishSoon(complaintId);
                countAnnounced(complaint, pendingBefore, now);
                return;
            } catch (OptimisticLockingFailureException e) {
                log.debug("Complaint {} changed while its timers fired (attempt {})", complaintId, attempt);
            }
        }
        log.warn("Complaint {}'s timers kept losing races; the next sweep fires them", complaintId);
        dueTimers.schedule(complaintId, now);
    }
}

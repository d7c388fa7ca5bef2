package io.servicequality.complaint.lifecycle;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fires SLA warnings (80 %), breaches (100 %, escalating one level) and follow-up timeouts. Every
 * {@code sqp.complaints.timers.interval} the instance holding the {@link TimerLease} fires what fell due; the others
 * wait. Exactly once does not rest on the lease alone: each firing is written with its outbox event in one
 * optimistic-locked update of the complaint, so even two instances that both believe they hold the lease cannot
 * announce a timer twice, and a restart finds what was already announced on the document.
 *
 * <p>Timers are not requests: they fire on the complaints of every tenant this deployment serves, each in its own
 * tenant.
 */
@Component
class SlaTimer {

    private static final Logger log = LoggerFactory.getLogger(SlaTimer.class);

    /** One lease for the deployment: its holder fires the timers of every tenant it serves. */
    static final String LEASE = "sla-timers";

    /** Batches per tick, so one tick cannot outlast its lease by much; what is left waits for the next tick. */
    private static final int MAX_ROUNDS = 20;

    /** The default of {@code sqp.complaints.timers.recovery-interval}. */
    static final Duration DEFAULT_RECOVERY_INTERVAL = Duration.ofMinutes(1);

    private final DueTimerFiring timers;
    private final TimerLease lease;
    private final int batchSize;
    private final Duration recoveryInterval;
    private boolean holding;
    private long lastRecoveryNanos;

    @Autowired
    SlaTimer(DueTimerFiring timers, MongoOperations mongo, TimerProperties properties, Clock clock) {
        this(
                timers,
                new TimerLease(mongo, LEASE, UUID.randomUUID().toString(), properties.leaseTimeout(), clock),
                properties.batchSize(),
                properties.recoveryInterval());
    }

    SlaTimer(DueTimerFiring timers, TimerLease lease, int batchSize) {
        this(timers, lease, batchSize, DEFAULT_RECOVERY_INTERVAL);
    }

    SlaTimer(DueTimerFiring timers, TimerLease lease, int batchSize, Duration recoveryInterval) {
        this.timers = timers;
        this.lease = lease;
        this.batchSize = batchSize;
        this.recoveryInterval = recoveryInterval;
    }

    @Scheduled(
            fixedDelayString = "${sqp.complaints.timers.interval:5s}",
            initialDelayString = "${sqp.complaints.timers.interval:5s}")
    void tick() {
        try {
            fire();
        } catch (DataAccessException e) {
            log.warn("SLA timers wait for the store: {}", e.toString());
        }
    }

    /**
     * Fires what fell due if this instance holds (or takes) the lease. When it takes the lease (start-up, or over
     * from another instance) and every {@code recoveryInterval} while it holds it, it first reads the due instants
     * from the store ({@link DueTimerFiring#recover}), for what other instances or a crashed run wrote;
     * otherwise it works from the in-memory index that this process's writes keep.
     *
     * @return how many due complaints this instance handled, or -1 if another instance holds the lease
     */
    synchronized int fire() {
        if (!lease.acquire()) {
            holding = false;
            return -1;
        }
        long now = System.nanoTime();
        if (!holding || now - lastRecoveryNanos >= recoveryInterval.toNanos()) {
            // twice the interval ahead: anything due before the next recovery read is known by then
            timers.recover(recoveryInterval.multipliedBy(2));
            holding = true;
            lastRecoveryNanos = now;
        }
        int total = 0;
        int due;
        int rounds = 0;
        do {
            due = timers.fireDue(batchSize);
            total += due;
        } while (due == batchSize && ++rounds < MAX_ROUNDS);
        return total;
    }

    @PreDestroy
    void releaseLease() {
        try {
            lease.release();
        } catch (DataAccessException e) {
            log.debug("Cannot release the timer lease; it expires by itself: {}", e.toString());
        }
    }
}

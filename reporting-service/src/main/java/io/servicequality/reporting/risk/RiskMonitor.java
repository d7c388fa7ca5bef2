package io.servicequality.reporting.risk;

import io.servicequality.reporting.branch.BranchDirectory;
import io.servicequality.security.TenantGate;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the register live. A branch whose inputs changed (a metric update, an alert, a complaint event) is marked;
 * every {@code sqp.risk.recompute-interval} the branches marked at least {@code sqp.risk.settle} ago and assessed at
 * least {@code sqp.risk.reassess-after} ago are assessed again (a burst of updates is assessed once, after the read
 * models applied it; a branch whose inputs change all the time, once per {@code reassess-after}). Every
 * {@code sqp.risk.full-pass-interval} every branch of every served tenant is assessed, since the windows move on
 * without any event (alerts and days age out). An assessment that lost a race with another instance marks its branch
 * again: it is assessed on the newer state at the next pass.
 *
 * <p>The passes and the relay's sweep run on one thread of their own ({@code risk-assessor}): the service's shared
 * scheduler thread also flushes the bucket read model every second, which a long pass must not hold up. A pass asked
 * for while the same pass waits in the queue is not queued twice.
 */
@Component
class RiskMonitor {

    private static final Logger log = LoggerFactory.getLogger(RiskMonitor.class);

    /** A branch of a tenant. */
    record BranchKey(String tenantId, String branchId) {}

    private final RiskAssessor assessor;
    private final RiskRegister register;
    private final BranchDirectory directory;
    private final TenantGate tenants;
    private final Clock clock;
    private final Duration settle;
    private final Duration reassessAfter;
    private final RiskGradeRelay relay;
    private final Map<BranchKey, Instant> marked = new ConcurrentHashMap<>();
    /** When each branch was last assessed by this instance (a branch not in it: never, or due at once). */
    private final Map<BranchKey, Instant> lastAssessed = new ConcurrentHashMap<>();

    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "risk-assessor");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean markedPassQueued = new AtomicBoolean();
    private final AtomicBoolean fullPassQueued = new AtomicBoolean();
    private final AtomicBoolean relaySweepQueued = new AtomicBoolean();

    RiskMonitor(
            RiskAssessor assessor,
            RiskRegister register,
            BranchDirectory directory,
            TenantGate tenants,
            RiskGradeRelay relay,
            Clock clock,
            RiskProperties properties) {
        this.assessor = assessor;
        this.register = register;
        this.directory = directory;
        this.tenants = tenants;
        this.relay = relay;
        this.clock = clock;
        this.settle = properties.settle();
        this.reassessAfter = properties.reassessAfter();
    }

    /** The branch's inputs changed: assess it at the next pass after it settled. */
    void mark(String tenantId, String branchId) {
        if (tenantId != null && branchId != null) {
            marked.put(new BranchKey(tenantId, branchId), clock.instant());
        }
    }

    /**
     * An alert about the branch was raised or cleared: a factor moved by a whole step, so the branch is assessed at the
     * next pass after it settled, however recently it was (metric updates and complaint events, which move the
     * factors a little at a time, wait for {@code reassess-after}).
     */
    void markUrgent(String tenantId, String branchId) {
        if (tenantId != null && branchId != null) {
            lastAssessed.remove(new BranchKey(tenantId, branchId));
            mark(tenantId, branchId);
        }
    }

    /** The tenant's model changed: every branch of it is assessed at the next pass, however recently it was. */
    void markTenant(String tenantId) {
        branchesOf(tenantId).forEach(branch -> {
            lastAssessed.remove(new BranchKey(tenantId, branch));
            mark(tenantId, branch);
        });
    }

    @Scheduled(fixedDelayString = "${sqp.risk.recompute-interval:5s}")
    void scheduleMarkedPass() {
        runOnce(markedPassQueued, this::assessMarked);
    }

    @Scheduled(
            fixedDelayString = "${sqp.risk.full-pass-interval:5m}",
            initialDelayString = "${sqp.risk.recompute-interval:5s}")
    void scheduleFullPass() {
        runOnce(fullPassQueued, this::assessAll);
    }

    @Scheduled(fixedDelayString = "${sqp.risk.relay-interval:5s}")
    void scheduleRelaySweep() {
        runOnce(relaySweepQueued, relay::publishUnacknowledged);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    private void runOnce(AtomicBoolean queued, Runnable pass) {
        if (queued.compareAndSet(false, true)) {
            worker.execute(() -> {
                queued.set(false);
                try {
                    pass.run();
                } catch (RuntimeException failed) {
                    log.warn("risk pass failed; it runs again at its next interval: {}", failed.toString());
                }
            });
        }
    }

    void assessMarked() {
        Instant now = clock.instant();
        Instant settledBefore = now.minus(settle);
        Instant assessedBefore = now.minus(reassessAfter);
        for (Map.Entry<BranchKey, Instant> entry : Map.copyOf(marked).entrySet()) {
            if (entry.getValue().isAfter(settledBefore)) {
                continue;
            }
            Instant last = lastAssessed.get(entry.getKey());
            if (last != null && last.isAfter(assessedBefore)) {
                continue; // stays marked: assessed at the first pass after reassess-after
            }
            // a mark set while assessing stays and is assessed again
            if (marked.remove(entry.getKey(), entry.getValue())) {
                assess(entry.getKey());
            }
        }
    }

    void assessAll() {
        for (String tenantId : new TreeSet<>(tenants.knownTenants())) {
            branchesOf(tenantId).forEach(branch -> assess(new BranchKey(tenantId, branch)));
        }
    }

    private TreeSet<String> branchesOf(String tenantId) {
        TreeSet<String> branches = new TreeSet<>(register.branchesOf(tenantId));
        directory.branches(tenantId, null).forEach(entry -> branches.add(entry.branchId()));
        return branches;
    }

    private void assess(BranchKey branch) {
        try {
            if (assessor.assess(branch.tenantId(), branch.branchId()) == RiskRegister.Outcome.CONFLICT) {
                lastAssessed.remove(branch);
                marked.putIfAbsent(branch, Instant.EPOCH);
            } else {
                lastAssessed.put(branch, clock.instant());
            }
        } catch (RuntimeException failed) {
            // the store or the broker is away: assessed again at the next pass
            lastAssessed.remove(branch);
            marked.putIfAbsent(branch, Instant.EPOCH);
            log.warn("risk of {} not assessed: {}", branch, failed.toString());
        }
    }
}

package io.servicequality.complaint.sla;

import io.servicequality.complaint.sla.SlaTargets.Targets;
import io.servicequality.contracts.ComplaintChanged.Severity;
import io.servicequality.security.CallerAccess;
import io.servicequality.security.audit.AuditTrail;
import java.time.Duration;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Each tenant's SLA targets per severity: its own {@link SlaPolicy} where it set one, the deployment's
 * {@link SlaTargets} otherwise. Requests read and change the policies of the caller's tenant; every change is
 * announced as a {@link SlaPolicyChanged} and recorded in the audit trail (who, when, before/after).
 */
@Service
public class SlaPolicies {

    private final SlaPolicyRepository policies;
    private final SlaTargets defaults;
    private final ApplicationEventPublisher events;
    private final CallerAccess callers;
    private final AuditTrail audit;

    SlaPolicies(
            SlaPolicyRepository policies,
            SlaTargets defaults,
            ApplicationEventPublisher events,
            CallerAccess callers,
            AuditTrail audit) {
        this.policies = policies;
        this.defaults = defaults;
        this.events = events;
        this.callers = callers;
        this.audit = audit;
    }

    /** The targets the tenant's complaints of this severity are measured against. */
    public Targets targetsFor(String tenantId, Severity severity) {
        return policy(tenantId, severity).map(SlaPolicies::targets).orElseGet(() -> defaults.of(severity));
    }

    /** The targets in force for the caller's tenant. */
    Targets targetsFor(Severity severity) {
        return targetsFor(callers.tenantId(), severity);
    }

    /** The caller's tenant's own policy for the severity, if it set one. */
    Optional<SlaPolicy> policy(Severity severity) {
        return policy(callers.tenantId(), severity);
    }

    void put(Severity severity, long firstResponseMinutes, long resolutionMinutes) {
        String tenantId = callers.tenantId();
        Optional<SlaPolicy> before = policy(tenantId, severity);
        SlaPolicy after = policies.save(new SlaPolicy(
                SlaPolicy.idOf(tenantId, severity), tenantId, severity, firstResponseMinutes, resolutionMinutes));
        audit.record(
                "sla-policy.changed",
                target(severity),
                before.map(SlaPolicies::view).orElse(null),
                view(after));
        events.publishEvent(new SlaPolicyChanged(tenantId, severity));
    }

    boolean remove(Severity severity) {
        Optional<SlaPolicy> existing = policy(severity);
        existing.ifPresent(policy -> {
            policies.delete(policy);
            audit.record("sla-policy.removed", target(severity), view(policy), null);
            events.publishEvent(new SlaPolicyChanged(policy.tenantId(), severity));
        });
        return existing.isPresent();
    }

    private Optional<SlaPolicy> policy(String tenantId, Severity severity) {
        return policies.findByIdAndTenantId(SlaPolicy.idOf(tenantId, severity), tenantId);
    }

    private static Targets targets(SlaPolicy policy) {
        return new Targets(
                Duration.ofMinutes(policy.firstResponseMinutes()), Duration.ofMinutes(policy.resolutionMinutes()));
    }

    private static String target(Severity severity) {
        return "sla-policy:" + severity;
    }

    private static SlaPolicyResponse view(SlaPolicy policy) {
        return SlaPolicyResponse.of(policy.severity(), targets(policy), true);
    }
}

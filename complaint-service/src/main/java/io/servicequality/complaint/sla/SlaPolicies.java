package io.servicequality.complaint.sla;

import io.servicequality.complaint.sla.SlaTargets.Targets;
import io.servicequality.complaint.tenant.TenantProperties;
import io.servicequality.contracts.ComplaintChanged.Severity;
import java.time.Duration;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The tenant's SLA targets per severity: its own {@link SlaPolicy} where it set one, the deployment's
 * {@link SlaTargets} otherwise. Every change is announced as a {@link SlaPolicyChanged}.
 */
@Service
public class SlaPolicies {

    private final SlaPolicyRepository policies;
    private final SlaTargets defaults;
    private final ApplicationEventPublisher events;
    private final String tenantId;

    SlaPolicies(
            SlaPolicyRepository policies,
            SlaTargets defaults,
            ApplicationEventPublisher events,
            TenantProperties tenant) {
        this.policies = policies;
        this.defaults = defaults;
        this.events = events;
        this.tenantId = tenant.tenantId();
    }

    /** The targets complaints of this severity are measured against. */
    public Targets targetsFor(Severity severity) {
        return policy(severity)
                .map(policy -> new Targets(
                        Duration.ofMinutes(policy.firstResponseMinutes()),
                        Duration.ofMinutes(policy.resolutionMinutes())))
                .orElseGet(() -> defaults.of(severity));
    }

    Optional<SlaPolicy> policy(Severity severity) {
        return policies.findByIdAndTenantId(SlaPolicy.idOf(tenantId, severity), tenantId);
    }

    void put(Severity severity, long firstResponseMinutes, long resolutionMinutes) {
        policies.save(new SlaPolicy(
                SlaPolicy.idOf(tenantId, severity), tenantId, severity, firstResponseMinutes, resolutionMinutes));
        events.publishEvent(new SlaPolicyChanged(tenantId, severity));
    }

    boolean remove(Severity severity) {
        Optional<SlaPolicy> existing = policy(severity);
        existing.ifPresent(policy -> {
            policies.delete(policy);
            events.publishEvent(new SlaPolicyChanged(tenantId, severity));
        });
        return existing.isPresent();
    }
}

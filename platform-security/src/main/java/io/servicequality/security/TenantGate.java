package io.servicequality.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.servicequality.contracts.PlatformEvent;
import java.util.Set;

/**
 * Decides whether a consumed event belongs to a tenant this deployment serves. Listeners call {@link #admits} first and
 * drop the event when it answers {@code false}; each drop counts in {@code sqp.events.rejected{reason=unknown-tenant}}.
 */
public class TenantGate {

    public static final String REJECTED = "sqp.events.rejected";

    private final Set<String> knownTenants;
    private final MeterRegistry meters;

    public TenantGate(Set<String> knownTenants, MeterRegistry meters) {
        this.knownTenants = Set.copyOf(knownTenants);
        this.meters = meters;
    }

    public boolean isKnown(String tenantId) {
        return tenantId != null && knownTenants.contains(tenantId);
    }

    /** {@code true}: process the event; {@code false}: drop it (counted). */
    public boolean admits(PlatformEvent event) {
        return admits(event.tenantId(), event.getClass().getSimpleName());
    }

    /**
     * @param eventType tags the counter, e.g. the event's type name
     */
    public boolean admits(String tenantId, String eventType) {
        if (isKnown(tenantId)) {
            return true;
        }
        meters.counter(REJECTED, "reason", "unknown-tenant", "event", eventType).increment();
        return false;
    }

    public Set<String> knownTenants() {
        return knownTenants;
    }
}

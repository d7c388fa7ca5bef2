package io.servicequality.security;

import io.servicequality.contracts.PlatformEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.adapter.RecordFilterStrategy;

/**
 * The tenant gate for every Kafka listener, applied once by the container instead of in each listener: a consumed
 * event of a tenant this deployment does not serve never reaches the listener and counts in
 * {@code sqp.events.rejected{reason=unknown-tenant}}. An event without a tenant passes: it is invalid, and the
 * listener dead-letters it. A record that could not be deserialised (no value) passes too, for the same reason.
 */
public final class UnknownTenantFilter implements RecordFilterStrategy<Object, Object> {

    private final TenantGate tenants;
    private final boolean counted;

    private UnknownTenantFilter(TenantGate tenants, boolean counted) {
        this.tenants = tenants;
        this.counted = counted;
    }

    /** Drops and counts: the filter of the consumer group that owns the event's effect. */
    public static UnknownTenantFilter counting(TenantGate tenants) {
        return new UnknownTenantFilter(tenants, true);
    }

    /**
     * Drops without counting: for a second consumer of the same events (e.g. a live feed in a group of its own), whose
     * drops the owning group already counts.
     */
    public static UnknownTenantFilter uncounted(TenantGate tenants) {
        return new UnknownTenantFilter(tenants, false);
    }

    /** {@code true}: drop the record. */
    @Override
    public boolean filter(ConsumerRecord<Object, Object> record) {
        if (!(record.value() instanceof PlatformEvent event) || event.tenantId() == null) {
            return false;
        }
        return counted ? !tenants.admits(event) : !tenants.isKnown(event.tenantId());
    }
}

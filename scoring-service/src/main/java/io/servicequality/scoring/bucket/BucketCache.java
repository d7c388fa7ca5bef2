package io.servicequality.scoring.bucket;

import io.servicequality.contracts.MetricUpdated;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The buckets this instance wrote last, as it wrote them, so that neither the next batch touching a bucket nor the
 * publisher has to read it back from the store. Nothing depends on it being current: every bucket write is guarded by
 * the revision it was based on, so a write from an entry that another writer (a second instance, a rebalance, a rebuild,
 * retention) has made stale matches nothing, collides, and is redone from a fresh read; the publisher's clearing of the
 * dirty flag is guarded the same way. An entry is only replaced by a higher revision. Bounded, least recently used out:
 * the working set is the current minute, hour and day of each branch.
 */
@Component
class BucketCache {

    /** A bucket as last written here: what the store holds for it, and when it was written. */
    record Entry(BucketId id, Buckets.Stored stored, Instant updatedAt) {

        /** The same event a read of the stored bucket would give. */
        MetricUpdated toMetricUpdated() {
            return new MetricUpdated(
                    MetricUpdated.eventIdOf(
                            id.tenantId(), id.branchId(), id.granularity(), id.start(), stored.revision()),
                    id.tenantId(),
                    id.branchId(),
                    updatedAt,
                    MetricUpdated.SCHEMA_VERSION,
                    id.granularity(),
                    id.start(),
                    stored.revision(),
                    stored.statistics());
        }
    }

    private final Map<String, Entry> entries;

    BucketCache(@Value("${sqp.scoring.bucket-cache-size:5000}") int capacity) {
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Entry get(String id) {
        return entries.get(id);
    }

    /** Keeps the entry unless one of a higher revision is held. */
    synchronized void put(Entry entry) {
        entries.merge(
                entry.id().value(),
                entry,
                (held, written) -> held.stored().revision() > written.stored().revision() ? held : written);
    }

    synchronized void invalidate(Collection<String> ids) {
        ids.forEach(entries::remove);
    }

    synchronized void clear() {
        entries.clear();
    }
}

package io.servicequality.scoring.bucket;

import io.servicequality.contracts.Topics;
import java.time.Instant;
import java.time.ZoneId;

/**
 * One member of staff's bucket: a branch of a tenant, the staff id and the branch's local day (starting at local
 * midnight). Stored under {@link #storeKey()} at {@code start}.
 */
record StaffDay(String tenantId, String branchId, String staffId, Instant start) {

    /** Separates the branch key from the staff id: a control character no id contains. */
    private static final char SEPARATOR = '\u001f';

    static StaffDay of(String tenantId, String branchId, String staffId, Instant eventTime, ZoneId zone) {
        return new StaffDay(
                tenantId,
                branchId,
                staffId,
                eventTime.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant());
    }

    /** {@code tenantId:branchId<US>staffId}. */
    String storeKey() {
        return Topics.recordKey(tenantId, branchId) + SEPARATOR + staffId;
    }

    /** {@code <start millis>|<store key>}, as marked in the changed staff buckets. */
    String changedKey() {
        return start.toEpochMilli() + "|" + storeKey();
    }

    static StaffDay ofChangedKey(String changedKey) {
        int bar = changedKey.indexOf('|');
        return ofStoreKey(
                changedKey.substring(bar + 1), Instant.ofEpochMilli(Long.parseLong(changedKey.substring(0, bar))));
    }

    static StaffDay ofStoreKey(String storeKey, Instant start) {
        int separator = storeKey.indexOf(SEPARATOR);
        String branchKey = storeKey.substring(0, separator);
        int colon = branchKey.indexOf(':');
        return new StaffDay(
                branchKey.substring(0, colon),
                branchKey.substring(colon + 1),
                storeKey.substring(separator + 1),
                start);
    }
}

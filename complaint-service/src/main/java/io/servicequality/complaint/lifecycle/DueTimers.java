package io.servicequality.complaint.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The next timer instant of each complaint this process knows of, earliest first: an in-memory index of the
 * {@code nextTimerAt} field, so that the SLA timer finds what fell due every few seconds without a range query on the
 * store's {@code due_timers} index (asked only by the recovery read).
 *
 * <p>Fed by every write of this process and by a recovery read of the store (start-up, taking over the lease, and
 * every {@code sqp.complaints.timers.recovery-interval}), which brings in what other instances wrote. The index may
 * hold an instant that is too early, never one that is too late: {@link #schedule} keeps the earlier of two instants,
 * and a complaint taken out early is only read, found not due, and scheduled again at its stored instant. Correctness
 * does not rest on it: whether a timer fires is decided on the stored complaint, under its optimistic lock.
 */
final class DueTimers {

    private record Entry(Instant at, String complaintId) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : complaintId.compareTo(other.complaintId);
        }
    }

    private final TreeSet<Entry> byTime = new TreeSet<>();
    private final Map<String, Instant> byComplaint = new HashMap<>();

    /** Remembers that the complaint has a timer at {@code at} (nothing for {@code null}), or earlier if known. */
    synchronized void schedule(String complaintId, Instant at) {
        if (at == null) {
            return;
        }
        Instant known = byComplaint.get(complaintId);
        if (known != null && !at.isBefore(known)) {
            return;
        }
        if (known != null) {
            byTime.remove(new Entry(known, complaintId));
        }
        byComplaint.put(complaintId, at);
        byTime.add(new Entry(at, complaintId));
    }

    /** {@link #schedule}s each complaint at {@code at}. */
    synchronized void scheduleAll(Collection<String> complaintIds, Instant at) {
        complaintIds.forEach(id -> schedule(id, at));
    }

    /** Takes out up to {@code limit} complaints whose timer is at or before {@code now}, earliest first. */
    synchronized List<String> takeDue(Instant now, int limit) {
        List<String> due = new ArrayList<>();
        Iterator<Entry> entries = byTime.iterator();
        while (due.size() < limit && entries.hasNext()) {
            Entry next = entries.next();
            if (next.at().isAfter(now)) {
                break;
            }
            entries.remove();
            byComplaint.remove(next.complaintId());
            due.add(next.complaintId());
        }
        return due;
    }

    /** How many complaints have a timer at or before {@code now}: due and not fired yet. */
    synchronized int dueBy(Instant now) {
        int due = 0;
        for (Entry entry : byTime) {
            if (entry.at().isAfter(now)) {
                break;
            }
            due++;
        }
        return due;
    }

    synchronized int size() {
        return byComplaint.size();
    }
}

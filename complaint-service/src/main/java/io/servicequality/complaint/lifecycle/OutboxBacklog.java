package io.servicequality.complaint.lifecycle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The complaints this process knows to have (or to have had) unpublished outbox events, longest waiting first: what
 * the relay's sweep works through every second without querying the store for complaints with pending events (a
 * query across every tenant's complaints, asked only by the recovery read). Fed by every write of this process and by
 * the relay's recovery read.
 *
 * <p>The relay takes an id out <em>before</em> it reads the complaint and the writer adds it <em>after</em> writing,
 * so an event written meanwhile is either seen by that read or announced again. It is a hint: whether anything is
 * published is decided on the stored complaint.
 */
final class OutboxBacklog {

    private final LinkedHashSet<String> ids = new LinkedHashSet<>();

    synchronized void add(String complaintId) {
        ids.add(complaintId);
    }

    synchronized void addAll(Collection<String> complaintIds) {
        ids.addAll(complaintIds);
    }

    /** Takes the complaint out; false if it was not in (another thread took it). */
    synchronized boolean remove(String complaintId) {
        return ids.remove(complaintId);
    }

    /** Takes out up to {@code limit} complaints, longest waiting first. */
    synchronized List<String> take(int limit) {
        List<String> taken = new ArrayList<>(Math.min(limit, ids.size()));
        Iterator<String> iterator = ids.iterator();
        while (taken.size() < limit && iterator.hasNext()) {
            taken.add(iterator.next());
            iterator.remove();
        }
        return taken;
    }

    synchronized int size() {
        return ids.size();
    }
}

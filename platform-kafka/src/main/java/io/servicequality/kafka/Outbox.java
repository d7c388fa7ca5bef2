package io.servicequality.kafka;

import io.servicequality.contracts.PlatformEvent;
import java.util.List;

/**
 * Documents whose latest change the broker has not acknowledged yet: the outbox kept on each document (a flag or a
 * revision next to the state written in the same single-document write), relayed by {@link OutboxRelay}.
 *
 * @param <T> the document
 */
public interface Outbox<T> {

    /** The topic the changes go to, keyed by the event's record key. */
    String topic();

    /** The oldest unpublished changes first, at most {@code limit}. */
    List<T> unpublished(int limit);

    /** The event that announces the document's current state. */
    PlatformEvent eventOf(T document);

    /** After the broker acknowledged {@link #eventOf}: clears the outbox, only if nothing changed the document since. */
    void published(T document);
}

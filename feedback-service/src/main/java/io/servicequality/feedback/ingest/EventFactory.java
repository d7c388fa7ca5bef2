package io.servicequality.feedback.ingest;

import io.servicequality.contracts.PlatformEvent;

/** Turns a validated request into the event that goes on the log. */
@FunctionalInterface
public interface EventFactory<R extends IngestRequest, E extends PlatformEvent> {

    E toEvent(R request, Arrival arrival);
}

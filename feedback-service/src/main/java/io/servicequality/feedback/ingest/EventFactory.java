package io.servicequality.feedback.ingest;

import io.servicequality.contracts.PlatformEvent;

/** Turns a validated request into the event that goes on the log. */
@FunctionalInterface
public interface EventFactory<R extends IngestRequest> {

    PlatformEvent toEvent(R request, Arrival arrival);
}

package io.servicequality.feedback.ingest;

import io.servicequality.contracts.PlatformEvent;
import io.servicequality.contracts.Topics;
import java.util.List;
import java.util.function.Function;

/**
 * One kind of event this service ingests, and everything the shared pipeline needs to know of it: the request a client
 * posts, the event it becomes on which topic, and what a read of the stored event answers. A feature declares one and
 * extends {@link IngestEndpoints} with it; validation, acceptance, batches, the audit store and the published request
 * examples are the same for every kind.
 *
 * @param noun how answers name one such event ({@code "interaction 4f…" not found})
 * @param topic the topic the events are appended to, the system of record
 * @param requestType what a client posts, validated with its Bean Validation constraints
 * @param factory the event a valid request becomes
 * @param details what {@code GET …/{eventId}} and the audit list answer for a stored event
 * @param examples request examples published in the OpenAPI document
 * @param <R> the request
 * @param <E> the event
 * @param <D> the answer of a read
 */
public record EventType<R extends IngestRequest, E extends PlatformEvent, D>(
        String noun,
        String topic,
        Class<R> requestType,
        EventFactory<R, E> factory,
        Function<E, D> details,
        RequestExamples examples) {

    /** The event class the topic holds (see {@link Topics#eventTypeOf}). */
    public Class<E> eventType() {
        @SuppressWarnings("unchecked")
        Class<E> type = (Class<E>) Topics.eventTypeOf(topic);
        return type;
    }

    /**
     * Examples of a valid request, by name, published in the OpenAPI document and checked by tests to be accepted as
     * they stand.
     *
     * @param single examples of one post, in the order they are shown
     * @param batch a JSON array of items
     * @param batchNdjson the same as NDJSON, one item per line
     */
    public record RequestExamples(List<Named> single, String batch, String batchNdjson) {}

    /** An example request and the name it is shown under. */
    public record Named(String name, String json) {}
}

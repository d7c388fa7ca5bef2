package io.servicequality.scoring.bucket;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Where a metric update comes from: the earliest event counted into its bucket since the bucket was last published,
 * by when the platform accepted it and its W3C trace context.
 *
 * @param acceptedAt the event record's timestamp: when the ingesting service wrote it, once accepted
 * @param traceparent the event's {@code traceparent} header, {@code null} when it was not traced
 */
record Origin(long acceptedAt, Header traceparent) {

    /** Epoch milliseconds, as decimal text, of the acceptance of the earliest event the update reflects. */
    static final String ACCEPTED_AT = "sqp-accepted-at";

    static final String TRACEPARENT = "traceparent";

    static Origin of(Record<String, byte[]> record) {
        return new Origin(record.timestamp(), record.headers().lastHeader(TRACEPARENT));
    }

    /** The update's headers: none when its origin is not known (counted before a restart). */
    static Headers headersOf(Origin origin) {
        Headers headers = new RecordHeaders();
        if (origin != null) {
            headers.add(ACCEPTED_AT, Long.toString(origin.acceptedAt()).getBytes(StandardCharsets.UTF_8));
            if (origin.traceparent() != null) {
                headers.add(TRACEPARENT, origin.traceparent().value());
            }
        }
        return headers;
    }
}

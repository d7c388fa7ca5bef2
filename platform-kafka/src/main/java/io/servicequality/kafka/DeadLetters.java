package io.servicequality.kafka;

import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * For batch listeners that dead-letter what they can never apply themselves, so that one bad record does not hold up
 * the rest of its batch (a record listener leaves that to the container's error handler).
 */
public final class DeadLetters {

    private static final LogAccessor LOG = new LogAccessor(DeadLetters.class);

    private DeadLetters() {}

    /**
     * The record's value; or, when it has none, {@code null} after handing the record to {@code deadLetters} with the
     * reason: the exception the error-handling deserializer put in its headers, else {@code noValue}'s.
     */
    public static <V> V valueOrDeadLetter(
            ConsumerRecord<?, V> record,
            ConsumerRecordRecoverer deadLetters,
            Supplier<? extends RuntimeException> noValue) {
        V value = record.value();
        if (value == null) {
            DeserializationException undeserialisable = SerializationUtils.getExceptionFromHeader(
                    record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
            deadLetters.accept(record, undeserialisable != null ? undeserialisable : noValue.get());
        }
        return value;
    }
}

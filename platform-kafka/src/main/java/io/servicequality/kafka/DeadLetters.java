package io.servicequality.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
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
     * What of a batch can be applied, in the batch's order: each value mapped by {@code apply}. A record without a value
     * goes to {@code deadLetters} as {@link #valueOrDeadLetter} says, and so does one whose value {@code apply} refuses
     * with an {@link InvalidEventException}; a value that {@code apply} maps to {@code null} is left out (not for this
     * listener).
     */
    public static <V, T> List<T> applicable(
            List<? extends ConsumerRecord<?, V>> records,
            ConsumerRecordRecoverer deadLetters,
            Supplier<? extends RuntimeException> noValue,
            Function<? super V, ? extends T> apply) {
        List<T> applicable = new ArrayList<>(records.size());
        for (ConsumerRecord<?, V> record : records) {
            V value = valueOrDeadLetter(record, deadLetters, noValue);
            if (value == null) {
                continue;
            }
            T mapped;
            try {
                mapped = apply.apply(value);
            } catch (InvalidEventException invalid) {
                deadLetters.accept(record, invalid);
                continue;
            }
            if (mapped != null) {
                applicable.add(mapped);
            }
        }
        return applicable;
    }

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

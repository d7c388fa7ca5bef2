package io.servicequality.kafka;

import io.servicequality.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What happens to a record a listener fails on, in every service:
 *
 * <ul>
 *   <li>a record that can never succeed ({@link InvalidEventException}, undeserialisable) goes to
 *       {@code <topic>.dlt} at once;
 *   <li>while the store is unreachable it is retried with pauses of 1, 2, 4, 8 and 16 s (about half a minute): every
 *       record would fail meanwhile, and a dead letter would need replaying;
 *   <li>any other failure (a defect) is retried twice, 500 ms apart, then dead-lettered, so one record cannot hold up
 *       its partition.
 * </ul>
 *
 * Each pause is far below the consumer's {@code max.poll.interval.ms}. The dead-letter partition is left to the
 * producer, so a dead-letter topic with fewer partitions works.
 */
public final class ListenerFailurePolicy {

    private static final Logger log = LoggerFactory.getLogger(ListenerFailurePolicy.class);

    private ListenerFailurePolicy() {}

    /** The error handler of record listeners, publishing through {@code deadLetters}. */
    public static DefaultErrorHandler errorHandler(DeadLetterPublishingRecoverer deadLetters) {
        ConsumerRecordRecoverer loggingRecoverer = (record, exception) -> {
            log.warn(
                    "dead-lettering {}-{}@{} to {}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    deadLetterTopicOf(record),
                    rootCauseOf(exception).toString());
            deadLetters.accept(record, exception);
        };
        var handler = new DefaultErrorHandler(loggingRecoverer, defectBackOff());
        handler.setBackOffFunction((record, exception) -> backOffFor(exception));
        handler.addNotRetryableExceptions(InvalidEventException.class, DeserializationException.class);
        return handler;
    }

    /** A batch listener's failure is a store failure (it dead-letters bad records itself): retried until it answers. */
    public static DefaultErrorHandler untilTheStoreAnswers() {
        var backOff = new ExponentialBackOff(1000, 2);
        backOff.setMaxInterval(30_000);
        return new DefaultErrorHandler(backOff);
    }

    /** The back-off for a failure, or {@code null} for the default one (a defect's). */
    static BackOff backOffFor(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException) {
                return storeOutageBackOff();
            }
        }
        return null;
    }

    static TopicPartition deadLetterTopicOf(ConsumerRecord<?, ?> record) {
        return new TopicPartition(Topics.deadLetterTopicOf(record.topic()), -1);
    }

    private static BackOff defectBackOff() {
        return new FixedBackOff(500, 2);
    }

    private static BackOff storeOutageBackOff() {
        var backOff = new ExponentialBackOff(1000, 2);
        backOff.setMaxAttempts(5);
        return backOff;
    }

    private static Throwable rootCauseOf(Throwable exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}

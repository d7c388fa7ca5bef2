package io.servicequality.scoring.bucket;

import io.servicequality.contracts.BranchChanged;
import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.InteractionRecorded;
import io.servicequality.contracts.PlatformEvent;
import io.servicequality.contracts.Topics;
import io.servicequality.security.TenantGate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Feeds the counted topics to {@link BucketScoring} in batches, with the position and log time of each record, and
 * the branch directory to {@link BranchDirectory}.
 *
 * <p>A record that can never be counted (undeserialisable, invalid) stops the batch there: the records before it are
 * counted, then it is reported by index, so the error handler commits up to it, dead-letters it without retrying and
 * redelivers the rest.
 *
 * <p>An event of a tenant this deployment does not serve ({@link TenantGate}) is dropped and counted in {@code
 * sqp.events.rejected{reason=unknown-tenant}}: it goes through the batch as a record that counts nothing, so it is
 * processed like any other (its offset is committed, it claims no ledger entry and touches no bucket) and is not
 * dead-lettered. An event without a tenant is invalid, as before.
 */
@Component
class SourceEventListener {

    static final String FEEDBACK = "feedback-submitted";
    static final String INTERACTION = "interaction-recorded";
    static final String COMPLAINT = "complaint-changed";

    /** The containers that count events; the listener id is also the consumer group. */
    static final List<String> LISTENER_IDS = List.of(FEEDBACK, INTERACTION, COMPLAINT);

    private static final LogAccessor LOG = new LogAccessor(SourceEventListener.class);

    private final BucketScoring scoring;
    private final BranchDirectory directory;
    private final TenantGate tenants;

    SourceEventListener(BucketScoring scoring, BranchDirectory directory, TenantGate tenants) {
        this.scoring = scoring;
        this.directory = directory;
        this.tenants = tenants;
    }

    static String groupOf(Source source) {
        return switch (source) {
            case FEEDBACK -> FEEDBACK;
            case INTERACTION -> INTERACTION;
            case COMPLAINT -> COMPLAINT;
        };
    }

    @KafkaListener(
            id = FEEDBACK,
            topics = Topics.FEEDBACK_SUBMITTED,
            properties = "spring.json.value.default.type=io.servicequality.contracts.FeedbackSubmitted")
    void onFeedbackSubmitted(List<ConsumerRecord<String, FeedbackSubmitted>> records) {
        count(Source.FEEDBACK, records, Contribution::of);
    }

    @KafkaListener(
            id = INTERACTION,
            topics = Topics.INTERACTION_RECORDED,
            properties = "spring.json.value.default.type=io.servicequality.contracts.InteractionRecorded")
    void onInteractionRecorded(List<ConsumerRecord<String, InteractionRecorded>> records) {
        count(Source.INTERACTION, records, scoring::contributionOf);
    }

    @KafkaListener(
            id = COMPLAINT,
            topics = Topics.COMPLAINT_CHANGED,
            properties = "spring.json.value.default.type=io.servicequality.contracts.ComplaintChanged")
    void onComplaintChanged(List<ConsumerRecord<String, ComplaintChanged>> records) {
        count(Source.COMPLAINT, records, event -> Contribution.of(event).orElse(null));
    }

    @KafkaListener(
            id = "branch-directory",
            topics = Topics.BRANCH_DIRECTORY,
            properties = "spring.json.value.default.type=io.servicequality.contracts.BranchChanged")
    void onBranchChanged(List<ConsumerRecord<String, BranchChanged>> records) {
        for (ConsumerRecord<String, BranchChanged> record : records) {
            if (record.value() == null && deserializationFailureOf(record) == null) {
                continue; // a tombstone on the compacted topic: nothing to place events by
            }
            try {
                BranchChanged change = valueOf(record);
                if (!admitted(change)) {
                    continue;
                }
                directory.update(change);
            } catch (InvalidEvent | DeserializationException uncountable) {
                throw new BatchListenerFailedException("branch entry cannot be used", uncountable, record);
            }
        }
    }

    private <T extends PlatformEvent> void count(
            Source source, List<ConsumerRecord<String, T>> records, Function<T, Contribution> contributionOf) {
        List<CountedRecord> counted = new ArrayList<>(records.size());
        for (ConsumerRecord<String, T> record : records) {
            try {
                T event = valueOf(record);
                counted.add(new CountedRecord(
                        new SourcePosition(source, record.partition(), record.offset()),
                        Instant.ofEpochMilli(record.timestamp()),
                        event.eventId(),
                        admitted(event) ? contributionOf.apply(event) : null));
            } catch (InvalidEvent | DeserializationException uncountable) {
                scoring.recordAll(counted);
                throw new BatchListenerFailedException("record cannot be counted", uncountable, record);
            }
        }
        scoring.recordAll(counted);
    }

    /** {@code false} (and counted) for a tenant this deployment does not serve; a missing tenant is left to validation. */
    private boolean admitted(PlatformEvent event) {
        return event.tenantId() == null || tenants.admits(event);
    }

    private static <T> T valueOf(ConsumerRecord<String, T> record) {
        DeserializationException failure = deserializationFailureOf(record);
        if (failure != null) {
            throw failure;
        }
        if (record.value() == null) {
            throw new InvalidEvent("the record has no value");
        }
        return record.value();
    }

    private static DeserializationException deserializationFailureOf(ConsumerRecord<?, ?> record) {
        return SerializationUtils.getExceptionFromHeader(
                record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
    }
}

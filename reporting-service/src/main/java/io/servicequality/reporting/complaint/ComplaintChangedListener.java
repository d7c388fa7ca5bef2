package io.servicequality.reporting.complaint;

import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.Topics;
import io.servicequality.kafka.DeadLetters;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.stereotype.Component;

/**
 * Feeds {@link Topics#COMPLAINT_CHANGED} into the complaint backlog, a batch at a time (three store commands per batch
 * instead of three per event). A record that can never be applied (undeserialisable, or not naming its complaint)
 * goes to the dead-letter topic at once, without holding up the rest of the batch; a store failure fails the batch,
 * which is retried until the store answers.
 */
@Component
class ComplaintChangedListener {

    /** The container factory of this listener (batches, retried while the store is away): see the config package. */
    public static final String CONTAINER_FACTORY = "complaintEventBatches";

    private final ComplaintBacklog backlog;
    private final ConsumerRecordRecoverer deadLetters;

    ComplaintChangedListener(ComplaintBacklog backlog, ConsumerRecordRecoverer deadLetters) {
        this.backlog = backlog;
        this.deadLetters = deadLetters;
    }

    @KafkaListener(
            id = "reporting-complaints",
            groupId = "reporting-service.complaints",
            topics = Topics.COMPLAINT_CHANGED,
            containerFactory = CONTAINER_FACTORY,
            properties = {
                // the broker answers a poll once 64 KB wait or after the wait below: the complaint views trail by at
                // most that, and a batch (three store commands) holds what arrived meanwhile instead of one event
                "fetch.min.bytes=65536",
                "fetch.max.wait.ms=${sqp.complaint-view.max-batch-wait-ms:250}"
            })
    void on(List<ConsumerRecord<String, ComplaintChanged>> records) {
        backlog.applyAll(DeadLetters.applicable(
                records,
                deadLetters,
                () -> new InvalidComplaintEventException("a complaint event needs a value"),
                ComplaintBacklog::validated));
    }
}

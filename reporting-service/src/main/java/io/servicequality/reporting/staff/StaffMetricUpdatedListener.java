package io.servicequality.reporting.staff;

import io.servicequality.contracts.StaffMetricUpdated;
import io.servicequality.contracts.Topics;
import io.servicequality.kafka.DeadLetters;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.stereotype.Component;

/**
 * Feeds {@link Topics#STAFF_METRIC_UPDATED} into the staff read model, a batch at a time (one bulk write per batch). A
 * record that can never be applied (undeserialisable, or not naming its staff day) goes to the dead-letter topic at
 * once, without holding up the rest of the batch; a store failure fails the batch, which is retried until the store
 * answers.
 */
@Component
class StaffMetricUpdatedListener {

    /** The container factory of this listener (batches, retried while the store is away): see the config package. */
    public static final String CONTAINER_FACTORY = "staffMetricBatches";

    private final StaffBuckets buckets;
    private final ConsumerRecordRecoverer deadLetters;

    StaffMetricUpdatedListener(StaffBuckets buckets, ConsumerRecordRecoverer deadLetters) {
        this.buckets = buckets;
        this.deadLetters = deadLetters;
    }

    @KafkaListener(
            id = "reporting-staff-buckets",
            groupId = "reporting-service.staff-buckets",
            topics = Topics.STAFF_METRIC_UPDATED,
            containerFactory = CONTAINER_FACTORY,
            properties = {
                // the broker answers a poll once 64 KB wait or after the wait below: the staff views trail by at most
                // that, and a batch (one bulk write) holds what arrived meanwhile instead of a few staff days
                "fetch.min.bytes=65536",
                "fetch.max.wait.ms=${sqp.staff.max-batch-wait-ms:250}"
            })
    void on(List<ConsumerRecord<String, StaffMetricUpdated>> records) {
        buckets.applyAll(DeadLetters.applicable(
                records,
                deadLetters,
                () -> new InvalidStaffMetricUpdateException("a staff metric update needs a value"),
                StaffBuckets::validated));
    }
}

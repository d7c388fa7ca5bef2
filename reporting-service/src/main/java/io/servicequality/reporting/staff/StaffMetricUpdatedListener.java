package io.servicequality.reporting.staff;

import io.servicequality.contracts.StaffMetricUpdated;
import io.servicequality.contracts.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds {@link Topics#STAFF_METRIC_UPDATED} into the staff read model. */
@Component
class StaffMetricUpdatedListener {

    private final StaffBuckets buckets;

    StaffMetricUpdatedListener(StaffBuckets buckets) {
        this.buckets = buckets;
    }

    @KafkaListener(
            id = "reporting-staff-buckets",
            groupId = "reporting-service.staff-buckets",
            topics = Topics.STAFF_METRIC_UPDATED)
    void on(StaffMetricUpdated update) {
        if (update == null) {
            throw new InvalidStaffMetricUpdateException("a staff metric update needs a value");
        }
        buckets.apply(update);
    }
}

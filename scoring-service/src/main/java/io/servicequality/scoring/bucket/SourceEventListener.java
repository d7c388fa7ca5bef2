package io.servicequality.scoring.bucket;

import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds the counted topics to {@link BucketScoring}, with the position each record was read at. */
@Component
class SourceEventListener {

    private final BucketScoring scoring;

    SourceEventListener(BucketScoring scoring) {
        this.scoring = scoring;
    }

    @KafkaListener(
            id = "feedback-submitted",
            topics = Topics.FEEDBACK_SUBMITTED,
            properties = "spring.json.value.default.type=io.servicequality.contracts.FeedbackSubmitted")
    void onFeedbackSubmitted(ConsumerRecord<String, FeedbackSubmitted> record) {
        scoring.record(record.value(), positionOf(Source.FEEDBACK, record));
    }

    @KafkaListener(
            id = "complaint-changed",
            topics = Topics.COMPLAINT_CHANGED,
            properties = "spring.json.value.default.type=io.servicequality.contracts.ComplaintChanged")
    void onComplaintChanged(ConsumerRecord<String, ComplaintChanged> record) {
        scoring.record(record.value(), positionOf(Source.COMPLAINT, record));
    }

    private static SourcePosition positionOf(Source source, ConsumerRecord<?, ?> record) {
        return new SourcePosition(source, record.partition(), record.offset());
    }
}

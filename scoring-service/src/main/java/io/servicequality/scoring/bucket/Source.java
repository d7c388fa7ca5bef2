package io.servicequality.scoring.bucket;

import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.InteractionRecorded;
import io.servicequality.contracts.PlatformEvent;
import io.servicequality.contracts.Topics;

/** A counted topic, by the short name used in deduplication keys. */
enum Source {
    FEEDBACK("feedback", Topics.FEEDBACK_SUBMITTED, FeedbackSubmitted.class),
    INTERACTION("interaction", Topics.INTERACTION_RECORDED, InteractionRecorded.class),
    COMPLAINT("complaint", Topics.COMPLAINT_CHANGED, ComplaintChanged.class);

    private final String shortName;
    private final String topic;
    private final Class<? extends PlatformEvent> eventType;

    Source(String shortName, String topic, Class<? extends PlatformEvent> eventType) {
        this.shortName = shortName;
        this.topic = topic;
        this.eventType = eventType;
    }

    String shortName() {
        return shortName;
    }

    String topic() {
        return topic;
    }

    Class<? extends PlatformEvent> eventType() {
        return eventType;
    }

    static Source ofTopic(String topic) {
        for (Source source : values()) {
            if (source.topic.equals(topic)) {
                return source;
            }
        }
        throw new IllegalArgumentException("not a counted topic: " + topic);
    }
}

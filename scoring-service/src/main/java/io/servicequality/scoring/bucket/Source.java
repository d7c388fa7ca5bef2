package io.servicequality.scoring.bucket;

import io.servicequality.contracts.Topics;

/** A counted topic, by the short name used in ledger ids and bucket offset keys. */
enum Source {
    FEEDBACK("feedback", Topics.FEEDBACK_SUBMITTED),
    INTERACTION("interaction", Topics.INTERACTION_RECORDED),
    COMPLAINT("complaint", Topics.COMPLAINT_CHANGED);

    private final String shortName;
    private final String topic;

    Source(String shortName, String topic) {
        this.shortName = shortName;
        this.topic = topic;
    }

    String shortName() {
        return shortName;
    }

    String topic() {
        return topic;
    }
}

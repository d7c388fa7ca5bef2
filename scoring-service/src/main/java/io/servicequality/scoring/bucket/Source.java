package io.servicequality.scoring.bucket;

/** A counted topic, by the short name used in ledger ids and bucket offset keys. */
enum Source {
    /** {@code sqp.feedback-submitted.v1} */
    FEEDBACK("feedback"),
    /** {@code sqp.complaint-changed.v1} */
    COMPLAINT("complaint");

    private final String shortName;

    Source(String shortName) {
        this.shortName = shortName;
    }

    String shortName() {
        return shortName;
    }
}

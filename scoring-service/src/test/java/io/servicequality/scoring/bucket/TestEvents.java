package io.servicequality.scoring.bucket;

import io.servicequality.contracts.Channel;
import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.ComplaintChanged.ComplaintCategory;
import io.servicequality.contracts.ComplaintChanged.ComplaintEventType;
import io.servicequality.contracts.ComplaintChanged.Severity;
import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.ImportancePoints;
import io.servicequality.contracts.InteractionRecorded;
import io.servicequality.contracts.ServqualRatings;
import java.time.Instant;
import java.util.UUID;

/** Events as the producing services would publish them. */
final class TestEvents {

    static final String TENANT = "acme-bank";

    private TestEvents() {}

    static FeedbackSubmitted feedback(
            String branchId,
            Instant occurredAt,
            ServqualRatings servqual,
            ImportancePoints importance,
            Integer csat,
            Integer nps,
            Integer ces) {
        return new FeedbackSubmitted(
                UUID.randomUUID(),
                TENANT,
                branchId,
                occurredAt,
                FeedbackSubmitted.SCHEMA_VERSION,
                occurredAt == null ? null : occurredAt.plusSeconds(1),
                Channel.COUNTER,
                servqual,
                importance,
                csat,
                nps,
                ces,
                null,
                "c-1",
                null,
                null);
    }

    /** Feedback answering only the satisfaction questions. */
    static FeedbackSubmitted feedback(String branchId, Instant occurredAt, Integer csat, Integer nps, Integer ces) {
        return feedback(branchId, occurredAt, null, null, csat, nps, ces);
    }

    static ComplaintChanged complaint(String branchId, Instant occurredAt, ComplaintEventType type) {
        return new ComplaintChanged(
                UUID.randomUUID(),
                TENANT,
                branchId,
                occurredAt,
                ComplaintChanged.SCHEMA_VERSION,
                "c-" + UUID.randomUUID(),
                branchId + "-202611-1",
                type,
                Channel.PHONE,
                ComplaintCategory.QUALITY,
                "billing-error",
                Severity.HIGH,
                "accounts",
                occurredAt.plusSeconds(4 * 3600),
                occurredAt.plusSeconds(48 * 3600),
                null,
                null,
                null,
                "api",
                null,
                null,
                null,
                null,
                null);
    }

    static InteractionRecorded interaction(
            String branchId,
            Instant occurredAt,
            boolean answered,
            boolean abandoned,
            Integer waitSeconds,
            Integer handleSeconds,
            boolean resolvedFirstContact,
            boolean complex) {
        return new InteractionRecorded(
                UUID.randomUUID(),
                TENANT,
                branchId,
                occurredAt,
                InteractionRecorded.SCHEMA_VERSION,
                Channel.PHONE,
                "a-1",
                occurredAt == null ? null : occurredAt.minusSeconds(60),
                answered,
                abandoned,
                waitSeconds,
                handleSeconds,
                resolvedFirstContact,
                complex,
                null,
                null);
    }

    static String uniqueBranch() {
        return "BR-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * The production defaults (service level 20 s, 8-day deduplication, 200 ms publication, 72 h minutes, 3,660-day
     * buckets) with the given lateness and generation.
     */
    static CountingRules countingRules(java.time.Duration minuteBucketLateness, int generation) {
        return new CountingRules(
                20,
                minuteBucketLateness,
                java.time.Duration.ofDays(8),
                java.time.Duration.ofMillis(200),
                CountingRules.revisionBaseOf(generation),
                java.time.Duration.ofHours(72),
                java.time.Duration.ofDays(3660));
    }
}

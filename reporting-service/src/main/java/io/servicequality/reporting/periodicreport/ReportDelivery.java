package io.servicequality.reporting.periodicreport;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One scheduled report to one recipient of its definition — an e-mail address or the definition's webhook — with its
 * state and its attempts: the delivery log. The id is derived from the report, the channel and the recipient
 * ({@link #idOf}), so queuing a report's deliveries again (another instance, a retried schedule pass) finds them there
 * instead of sending twice. {@code claimedUntil}/{@code claimToken} let one instance at a time attempt it.
 */
@Document(ReportDelivery.COLLECTION)
@CompoundIndex(name = "due", def = "{'status': 1, 'nextAttemptAt': 1}")
@CompoundIndex(name = "log", def = "{'tenantId': 1, 'createdAt': -1}")
record ReportDelivery(
        @Id String id,
        String tenantId,
        String reportId,
        String definitionId,
        Channel channel,
        String recipient,
        Status status,
        int attemptCount,
        List<Attempt> attempts,
        Instant createdAt,
        Instant nextAttemptAt,
        Instant deliveredAt,
        @JsonIgnore Instant claimedUntil,
        @JsonIgnore String claimToken,
        String lastError) {

    static final String COLLECTION = "reportDeliveries";

    /** The most attempts kept with a delivery (the oldest are dropped; {@code attemptCount} still counts them). */
    static final int KEPT_ATTEMPTS = 20;

    enum Channel {
        /** The report's HTML as the message, its PDF attached, through the configured SMTP server. */
        EMAIL,
        /** A signed {@code report.generated} message with the PDF, to the definition's webhook URL. */
        WEBHOOK
    }

    enum Status {
        /** Waiting for its first attempt or a retry at {@code nextAttemptAt}. */
        PENDING,
        /** The SMTP server took the message, or the receiver answered 2xx. */
        DELIVERED,
        /** Out of attempts, the receiver answered 410 Gone, or the definition was removed. */
        FAILED
    }

    /**
     * One try.
     *
     * @param statusCode the webhook receiver's HTTP status; null for e-mail and when there was no answer
     * @param error what went wrong (the kind of failure, or the SMTP server's refusal), null when delivered
     * @param manual whether someone asked for it ({@code POST …/resend})
     */
    record Attempt(Instant at, Integer statusCode, long durationMillis, String error, boolean manual) {}

    static String idOf(String reportId, Channel channel, String recipient) {
        return UUID.nameUUIDFromBytes((reportId + "|" + channel + "|" + recipient).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** The {@code webhook-id} header: the same for every attempt, so a receiver drops a message it already has. */
    String webhookId() {
        return "msg_" + id.replace("-", "");
    }
}

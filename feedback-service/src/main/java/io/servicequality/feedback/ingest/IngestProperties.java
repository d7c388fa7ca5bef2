package io.servicequality.feedback.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param lateAfter an event whose {@code occurredAt} lies further back than this when it arrives is accepted
 *     and flagged {@code late} ({@code SQP_LATE_AFTER}; scoring-service's {@code SQP_MINUTE_BUCKET_LATENESS} is another rule)
 * @param maxBatchItems most items in one batch post; more is refused with 413 ({@code SQP_MAX_BATCH_ITEMS})
 */
@ConfigurationProperties("sqp.ingest")
public record IngestProperties(
        @DefaultValue("30d") Duration lateAfter,
        @DefaultValue("1000") int maxBatchItems) {}

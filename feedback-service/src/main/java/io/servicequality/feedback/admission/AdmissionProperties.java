package io.servicequality.feedback.admission;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxBodySize largest body of a single post ({@code SQP_MAX_BODY_SIZE})
 * @param maxBatchBodySize largest body of a batch post ({@code SQP_MAX_BATCH_BODY_SIZE})
 */
@ConfigurationProperties("sqp.admission")
public record AdmissionProperties(
        @DefaultValue("64KB") DataSize maxBodySize,
        @DefaultValue("8MB") DataSize maxBatchBodySize) {}

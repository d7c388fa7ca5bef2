package io.servicequality.feedback.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How ingest waits for the event log (topic creation is platform-kafka's, under the same prefix).
 *
 * @param ackTimeout how long a request waits for the broker's acknowledgement before answering 503
 *     ({@code SQP_KAFKA_ACK_TIMEOUT})
 * @param retryAfter what that 503 tells the client to wait ({@code SQP_KAFKA_RETRY_AFTER})
 */
@ConfigurationProperties("sqp.kafka")
record EventLogProperties(
        @DefaultValue("6s") Duration ackTimeout,
        @DefaultValue("5s") Duration retryAfter) {}

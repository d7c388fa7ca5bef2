package io.servicequality.observability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sqp.observability}.
 *
 * @param lagInterval how often the consumer groups' lag is read from the broker
 * @param lagGroups consumer groups to measure besides those of the service's listener containers (a Kafka Streams
 *     application id)
 * @param kafkaHealthTimeout how long the {@code kafka} health check waits for the cluster
 * @param ingest the paths that accept events (a {@code POST} of one), and the type each accepts ({@code
 *     /api/v1/feedback: feedback}), for {@link IngestOutcomes}
 */
@ConfigurationProperties("sqp.observability")
public record ObservabilityProperties(
        @DefaultValue("15s") Duration lagInterval,
        @DefaultValue List<String> lagGroups,
        @DefaultValue("2s") Duration kafkaHealthTimeout,
        @DefaultValue Map<String, String> ingest) {}

package io.servicequality.reporting.bucket;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.MetricUpdated;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.springframework.kafka.support.JacksonMapperUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@link MetricUpdated} for the read model, which stores hour buckets only: a minute or local-day update (two
 * thirds of what scoring publishes) is read up to its statistics, which are most of the record and are not read at
 * all, nor is anything after them (skipping them still cost the JSON tokenizer every byte: ~12 % of reporting's CPU
 * samples at 200 events/s, docs/benchmarks.md); such an update arrives with {@code statistics == null}. Everything
 * else is read as the JSON deserializer would; statistics that come before the granularity in a record are read in
 * full. Malformed JSON is a {@link
 * SerializationException} (the error-handling deserializer around it hands the record to the listener, which
 * dead-letters it). Instantiated by the Kafka consumer (public, no-argument constructor).
 */
public final class HourStatisticsDeserializer implements Deserializer<MetricUpdated> {

    /**
     * The JSON deserializer's own mapper (unknown properties, e.g. a statistic added later, are ignored), reading one
     * value at a time from the middle of the record.
     */
    private final JsonMapper json = JacksonMapperUtils.enhancedJsonMapper()
            .rebuild()
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    @Override
    public MetricUpdated deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try (JsonParser parser = json.createParser(data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new SerializationException("a metric update must be a JSON object");
            }
            UUID eventId = null;
            String tenantId = null;
            String branchId = null;
            Instant occurredAt = null;
            int schemaVersion = 0;
            Granularity granularity = null;
            Instant bucketStart = null;
            long revision = 0;
            BucketStatistics statistics = null;
            boolean restUnread = false;
            while (!restUnread && parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "eventId" -> eventId = json.readValue(parser, UUID.class);
                    case "tenantId" -> tenantId = json.readValue(parser, String.class);
                    case "branchId" -> branchId = json.readValue(parser, String.class);
                    case "occurredAt" -> occurredAt = json.readValue(parser, Instant.class);
                    case "schemaVersion" -> schemaVersion = (int) orZero(json.readValue(parser, Integer.class));
                    case "granularity" -> granularity = json.readValue(parser, Granularity.class);
                    case "bucketStart" -> bucketStart = json.readValue(parser, Instant.class);
                    case "revision" -> revision = orZero(json.readValue(parser, Long.class));
                    case "statistics" -> {
                        if (granularity != null && granularity != Granularity.HOUR) {
                            // not stored: nothing of the record is needed beyond this point, not even its end
                            restUnread = true;
                        } else {
                            statistics = json.readValue(parser, BucketStatistics.class);
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            if (!restUnread && parser.currentToken() != JsonToken.END_OBJECT) {
                throw new SerializationException("a metric update must be a JSON object");
            }
            return new MetricUpdated(
                    eventId,
                    tenantId,
                    branchId,
                    occurredAt,
                    schemaVersion,
                    granularity,
                    bucketStart,
                    revision,
                    statistics);
        } catch (JacksonException malformed) {
            throw new SerializationException("unreadable metric update: " + malformed.getMessage(), malformed);
        }
    }

    private static long orZero(Number number) {
        return number == null ? 0 : number.longValue();
    }
}

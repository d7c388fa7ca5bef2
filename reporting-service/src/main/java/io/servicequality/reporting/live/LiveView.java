package io.servicequality.reporting.live;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.contracts.WithoutBreakdowns;
import org.springframework.kafka.support.JacksonMapperUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the live path keeps of a bucket's statistics: the blocks its figures are computed from (feedback count,
 * SERVQUAL, CSAT, NPS, CES, complaints, interactions) — the live {@code metric} event ({@link LiveStream}) and the
 * minute trend ({@link MinuteRing}) show nothing of the key-driver sums, the rating distributions or the channel
 * breakdown, which make up most of a published update. An update read through {@link #read} arrives without them
 * (they are skipped by the parser, not bound), so the live feed parses less and the minute ring holds a fraction of
 * the memory: 60 minutes of every active branch stay in memory on every instance.
 */
public final class LiveView {

    private LiveView() {}

    /** The JSON deserializer's own mapper (unknown properties ignored), statistics bound without the skipped blocks. */
    private static final JsonMapper JSON = JacksonMapperUtils.enhancedJsonMapper()
            .rebuild()
            .addMixIn(BucketStatistics.class, WithoutBreakdowns.class)
            .build();

    /** Reads a metric update's JSON with the statistics of the live view; a malformed one is a {@link JacksonException}. */
    static MetricUpdated read(byte[] json) {
        return JSON.readValue(json, MetricUpdated.class);
    }

    /**
     * A metric update's granularity, read without its statistics when it comes before them (as scoring writes it);
     * {@code null} when the record has none, names an unknown one or is not a JSON object up to it.
     */
    static Granularity granularityOf(byte[] json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("granularity")) {
                    return value == JsonToken.VALUE_STRING ? granularityNamed(parser.getString()) : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (JacksonException malformed) {
            return null;
        }
    }

    private static Granularity granularityNamed(String name) {
        for (Granularity granularity : Granularity.values()) {
            if (granularity.name().equals(name)) {
                return granularity;
            }
        }
        return null;
    }
}

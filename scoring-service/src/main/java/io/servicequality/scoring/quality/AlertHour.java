package io.servicequality.scoring.quality;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.scoring.statecodec.StatisticsCodec;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One hour's statistics of a branch (or merged over a scope) as last published, with the update's revision: only the
 * blocks a {@link Metric} reads (no channel breakdown, rating distributions or key-driver sums), so that merging a
 * tenant's branches every evaluation reads and adds no more than the rules need.
 */
record AlertHour(long revision, BucketStatistics statistics) {

    /** The hour of a published update, without the blocks no metric reads. */
    static AlertHour of(long revision, BucketStatistics published) {
        return new AlertHour(revision, published.withoutBreakdowns());
    }

    /**
     * The stores' form: the bucket stores' binary layout ({@link StatisticsCodec#encodeRevised}, ADR 9), read on
     * every evaluation for every branch of a changed tenant. Hours written as JSON by earlier builds (they start with
     * <code>{</code>) are still read, their blocks trimmed as {@link #of} does.
     */
    static Serde<AlertHour> serde(JsonMapper jsonOfEarlierBuilds) {
        return Serdes.serdeFrom(
                (Serializer<AlertHour>) (topic, hour) ->
                        hour == null ? null : StatisticsCodec.encodeRevised(hour.revision(), hour.statistics()),
                (Deserializer<AlertHour>) (topic, bytes) -> {
                    if (bytes == null) {
                        return null;
                    }
                    if (bytes.length > 0 && bytes[0] == '{') {
                        try {
                            AlertHour earlier = jsonOfEarlierBuilds.readValue(bytes, AlertHour.class);
                            return of(earlier.revision(), earlier.statistics());
                        } catch (JacksonException unreadable) {
                            throw new SerializationException("unreadable alert hour", unreadable);
                        }
                    }
                    StatisticsCodec.Revised revised = StatisticsCodec.decodeRevised(bytes);
                    return new AlertHour(revised.revision(), revised.statistics());
                });
    }
}

package io.servicequality.scoring.quality;

import io.servicequality.contracts.MetricUpdated;
import io.servicequality.scoring.statecodec.StatisticsCodec;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.ByteUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A published hour update of one branch as the alert evaluation receives it through its repartition topic
 * ({@code alert-hours-by-tenant}): the branch, the hour's start, and the hour with the update's revision ({@link
 * AlertHour}: without the blocks no metric reads).
 *
 * <p>On that topic it is binary (ADR 8): the published JSON of an hour with ten to three hundred events of every
 * channel is 12–22 KB, this form 0.4–0.7 KB, and the topic is written, compressed, fetched and read once per published
 * hour update. Layout: a version byte ({@link StatisticsCodec#VERSION}), tenant and branch ids as {@link
 * StatisticsCodec#writeString strings}, the hour's start (epoch milliseconds) and the revision as varlongs, then the
 * statistics in {@link StatisticsCodec}'s layout. Records an earlier build put there as the published {@code
 * MetricUpdated} JSON (they start with <code>{</code>) are still read; a record that cannot be read is logged and
 * evaluated as nothing (written by this topology itself: unreadable only across an incompatible upgrade).
 */
record BranchHourUpdate(String tenantId, String branchId, long hourStart, AlertHour hour) {

    private static final Logger log = LoggerFactory.getLogger(BranchHourUpdate.class);

    /** The update as the alert evaluation keeps it. */
    static BranchHourUpdate of(MetricUpdated published) {
        return new BranchHourUpdate(
                published.tenantId(),
                published.branchId(),
                published.bucketStart().toEpochMilli(),
                AlertHour.of(published.revision(), published.statistics()));
    }

    /**
     * @param hourUpdatesOfEarlierBuilds reads the published JSON of earlier builds' records (without the breakdowns,
     *     {@code WithoutBreakdowns})
     */
    static Serde<BranchHourUpdate> serde(JsonMapper hourUpdatesOfEarlierBuilds) {
        return Serdes.serdeFrom(
                (Serializer<BranchHourUpdate>) (topic, update) -> update == null ? null : encode(update),
                (Deserializer<BranchHourUpdate>)
                        (topic, bytes) -> bytes == null ? null : read(topic, bytes, hourUpdatesOfEarlierBuilds));
    }

    /** The update in either form; {@code null} (logged) when it cannot be read. */
    private static BranchHourUpdate read(String topic, byte[] bytes, JsonMapper hourUpdatesOfEarlierBuilds) {
        try {
            return bytes.length > 0 && bytes[0] == '{'
                    ? of(hourUpdatesOfEarlierBuilds.readValue(bytes, MetricUpdated.class))
                    : decode(bytes);
        } catch (JacksonException | IllegalArgumentException | SerializationException unreadable) {
            log.warn("an hour update on {} not evaluated: {}", topic, unreadable.toString());
            return null;
        }
    }

    static byte[] encode(BranchHourUpdate update) {
        return StatisticsCodec.encode(out -> {
            out.put(StatisticsCodec.VERSION);
            StatisticsCodec.writeString(update.tenantId(), out);
            StatisticsCodec.writeString(update.branchId(), out);
            ByteUtils.writeVarlong(update.hourStart(), out);
            ByteUtils.writeVarlong(update.hour().revision(), out);
            StatisticsCodec.writeStatistics(update.hour().statistics(), out);
        });
    }

    static BranchHourUpdate decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            byte version = in.get();
            if (version != StatisticsCodec.VERSION) {
                throw new SerializationException("hour update of unknown format version " + version);
            }
            String tenantId = StatisticsCodec.readString(in);
            String branchId = StatisticsCodec.readString(in);
            long hourStart = ByteUtils.readVarlong(in);
            long revision = ByteUtils.readVarlong(in);
            AlertHour hour = new AlertHour(revision, StatisticsCodec.readStatistics(in, version));
            if (in.hasRemaining()) {
                throw new SerializationException(in.remaining() + " bytes left over after an hour update");
            }
            return new BranchHourUpdate(tenantId, branchId, hourStart, hour);
        } catch (BufferUnderflowException truncated) {
            throw new SerializationException("truncated or corrupt hour update", truncated);
        }
    }
}

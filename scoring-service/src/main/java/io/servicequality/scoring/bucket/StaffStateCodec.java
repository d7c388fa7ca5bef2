package io.servicequality.scoring.bucket;

import io.servicequality.contracts.BucketStatistics.CsatStatistics;
import io.servicequality.contracts.BucketStatistics.NpsStatistics;
import io.servicequality.contracts.StaffStatistics;
import io.servicequality.contracts.StaffStatistics.AgentStatistics;
import io.servicequality.contracts.StaffStatistics.HandlerStatistics;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.ByteUtils;

/**
 * The binary form of a {@link StaffState} in the staff bucket store and its changelog, in the style of {@link
 * BucketStateCodec} (ADR 9): a version byte; {@code applied} as a varlong; {@code updatedAt} as a presence byte, epoch
 * seconds (varlong) and nanos (varint); then every field of the statistics in declaration order, counts as varlongs
 * and sums as 8-byte doubles. A field added to {@link StaffStatistics} needs a new version here that still reads the
 * older ones (the codec test fails until it has one).
 */
final class StaffStateCodec {

    static final byte VERSION = 1;

    /** Every field fits: 27 numbers of at most 10 bytes, the header and the time. */
    private static final int MAX_SIZE = 512;

    static final Serde<StaffState> SERDE = Serdes.serdeFrom(
            (Serializer<StaffState>) (topic, state) -> state == null ? null : encode(state),
            (Deserializer<StaffState>) (topic, bytes) -> bytes == null ? null : decode(bytes));

    private StaffStateCodec() {}

    static byte[] encode(StaffState state) {
        ByteBuffer out = ByteBuffer.allocate(MAX_SIZE);
        out.put(VERSION);
        ByteUtils.writeVarlong(state.applied(), out);
        Instant updatedAt = state.updatedAt();
        out.put((byte) (updatedAt != null ? 1 : 0));
        if (updatedAt != null) {
            ByteUtils.writeVarlong(updatedAt.getEpochSecond(), out);
            ByteUtils.writeVarint(updatedAt.getNano(), out);
        }
        StaffStatistics statistics = state.statistics();
        AgentStatistics agent = statistics.interactions();
        ByteUtils.writeVarlong(agent.offered(), out);
        ByteUtils.writeVarlong(agent.answered(), out);
        ByteUtils.writeVarlong(agent.abandoned(), out);
        ByteUtils.writeVarlong(agent.resolvedFirstContact(), out);
        out.putDouble(agent.handleSecondsSum());
        out.putDouble(agent.handleSecondsSumOfSquares());
        ByteUtils.writeVarlong(agent.complexAnswered(), out);
        out.putDouble(agent.complexHandleSecondsSum());
        ByteUtils.writeVarlong(agent.handledWithin180Seconds(), out);
        ByteUtils.writeVarlong(agent.handledWithin300Seconds(), out);
        ByteUtils.writeVarlong(agent.handledWithinStandard(), out);
        CsatStatistics csat = statistics.csat();
        ByteUtils.writeVarlong(csat.n(), out);
        ByteUtils.writeVarlong(csat.satisfied(), out);
        ByteUtils.writeVarlong(csat.sum(), out);
        ByteUtils.writeVarlong(csat.sumOfSquares(), out);
        NpsStatistics nps = statistics.nps();
        ByteUtils.writeVarlong(nps.n(), out);
        ByteUtils.writeVarlong(nps.promoters(), out);
        ByteUtils.writeVarlong(nps.passives(), out);
        ByteUtils.writeVarlong(nps.detractors(), out);
        ByteUtils.writeVarlong(statistics.linkedFeedback(), out);
        HandlerStatistics handler = statistics.complaints();
        ByteUtils.writeVarlong(handler.acknowledged(), out);
        ByteUtils.writeVarlong(handler.acknowledgedWithinTarget(), out);
        ByteUtils.writeVarlong(handler.resolved(), out);
        ByteUtils.writeVarlong(handler.resolvedWithinTarget(), out);
        ByteUtils.writeVarlong(handler.reopened(), out);
        return Arrays.copyOf(out.array(), out.position());
    }

    static StaffState decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            byte version = in.get();
            if (version != VERSION) {
                throw new SerializationException("staff state of unknown format version " + version);
            }
            long applied = ByteUtils.readVarlong(in);
            Instant updatedAt =
                    in.get() != 0 ? Instant.ofEpochSecond(ByteUtils.readVarlong(in), ByteUtils.readVarint(in)) : null;
            var agent = new AgentStatistics(
                    ByteUtils.readVarlong(in),
                    ByteUtils.readVarlong(in),
                    ByteUtils.readVarlong(in),
                    ByteUtils.readVarlong(in),
                    in.getDouble(),
                    in.getDouble(),
                    ByteUtils.readVarlong(in),
                    in.getDouble(),
                    ByteUtils.readVarlong(in),
                    ByteUtils.readVarlong(in),
                    ByteUtils.readVarlong(in));
            var csat = new CsatStatistics(
                    ByteUtils.readVarlong(in),
                    ByteUtils.readVarlong(in),
                    ByteUtils.readVarlong(in),
                    ByteUtils.readVarlong(in));
            var nps = new NpsStatistics(
                    ByteUtils.readVarlong(in),
                    ByteUtils.readVarlong(in),
                    ByteUtils.readVarlong(in),
                    ByteUtils.readVarlong(in));
            long linkedFeedback = ByteUtils.readVarlong(in);
            var handler = new HandlerStatistics(
                    ByteUtils.readVarlong(in),
                    ByteUtils.readVarlong(in),
                    ByteUtils.readVarlong(in),
                    ByteUtils.readVarlong(in),
                    ByteUtils.readVarlong(in));
            if (in.hasRemaining()) {
                throw new SerializationException(in.remaining() + " bytes left over after a staff state");
            }
            return new StaffState(new StaffStatistics(agent, csat, nps, linkedFeedback, handler), applied, updatedAt);
        } catch (BufferUnderflowException | IllegalArgumentException truncated) {
            throw new SerializationException("truncated or corrupt staff state", truncated);
        }
    }
}

package io.servicequality.scoring.statecodec;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.ComplaintStatistics;
import io.servicequality.contracts.BucketStatistics.CsatStatistics;
import io.servicequality.contracts.BucketStatistics.DimensionDistributions;
import io.servicequality.contracts.BucketStatistics.DimensionStatistics;
import io.servicequality.contracts.BucketStatistics.DriverStatistics;
import io.servicequality.contracts.BucketStatistics.InteractionStatistics;
import io.servicequality.contracts.BucketStatistics.MeanStatistics;
import io.servicequality.contracts.BucketStatistics.NpsStatistics;
import io.servicequality.contracts.BucketStatistics.RatingDistributions;
import io.servicequality.contracts.BucketStatistics.ServqualDistributions;
import io.servicequality.contracts.BucketStatistics.ServqualStatistics;
import io.servicequality.contracts.Histogram;
import io.servicequality.contracts.ServqualDimension;
import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.utils.ByteUtils;

/**
 * The binary form of {@link BucketStatistics} in scoring's state stores and their changelogs (ADR 9: why not JSON, and
 * why our own): the bucket stores' states ({@code bucket.BucketStateCodec}) and the alert evaluation's hours. Serves
 * every feature and depends on none.
 *
 * <p>Layout of the statistics, version {@value #VERSION}: block by block in declaration order, each block a presence
 * byte ({@code 0}: the block is empty) followed by its fields in declaration order: counts as varlongs, sums as 8-byte
 * doubles, histograms and maps as an entry count and the entries (in no particular order); after the key-driver block
 * (where version {@value #VERSION_1} ended) the rating distributions (a presence byte, then csat, nps, ces and per
 * SERVQUAL dimension expectation and perception, each a count map) and the channel breakdown (an entry count, then per
 * entry the channel name and that channel's statistics in this same layout). Adding a field to the statistics means a
 * new version here that still reads every older one.
 */
public final class StatisticsCodec {

    /** The current layout. */
    public static final byte VERSION = 2;

    /** The first layout: the statistics without distributions and channel breakdown. */
    public static final byte VERSION_1 = 1;

    /** Per thread, reused: encoding happens on the stream threads, one value at a time. */
    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocate(16 * 1024));

    private StatisticsCodec() {}

    /** What {@code writer} writes, in a buffer reused per thread that grows when a value outgrows it. */
    public static byte[] encode(Consumer<ByteBuffer> writer) {
        while (true) {
            ByteBuffer out = BUFFER.get().clear();
            try {
                writer.accept(out);
                return Arrays.copyOf(out.array(), out.position());
            } catch (BufferOverflowException full) {
                BUFFER.set(ByteBuffer.allocate(out.capacity() * 2));
            }
        }
    }

    /**
     * Statistics with the revision they were published at, for other stores of statistics (the alert evaluation's
     * hours): the version byte, the revision as a varlong, then the statistics in this layout.
     */
    public static byte[] encodeRevised(long revision, BucketStatistics statistics) {
        return encode(out -> {
            out.put(VERSION);
            ByteUtils.writeVarlong(revision, out);
            writeStatistics(statistics, out);
        });
    }

    /** What {@link #encodeRevised} wrote. */
    public static Revised decodeRevised(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            byte version = in.get();
            if (version != VERSION) {
                throw new SerializationException("statistics of unknown format version " + version);
            }
            Revised revised = new Revised(ByteUtils.readVarlong(in), readStatistics(in, version));
            if (in.hasRemaining()) {
                throw new SerializationException(in.remaining() + " bytes left over after statistics");
            }
            return revised;
        } catch (BufferUnderflowException | IllegalArgumentException truncated) {
            throw new SerializationException("truncated or corrupt statistics", truncated);
        }
    }

    /** Statistics and the revision they were published at. */
    public record Revised(long revision, BucketStatistics statistics) {}

    public static void writeStatistics(BucketStatistics statistics, ByteBuffer out) {
        ByteUtils.writeVarlong(statistics.feedbackCount(), out);
        ServqualStatistics servqual = statistics.servqual();
        if (present(servqual, ServqualStatistics.EMPTY, out)) {
            for (DimensionStatistics dimension : new DimensionStatistics[] {
                servqual.tangibles(),
                servqual.reliability(),
                servqual.responsiveness(),
                servqual.assurance(),
                servqual.empathy()
            }) {
                ByteUtils.writeVarlong(dimension.n(), out);
                out.putDouble(dimension.expectationSum());
                out.putDouble(dimension.perceptionSum());
                out.putDouble(dimension.expectationSumOfSquares());
                out.putDouble(dimension.perceptionSumOfSquares());
                ByteUtils.writeVarlong(dimension.importanceN(), out);
                out.putDouble(dimension.importanceSum());
            }
        }
        CsatStatistics csat = statistics.csat();
        if (present(csat, CsatStatistics.EMPTY, out)) {
            writeCounts(out, csat.n(), csat.satisfied(), csat.sum(), csat.sumOfSquares());
        }
        NpsStatistics nps = statistics.nps();
        if (present(nps, NpsStatistics.EMPTY, out)) {
            writeCounts(out, nps.n(), nps.promoters(), nps.passives(), nps.detractors());
        }
        MeanStatistics ces = statistics.ces();
        if (present(ces, MeanStatistics.EMPTY, out)) {
            ByteUtils.writeVarlong(ces.n(), out);
            out.putDouble(ces.sum());
            out.putDouble(ces.sumOfSquares());
        }
        ComplaintStatistics complaints = statistics.complaints();
        if (present(complaints, ComplaintStatistics.EMPTY, out)) {
            writeCounts(
                    out,
                    complaints.opened(),
                    complaints.acknowledged(),
                    complaints.acknowledgedWithinTarget(),
                    complaints.resolved(),
                    complaints.resolvedWithinTarget());
            out.putDouble(complaints.businessMinutesToResolveSum());
            writeHistogram(complaints.businessHoursToResolve(), out);
            writeCounts(
                    out,
                    complaints.reopened(),
                    complaints.closed(),
                    complaints.slaWarnings(),
                    complaints.slaBreaches());
            writeCountMap(complaints.openedByCategory(), out);
            writeCountMap(complaints.openedBySeverity(), out);
            writeCountMap(complaints.openedByDepartment(), out);
        }
        InteractionStatistics interactions = statistics.interactions();
        if (present(interactions, InteractionStatistics.EMPTY, out)) {
            writeCounts(
                    out,
                    interactions.offered(),
                    interactions.answered(),
                    interactions.abandoned(),
                    interactions.answeredWithinServiceLevel(),
                    interactions.resolvedFirstContact());
            out.putDouble(interactions.handleSecondsSum());
            out.putDouble(interactions.handleSecondsSumOfSquares());
            ByteUtils.writeVarlong(interactions.complexAnswered(), out);
            out.putDouble(interactions.complexHandleSecondsSum());
            writeHistogram(interactions.waitSeconds(), out);
            writeHistogram(interactions.handleSeconds(), out);
        }
        DriverStatistics drivers = statistics.drivers();
        if (present(drivers, DriverStatistics.EMPTY, out)) {
            ByteUtils.writeVarlong(drivers.n(), out);
            out.putDouble(drivers.ySum());
            out.putDouble(drivers.ySumOfSquares());
            Map<String, Double> sums = drivers.sums();
            ByteUtils.writeUnsignedVarint(sums.size(), out);
            for (Map.Entry<String, Double> sum : sums.entrySet()) {
                writeString(sum.getKey(), out);
                out.putDouble(sum.getValue());
            }
        }
        RatingDistributions distributions = statistics.distributions();
        if (present(distributions, RatingDistributions.EMPTY, out)) {
            writeValueCounts(distributions.csat(), out);
            writeValueCounts(distributions.nps(), out);
            writeValueCounts(distributions.ces(), out);
            for (ServqualDimension dimension : ServqualDimension.values()) {
                DimensionDistributions rated = distributions.servqual().of(dimension);
                writeValueCounts(rated.expectation(), out);
                writeValueCounts(rated.perception(), out);
            }
        }
        Map<String, BucketStatistics> byChannel = statistics.byChannel();
        ByteUtils.writeUnsignedVarint(byChannel.size(), out);
        for (Map.Entry<String, BucketStatistics> channel : byChannel.entrySet()) {
            writeString(channel.getKey(), out);
            writeStatistics(channel.getValue(), out);
        }
    }

    public static BucketStatistics readStatistics(ByteBuffer in, byte version) {
        long feedbackCount = ByteUtils.readVarlong(in);
        ServqualStatistics servqual = ServqualStatistics.EMPTY;
        if (in.get() != 0) {
            servqual = new ServqualStatistics(
                    readDimension(in), readDimension(in), readDimension(in), readDimension(in), readDimension(in));
        }
        CsatStatistics csat = in.get() != 0
                ? new CsatStatistics(
                        ByteUtils.readVarlong(in),
                        ByteUtils.readVarlong(in),
                        ByteUtils.readVarlong(in),
                        ByteUtils.readVarlong(in))
                : CsatStatistics.EMPTY;
        NpsStatistics nps = in.get() != 0
                ? new NpsStatistics(
                        ByteUtils.readVarlong(in),
                        ByteUtils.readVarlong(in),
                        ByteUtils.readVarlong(in),
                        ByteUtils.readVarlong(in))
                : NpsStatistics.EMPTY;
        MeanStatistics ces = in.get() != 0
                ? new MeanStatistics(ByteUtils.readVarlong(in), in.getDouble(), in.getDouble())
                : MeanStatistics.EMPTY;
        ComplaintStatistics complaints = in.get() != 0
                ? new ComplaintStatistics(
                        ByteUtils.readVarlong(in),
                        ByteUtils.readVarlong(in),
                        ByteUtils.readVarlong(in),
                        ByteUtils.readVarlong(in),
                        ByteUtils.readVarlong(in),
                        in.getDouble(),
                        readHistogram(in),
                        ByteUtils.readVarlong(in),
                        ByteUtils.readVarlong(in),
                        ByteUtils.readVarlong(in),
                        ByteUtils.readVarlong(in),
                        readCountMap(in),
                        readCountMap(in),
                        readCountMap(in))
                : ComplaintStatistics.EMPTY;
        InteractionStatistics interactions = in.get() != 0
                ? new InteractionStatistics(
                        ByteUtils.readVarlong(in),
                        ByteUtils.readVarlong(in),
                        ByteUtils.readVarlong(in),
                        ByteUtils.readVarlong(in),
                        ByteUtils.readVarlong(in),
                        in.getDouble(),
                        in.getDouble(),
                        ByteUtils.readVarlong(in),
                        in.getDouble(),
                        readHistogram(in),
                        readHistogram(in))
                : InteractionStatistics.EMPTY;
        DriverStatistics drivers = DriverStatistics.EMPTY;
        if (in.get() != 0) {
            long n = ByteUtils.readVarlong(in);
            double ySum = in.getDouble();
            double ySumOfSquares = in.getDouble();
            int entries = ByteUtils.readUnsignedVarint(in);
            Map<String, Double> sums = new TreeMap<>();
            for (int i = 0; i < entries; i++) {
                sums.put(readString(in), in.getDouble());
            }
            drivers = new DriverStatistics(n, ySum, ySumOfSquares, sums);
        }
        if (version == VERSION_1) {
            return new BucketStatistics(feedbackCount, servqual, csat, nps, ces, complaints, interactions, drivers);
        }
        RatingDistributions distributions = RatingDistributions.EMPTY;
        if (in.get() != 0) {
            Map<Integer, Long> csatValues = readValueCounts(in);
            Map<Integer, Long> npsValues = readValueCounts(in);
            Map<Integer, Long> cesValues = readValueCounts(in);
            DimensionDistributions[] dimensions = new DimensionDistributions[ServqualDimension.values().length];
            for (int i = 0; i < dimensions.length; i++) {
                dimensions[i] = new DimensionDistributions(readValueCounts(in), readValueCounts(in));
            }
            distributions = new RatingDistributions(
                    csatValues,
                    npsValues,
                    cesValues,
                    new ServqualDistributions(
                            dimensions[ServqualDimension.TANGIBLES.ordinal()],
                            dimensions[ServqualDimension.RELIABILITY.ordinal()],
                            dimensions[ServqualDimension.RESPONSIVENESS.ordinal()],
                            dimensions[ServqualDimension.ASSURANCE.ordinal()],
                            dimensions[ServqualDimension.EMPATHY.ordinal()]));
        }
        int channels = ByteUtils.readUnsignedVarint(in);
        Map<String, BucketStatistics> byChannel = new TreeMap<>();
        for (int i = 0; i < channels; i++) {
            byChannel.put(readString(in), readStatistics(in, version));
        }
        return new BucketStatistics(
                feedbackCount, servqual, csat, nps, ces, complaints, interactions, drivers, distributions, byChannel);
    }

    private static DimensionStatistics readDimension(ByteBuffer in) {
        return new DimensionStatistics(
                ByteUtils.readVarlong(in),
                in.getDouble(),
                in.getDouble(),
                in.getDouble(),
                in.getDouble(),
                ByteUtils.readVarlong(in),
                in.getDouble());
    }

    /** Writes whether the block differs from the empty one, and returns that. */
    private static boolean present(Object block, Object empty, ByteBuffer out) {
        boolean present = !block.equals(empty);
        out.put((byte) (present ? 1 : 0));
        return present;
    }

    private static void writeCounts(ByteBuffer out, long... counts) {
        for (long count : counts) {
            ByteUtils.writeVarlong(count, out);
        }
    }

    private static void writeHistogram(Histogram histogram, ByteBuffer out) {
        Map<Integer, Long> counts = histogram.counts();
        ByteUtils.writeUnsignedVarint(counts.size(), out);
        for (Map.Entry<Integer, Long> bin : counts.entrySet()) {
            ByteUtils.writeVarint(bin.getKey(), out);
            ByteUtils.writeVarlong(bin.getValue(), out);
        }
    }

    private static Histogram readHistogram(ByteBuffer in) {
        int bins = ByteUtils.readUnsignedVarint(in);
        if (bins == 0) {
            return Histogram.EMPTY;
        }
        Map<Integer, Long> counts = new HashMap<>(bins * 2);
        for (int i = 0; i < bins; i++) {
            counts.put(ByteUtils.readVarint(in), ByteUtils.readVarlong(in));
        }
        return new Histogram(counts);
    }

    private static void writeValueCounts(Map<Integer, Long> counts, ByteBuffer out) {
        ByteUtils.writeUnsignedVarint(counts.size(), out);
        for (Map.Entry<Integer, Long> value : counts.entrySet()) {
            ByteUtils.writeVarint(value.getKey(), out);
            ByteUtils.writeVarlong(value.getValue(), out);
        }
    }

    private static Map<Integer, Long> readValueCounts(ByteBuffer in) {
        int values = ByteUtils.readUnsignedVarint(in);
        Map<Integer, Long> counts = new TreeMap<>();
        for (int i = 0; i < values; i++) {
            counts.put(ByteUtils.readVarint(in), ByteUtils.readVarlong(in));
        }
        return counts;
    }

    private static void writeCountMap(Map<String, Long> counts, ByteBuffer out) {
        ByteUtils.writeUnsignedVarint(counts.size(), out);
        for (Map.Entry<String, Long> count : counts.entrySet()) {
            writeString(count.getKey(), out);
            ByteUtils.writeVarlong(count.getValue(), out);
        }
    }

    private static Map<String, Long> readCountMap(ByteBuffer in) {
        int entries = ByteUtils.readUnsignedVarint(in);
        Map<String, Long> counts = new TreeMap<>();
        for (int i = 0; i < entries; i++) {
            counts.put(readString(in), ByteUtils.readVarlong(in));
        }
        return counts;
    }

    /** A string as UTF-8: its length as an unsigned varint, then its bytes. */
    public static void writeString(String value, ByteBuffer out) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        ByteUtils.writeUnsignedVarint(utf8.length, out);
        out.put(utf8);
    }

    /** What {@link #writeString} wrote. */
    public static String readString(ByteBuffer in) {
        int length = ByteUtils.readUnsignedVarint(in);
        if (length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        String value = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }
}

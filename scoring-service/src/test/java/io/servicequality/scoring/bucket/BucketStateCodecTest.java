package io.servicequality.scoring.bucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.RatingDistributions;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.JacksonMapperUtils;

class BucketStateCodecTest {

    /**
     * {@link #everyFieldSet()} as encoded by format version 1; states of this version stay in the changelogs for as
     * long as buckets are retained, so every later version must still read it.
     */
    private static final String VERSION_1 =
            "010e040184cb94b10daab4de75020104400a000000000000401100000000000040150000000000004019000000000000"
                    + "0e402080000000000012402480000000000040268000000000004028800000000000402a8000000000001c402e800000"
                    + "0000002040314000000000004032400000000000403340000000000040344000000000002a40364000000000002e4038"
                    + "4000000000004039400000000000403a400000000000403b40000000000038403d4000000000003c403f400000000000"
                    + "40402000000000004040a000000000004041200000000000464042200000000000014a4c4e500152545658015a404720"
                    + "00000000004047a00000000000016062646668404aa00000000000026c706e727476787a02066b65792d3632800106e9"
                    + "94ae2d3633820102066b65792d3636880106e994ae2d36378a0102066b65792d3730900106e994ae2d37319201019401"
                    + "960198019a019c014053d000000000004054100000000000a201405490000000000002a601aa01a801ac0102ae01b201"
                    + "b001b40101b601405710000000000040575000000000000206e994ae2d39354058600000000000066b65792d39344058"
                    + "200000000000";

    /** {@link #everyFieldSet()} as encoded by format version 2 (distributions and channel breakdown added). */
    private static final String VERSION_2 =
            "020e040184cb94b10daab4de75020104400a000000000000401100000000000040150000000000004019000000000000"
                    + "0e402080000000000012402480000000000040268000000000004028800000000000402a8000000000001c402e800000"
                    + "0000002040314000000000004032400000000000403340000000000040344000000000002a40364000000000002e4038"
                    + "4000000000004039400000000000403a400000000000403b40000000000038403d4000000000003c403f400000000000"
                    + "40402000000000004040a000000000004041200000000000464042200000000000014a4c4e500152545658015a404720"
                    + "00000000004047a00000000000016062646668404aa00000000000026e726c707476787a0206e994ae2d36338201066b"
                    + "65792d363280010206e994ae2d36378a01066b65792d3636880102066b65792d3730900106e994ae2d37319201019401"
                    + "960198019a019c014053d000000000004054100000000000a201405490000000000002a801ac01a601aa0102b001b401"
                    + "ae01b20101b601405710000000000040575000000000000206e994ae2d39354058600000000000066b65792d39344058"
                    + "2000000000000102c601ca01c401c80102ce01d201cc01d00102d601da01d401d80102de01e201dc01e00102e601ea01"
                    + "e401e80102ee01f201ec01f00102f601fa01f401f80102fe018202fc0180020286028a0284028802028e0292028c0290"
                    + "020296029a0294029802029e02a2029c02a00202a602aa02a402a8020207e994ae2d313531da0401dc044072f4000000"
                    + "0000407304000000000040731400000000004073240000000000e6044073440000000000ea0440736400000000004073"
                    + "74000000000040738400000000004073940000000000f4044073b40000000000f8044073d400000000004073e4000000"
                    + "00004073f400000000004074040000000000820540742400000000008605407444000000000040745400000000004074"
                    + "64000000000040747400000000009005407494000000000094054074b400000000004074c400000000004074d4000000"
                    + "00004074e400000000009e05407504000000000001a205a405a605a80501aa05ac05ae05b00501b2054075a400000000"
                    + "004075b4000000000001b805ba05bc05be05c005407614000000000002c605ca05c405c805cc05ce05d005d2050207e9"
                    + "94ae2d333633da05076b65792d333632d8050207e994ae2d333637e205076b65792d333636e0050207e994ae2d333731"
                    + "ea05076b65792d333730e80501ec05ee05f005f205f4054077b400000000004077c40000000000fa054077e400000000"
                    + "000280068406fe0582060288068c0686068a06018e064078840000000000407894000000000002076b65792d33393440"
                    + "78c8000000000007e994ae2d3339354078d8000000000001029e06a2069c06a00602a606aa06a406a80602ae06b206ac"
                    + "06b00602b606ba06b406b80602be06c206bc06c00602c606ca06c406c80602ce06d206cc06d00602d606da06d406d806"
                    + "02de06e206dc06e00602e606ea06e406e80602ee06f206ec06f00602f606fa06f406f80602fe068207fc06800700076b"
                    + "65792d313530b00201b2024063480000000000406368000000000040638800000000004063a80000000000bc024063e8"
                    + "0000000000c0024064280000000000406448000000000040646800000000004064880000000000ca024064c800000000"
                    + "00ce024065080000000000406528000000000040654800000000004065680000000000d8024065a80000000000dc0240"
                    + "65e80000000000406608000000000040662800000000004066480000000000e6024066880000000000ea024066c80000"
                    + "0000004066e8000000000040670800000000004067280000000000f402406768000000000001f802fa02fc02fe020180"
                    + "038203840386030188034068a800000000004068c80000000000018e0390039203940396034069880000000000029c03"
                    + "a0039a039e03a203a403a603a8030207e994ae2d323134b003076b65792d323133ae030207e994ae2d323138b803076b"
                    + "65792d323137b6030207e994ae2d323232c003076b65792d323231be0301c203c403c603c803ca03406cc80000000000"
                    + "406ce80000000000d003406d28000000000002d603da03d403d80302de03e203dc03e00301e403406e68000000000040"
                    + "6e8800000000000207e994ae2d323436406f100000000000076b65792d323435406ef000000000000102f403f803f203"
                    + "f60302fc038004fa03fe03028404880482048604028c0490048a048e04029404980492049604029c04a0049a049e0402"
                    + "a404a804a204a60402ac04b004aa04ae0402b404b804b204b60402bc04c004ba04be0402c404c804c204c60402cc04d0"
                    + "04ca04ce0402d404d804d204d60400";

    @Test
    void readsTheStatesWrittenByVersion1WithoutDistributionsOrChannels() {
        BucketState decoded = BucketStateCodec.decode(HexFormat.of().parseHex(VERSION_1));

        BucketStatistics all = everyFieldSet().statistics();
        assertThat(decoded)
                .isEqualTo(new BucketState(
                        new BucketStatistics(
                                all.feedbackCount(),
                                all.servqual(),
                                all.csat(),
                                all.nps(),
                                all.ces(),
                                all.complaints(),
                                all.interactions(),
                                all.drivers()),
                        7,
                        2,
                        Instant.parse("2026-12-04T10:15:30.123456789Z")));
        assertThat(decoded.statistics().distributions()).isEqualTo(RatingDistributions.EMPTY);
        assertThat(decoded.statistics().byChannel()).isEmpty();
    }

    @Test
    void readsTheStatesWrittenByVersion2() {
        assertThat(BucketStateCodec.decode(HexFormat.of().parseHex(VERSION_2))).isEqualTo(everyFieldSet());
    }

    @Test
    void everyFieldOfTheStatisticsSurvivesTheRoundTrip() {
        // built by reflection, so a field added to the statistics and forgotten by the codec fails here
        BucketState state = everyFieldSet();

        BucketState decoded = BucketStateCodec.decode(BucketStateCodec.encode(state));

        assertThat(decoded).isEqualTo(state);
        assertThat(decoded.statistics().complaints().openedByCategory()).hasSize(2);
        assertThat(decoded.statistics().interactions().waitSeconds().counts()).hasSize(2);
        assertThat(decoded.statistics().distributions().servqual().empathy().perception())
                .hasSize(2);
        assertThat(decoded.statistics().byChannel()).hasSize(2);
        assertThat(decoded.statistics().byChannel().values())
                .allSatisfy(channel -> assertThat(channel.distributions().nps()).hasSize(2));
    }

    @Test
    void readsTheJsonStatesOfEarlierBuilds() {
        BucketState state = everyFieldSet();
        byte[] json = JacksonMapperUtils.enhancedJsonMapper().writeValueAsBytes(state);

        assertThat(BucketStateCodec.decode(json)).isEqualTo(state);
    }

    @Test
    void anEmptyBucketTakesAFewBytes() {
        BucketState empty = new BucketState(BucketStatistics.EMPTY, 0, 0, null);

        byte[] bytes = BucketStateCodec.encode(empty);

        assertThat(BucketStateCodec.decode(bytes)).isEqualTo(empty);
        assertThat(bytes).hasSizeLessThan(16);
    }

    /**
     * A busy hour bucket (400 mixed events of every channel) survives the round trip; prints its size with and without
     * the channel breakdown and distributions (the state-size cost reported in ADR 17).
     */
    @Test
    void aBusyBucketWithItsChannelsAndDistributionsRoundTrips() {
        BucketStatistics busy = BucketStatistics.EMPTY;
        for (var event : CountingAgainstReferenceTest.randomEvents(new java.util.Random(17), 400)) {
            Contribution contribution = CountingAgainstReferenceTest.contributionOf(event);
            if (contribution != null) {
                busy = busy.plus(contribution.statistics());
            }
        }
        Instant updatedAt = Instant.parse("2026-12-04T10:15:30Z");
        BucketState state = new BucketState(busy, 400, 0, updatedAt);
        BucketState totalsOnly = new BucketState(
                new BucketStatistics(
                        busy.feedbackCount(),
                        busy.servqual(),
                        busy.csat(),
                        busy.nps(),
                        busy.ces(),
                        busy.complaints(),
                        busy.interactions(),
                        busy.drivers()),
                400,
                0,
                updatedAt);

        byte[] bytes = BucketStateCodec.encode(state);

        assertThat(BucketStateCodec.decode(bytes)).isEqualTo(state);
        assertThat(busy.byChannel()).hasSize(6);
        System.out.printf(
                "busy bucket: %d bytes with channels and distributions, %d without (%d with distributions only)%n",
                bytes.length,
                BucketStateCodec.encode(totalsOnly).length,
                BucketStateCodec.encode(new BucketState(
                                new BucketStatistics(
                                        busy.feedbackCount(),
                                        busy.servqual(),
                                        busy.csat(),
                                        busy.nps(),
                                        busy.ces(),
                                        busy.complaints(),
                                        busy.interactions(),
                                        busy.drivers(),
                                        busy.distributions(),
                                        null),
                                400,
                                0,
                                updatedAt))
                        .length);
    }

    @Test
    void aLargeStateOutgrowsTheReusedBuffer() {
        Map<Integer, Long> bins = new java.util.HashMap<>();
        for (int bin = 0; bin < 5_000; bin++) {
            bins.put(bin, (long) bin + 1);
        }
        BucketState large = new BucketState(
                BucketStatistics.EMPTY.plus(new BucketStatistics(
                        1,
                        null,
                        null,
                        null,
                        null,
                        null,
                        new BucketStatistics.InteractionStatistics(
                                1, 1, 0, 1, 1, 5, 25, 0, 0, new io.servicequality.contracts.Histogram(bins), null),
                        null)),
                1,
                0,
                Instant.parse("2026-12-04T10:00:00.123456789Z"));

        assertThat(BucketStateCodec.decode(BucketStateCodec.encode(large))).isEqualTo(large);
    }

    @Test
    void truncatedOrForeignBytesAreRefusedAsSerializationErrors() {
        byte[] bytes = BucketStateCodec.encode(everyFieldSet());

        assertThatThrownBy(() -> BucketStateCodec.decode(Arrays.copyOf(bytes, bytes.length / 2)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> BucketStateCodec.decode(Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("left over");
        byte[] laterVersion = bytes.clone();
        laterVersion[0] = 3;
        assertThatThrownBy(() -> BucketStateCodec.decode(laterVersion))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("format version 3");
        assertThatThrownBy(() -> BucketStateCodec.decode("{\"applied\":".getBytes()))
                .isInstanceOf(SerializationException.class);
    }

    /**
     * Every count, sum, map and histogram of the statistics set to a distinct non-zero value, with two channel entries
     * set likewise (but without channels of their own).
     */
    static BucketState everyFieldSet() {
        return new BucketState(
                (BucketStatistics) populated(BucketStatistics.class, new int[] {1}, true),
                7,
                2,
                Instant.parse("2026-12-04T10:15:30.123456789Z"));
    }

    private static Object populated(Type type, int[] next, boolean withChannels) {
        if (type == long.class) {
            return (long) next[0]++;
        }
        if (type == double.class) {
            return next[0]++ + 0.25;
        }
        if (type instanceof ParameterizedType map && map.getRawType() == Map.class) {
            Type keyType = map.getActualTypeArguments()[0];
            Type valueType = map.getActualTypeArguments()[1];
            if (valueType == BucketStatistics.class && !withChannels) {
                return Map.of();
            }
            Object firstKey = keyType == Integer.class ? (Object) next[0]++ : "key-" + next[0]++;
            Object secondKey = keyType == Integer.class ? (Object) next[0]++ : "键-" + next[0]++;
            return Map.of(firstKey, boxed(valueType, next), secondKey, boxed(valueType, next));
        }
        Class<?> recordType = (Class<?>) type;
        RecordComponent[] components = recordType.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = populated(components[i].getGenericType(), next, withChannels);
            types[i] = components[i].getType();
        }
        try {
            return recordType.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException unexpected) {
            throw new IllegalStateException(unexpected);
        }
    }

    private static Object boxed(Type valueType, int[] next) {
        if (valueType == BucketStatistics.class) {
            return populated(valueType, next, false);
        }
        return valueType == Long.class ? (Object) (long) next[0]++ : (Object) (next[0]++ + 0.5);
    }
}

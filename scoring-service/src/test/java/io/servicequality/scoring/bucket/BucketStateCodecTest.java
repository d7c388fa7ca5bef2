package io.servicequality.scoring.bucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicequality.contracts.BucketStatistics;
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

    @Test
    void readsTheStatesWrittenByVersion1() {
        assertThat(BucketStateCodec.decode(HexFormat.of().parseHex(VERSION_1))).isEqualTo(everyFieldSet());
    }

    @Test
    void everyFieldOfTheStatisticsSurvivesTheRoundTrip() {
        // built by reflection, so a field added to the statistics and forgotten by the codec fails here
        BucketState state = everyFieldSet();

        BucketState decoded = BucketStateCodec.decode(BucketStateCodec.encode(state));

        assertThat(decoded).isEqualTo(state);
        assertThat(decoded.statistics().complaints().openedByCategory()).hasSize(2);
        assertThat(decoded.statistics().interactions().waitSeconds().counts()).hasSize(2);
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
        laterVersion[0] = 2;
        assertThatThrownBy(() -> BucketStateCodec.decode(laterVersion))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("format version 2");
        assertThatThrownBy(() -> BucketStateCodec.decode("{\"applied\":".getBytes()))
                .isInstanceOf(SerializationException.class);
    }

    /** Every count, sum, map and histogram of the statistics set to a distinct non-zero value. */
    static BucketState everyFieldSet() {
        return new BucketState(
                (BucketStatistics) populated(BucketStatistics.class, new int[] {1}),
                7,
                2,
                Instant.parse("2026-12-04T10:15:30.123456789Z"));
    }

    private static Object populated(Type type, int[] next) {
        if (type == long.class) {
            return (long) next[0]++;
        }
        if (type == double.class) {
            return next[0]++ + 0.25;
        }
        if (type instanceof ParameterizedType map && map.getRawType() == Map.class) {
            Type keyType = map.getActualTypeArguments()[0];
            Type valueType = map.getActualTypeArguments()[1];
            Object firstKey = keyType == Integer.class ? (Object) next[0]++ : "key-" + next[0]++;
            Object secondKey = keyType == Integer.class ? (Object) next[0]++ : "键-" + next[0]++;
            return Map.of(firstKey, boxed(valueType, next), secondKey, boxed(valueType, next));
        }
        Class<?> recordType = (Class<?>) type;
        RecordComponent[] components = recordType.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = populated(components[i].getGenericType(), next);
            types[i] = components[i].getType();
        }
        try {
            return recordType.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException unexpected) {
            throw new IllegalStateException(unexpected);
        }
    }

    private static Object boxed(Type valueType, int[] next) {
        return valueType == Long.class ? (Object) (long) next[0]++ : (Object) (next[0]++ + 0.5);
    }
}

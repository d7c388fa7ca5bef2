package io.servicequality.scoring.bucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicequality.contracts.StaffStatistics;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class StaffStateCodecTest {

    /**
     * {@link #everyFieldSet()} as encoded by format version 1; states of this version stay in the changelog for as long
     * as staff buckets are retained, so every later version must still read it.
     */
    private static final String VERSION_1 = "01120184cb94b10daab4de7502040608401500000000000040190000000000000e402080"
            + "0000000000121416181a1c1e20222426282a2c2e3032";

    @Test
    void readsTheStatesWrittenByVersion1() {
        assertThat(StaffStateCodec.decode(HexFormat.of().parseHex(VERSION_1))).isEqualTo(everyFieldSet());
    }

    @Test
    void everyFieldOfTheStatisticsSurvivesTheRoundTrip() {
        // built by reflection, so a field added to the statistics and forgotten by the codec fails here
        StaffState state = everyFieldSet();

        assertThat(StaffStateCodec.decode(StaffStateCodec.encode(state))).isEqualTo(state);
    }

    @Test
    void anEmptyStateTakesAFewBytes() {
        byte[] bytes = StaffStateCodec.encode(StaffState.EMPTY);

        assertThat(StaffStateCodec.decode(bytes)).isEqualTo(StaffState.EMPTY);
        assertThat(bytes).hasSizeLessThan(64);
    }

    @Test
    void truncatedOrForeignBytesAreRefusedAsSerializationErrors() {
        byte[] bytes = StaffStateCodec.encode(everyFieldSet());

        assertThatThrownBy(() -> StaffStateCodec.decode(Arrays.copyOf(bytes, bytes.length / 2)))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> StaffStateCodec.decode(Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("left over");
        byte[] laterVersion = bytes.clone();
        laterVersion[0] = 2;
        assertThatThrownBy(() -> StaffStateCodec.decode(laterVersion))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("format version 2");
    }

    /** Every count and sum of the statistics set to a distinct non-zero value. */
    static StaffState everyFieldSet() {
        return new StaffState(
                (StaffStatistics) populated(StaffStatistics.class, new int[] {1}),
                9,
                Instant.parse("2026-12-04T10:15:30.123456789Z"));
    }

    private static Object populated(Class<?> type, int[] next) {
        if (type == long.class) {
            return (long) next[0]++;
        }
        if (type == double.class) {
            return next[0]++ + 0.25;
        }
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = populated(types[i], next);
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.servicequality.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;

class DeadLettersTest {

    private final Map<Long, Exception> deadLettered = new LinkedHashMap<>();
    private final ConsumerRecordRecoverer deadLetters = (record, failure) -> deadLettered.put(record.offset(), failure);

    private static ConsumerRecord<String, String> record(long offset, String value) {
        return new ConsumerRecord<>("sqp.test.v1", 0, offset, "key", value);
    }

    @Test
    void appliesWhatItCanDeadLettersWhatItNeverCanAndSkipsWhatIsNotForTheListener() {
        List<ConsumerRecord<String, String>> batch = new ArrayList<>(List.of(
                record(0, "hour:1"), record(1, null), record(2, "hour:"), record(3, "minute:7"), record(4, "hour:2")));

        List<Integer> applied = DeadLetters.applicable(
                batch, deadLetters, () -> new InvalidEventException("a record without a value"), value -> {
                    if (!value.startsWith("hour:")) {
                        return null;
                    }
                    if (value.length() == "hour:".length()) {
                        throw new InvalidEventException("an hour needs a number");
                    }
                    return Integer.parseInt(value.substring("hour:".length()));
                });

        assertThat(applied).containsExactly(1, 2);
        assertThat(deadLettered).containsOnlyKeys(1L, 2L);
        assertThat(deadLettered.get(1L)).hasMessage("a record without a value");
        assertThat(deadLettered.get(2L)).hasMessage("an hour needs a number");
    }
}

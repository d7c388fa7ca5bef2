package io.servicequality.operations;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * One dead letter as the API shows it: where it is, what arrived (key, payload, the headers a replay sends again) and,
 * from Spring Kafka's {@code kafka_dlt-*} headers, where it came from and why it failed.
 *
 * @param pending neither replayed nor purged yet
 */
record DeadLetter(
        String topic,
        int partition,
        long offset,
        Instant timestamp,
        Text key,
        Text payload,
        List<HeaderView> headers,
        Original original,
        Failure failure,
        boolean pending) {

    /** Bytes shown as UTF-8 text when they are valid UTF-8, else as base64; {@code size} in bytes. */
    record Text(String encoding, String value, int size) {

        static Text of(byte[] bytes) {
            if (bytes == null) {
                return null;
            }
            String text = utf8(bytes);
            return text != null
                    ? new Text("utf-8", text, bytes.length)
                    : new Text("base64", Base64.getEncoder().encodeToString(bytes), bytes.length);
        }
    }

    record HeaderView(String name, Text value) {}

    /** The record the listener failed on. */
    record Original(String topic, Integer partition, Long offset, Instant timestamp, String consumerGroup) {}

    /** The exception that sent it here. */
    record Failure(String exceptionClass, String causeClass, String message, String stackTrace) {}

    /** Header names Spring Kafka's dead-letter publisher adds (and a replay leaves out). */
    static final String DLT_HEADER_PREFIX = "kafka_dlt-";

    /** The error-handling deserializer's headers, which a replay leaves out too. */
    static final String DESERIALIZER_HEADER_PREFIX = "springDeserializerException";

    static DeadLetter of(ConsumerRecord<byte[], byte[]> record, boolean pending) {
        List<HeaderView> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            if (isReplayed(header)) {
                headers.add(new HeaderView(header.key(), Text.of(header.value())));
            }
        }
        Long originalTimestamp = longHeader(record, KafkaHeaders.DLT_ORIGINAL_TIMESTAMP);
        return new DeadLetter(
                record.topic(),
                record.partition(),
                record.offset(),
                Instant.ofEpochMilli(record.timestamp()),
                Text.of(record.key()),
                Text.of(record.value()),
                headers,
                new Original(
                        textHeader(record, KafkaHeaders.DLT_ORIGINAL_TOPIC),
                        intHeader(record, KafkaHeaders.DLT_ORIGINAL_PARTITION),
                        longHeader(record, KafkaHeaders.DLT_ORIGINAL_OFFSET),
                        originalTimestamp == null ? null : Instant.ofEpochMilli(originalTimestamp),
                        textHeader(record, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)),
                new Failure(
                        firstText(record, KafkaHeaders.DLT_EXCEPTION_FQCN, KafkaHeaders.DLT_KEY_EXCEPTION_FQCN),
                        textHeader(record, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN),
                        firstText(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE, KafkaHeaders.DLT_KEY_EXCEPTION_MESSAGE),
                        firstText(
                                record,
                                KafkaHeaders.DLT_EXCEPTION_STACKTRACE,
                                KafkaHeaders.DLT_KEY_EXCEPTION_STACKTRACE)),
                pending);
    }

    /** Whether a replay sends this header again: everything but what the failure added. */
    static boolean isReplayed(Header header) {
        return !header.key().startsWith(DLT_HEADER_PREFIX) && !header.key().startsWith(DESERIALIZER_HEADER_PREFIX);
    }

    private static String firstText(ConsumerRecord<byte[], byte[]> record, String name, String alternative) {
        String text = textHeader(record, name);
        return text != null ? text : textHeader(record, alternative);
    }

    private static String textHeader(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Integer intHeader(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null || header.value().length != Integer.BYTES
                ? null
                : ByteBuffer.wrap(header.value()).getInt();
    }

    private static Long longHeader(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null || header.value().length != Long.BYTES
                ? null
                : ByteBuffer.wrap(header.value()).getLong();
    }

    private static String utf8(byte[] bytes) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}

package io.servicequality.operations;

import io.servicequality.web.problem.ProblemTypes;
import io.servicequality.web.problem.Problems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.web.ErrorResponseException;

/**
 * The broker side of the dead letters: their partitions and offsets, the handled marks (committed offsets of the
 * service's dead-letter group), records read as bytes, replays published as bytes, and records deleted. Every call
 * waits at most the broker timeout and throws {@link BrokerUnavailable} when the broker did not answer in time.
 */
class DeadLetterLog implements AutoCloseable {

    /** One dead-letter partition's offsets and mark. */
    record PartitionState(int partition, long logStartOffset, long endOffset, HandledMark mark) {

        long present() {
            return endOffset - logStartOffset;
        }

        long pending() {
            return mark.pending(logStartOffset, endOffset);
        }
    }

    /** The broker did not answer in time, or failed: a 503 problem saying what was under way. */
    static class BrokerUnavailable extends ErrorResponseException {
        BrokerUnavailable(String what, Throwable cause) {
            super(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    Problems.body(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            ProblemTypes.DEPENDENCY_UNAVAILABLE,
                            "Dependency unavailable",
                            "the broker did not answer while " + what + "; a replay or purge may not have completed:"
                                    + " list the topic before trying again"),
                    cause);
            getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        }
    }

    private final Admin admin;
    private final ConsumerFactory<byte[], byte[]> consumers;
    private final ProducerFactory<byte[], byte[]> producers;
    private final String group;
    private final Duration timeout;

    DeadLetterLog(
            Admin admin,
            ConsumerFactory<byte[], byte[]> consumers,
            ProducerFactory<byte[], byte[]> producers,
            String group,
            Duration timeout) {
        this.admin = admin;
        this.consumers = consumers;
        this.producers = producers;
        this.group = group;
        this.timeout = timeout;
    }

    String group() {
        return group;
    }

    /** Every partition of each topic, in partition order; a topic the broker does not know has none. */
    Map<String, List<PartitionState>> states(Collection<String> topics) {
        Map<String, TopicDescription> descriptions = new HashMap<>();
        admin.describeTopics(topics).topicNameValues().forEach((topic, description) -> {
            try {
                descriptions.put(topic, await(description, "describing " + topic));
            } catch (BrokerUnavailable e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        });
        List<TopicPartition> partitions = new ArrayList<>();
        descriptions
                .values()
                .forEach(description -> description
                        .partitions()
                        .forEach(info -> partitions.add(new TopicPartition(description.name(), info.partition()))));
        Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, OffsetAndMetadata> marks = committed();
        Map<String, List<PartitionState>> states = new TreeMap<>();
        for (String topic : topics) {
            states.put(topic, new ArrayList<>());
        }
        partitions.stream()
                .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
                .forEach(partition -> states.get(partition.topic())
                        .add(new PartitionState(
                                partition.partition(),
                                starts.get(partition),
                                ends.get(partition),
                                HandledMark.of(marks.get(partition)))));
        return states;
    }

    /** Records the marks of the given partitions of {@code topic}. */
    void mark(String topic, Map<Integer, HandledMark> marks) {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        marks.forEach((partition, mark) -> commits.put(new TopicPartition(topic, partition), mark.committed()));
        await(admin.alterConsumerGroupOffsets(group, commits).all(), "marking dead letters handled");
    }

    /**
     * Reads {@code partition} from {@code from} and hands each record to {@code visitor} in offset order until it
     * returns {@code false} or the record before {@code until} was read.
     *
     * @return the offset after the last record visited (where a next read would continue)
     */
    long scan(TopicPartition partition, long from, long until, Predicate<ConsumerRecord<byte[], byte[]>> visitor) {
        if (from >= until) {
            return from;
        }
        try (Consumer<byte[], byte[]> consumer = consumers.createConsumer(null, null, null, null)) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, from);
            long position = from;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (position < until) {
                if (System.nanoTime() > deadline) {
                    throw new BrokerUnavailable(
                            "reading " + partition + " from " + from, new TimeoutException(timeout.toString()));
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                    if (record.offset() >= until) {
                        return until;
                    }
                    position = record.offset() + 1;
                    if (!visitor.test(record)) {
                        return position;
                    }
                }
                position = Math.max(position, consumer.position(partition, timeout));
            }
            return position;
        }
    }

    /** The record at {@code offset} of {@code partition}, if it is there (not deleted, below the end). */
    Optional<ConsumerRecord<byte[], byte[]>> read(TopicPartition partition, long offset) {
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        scan(partition, offset, offset + 1, record -> {
            if (record.offset() == offset) {
                found.add(record);
            }
            return false;
        });
        return found.stream().findFirst();
    }

    /** Sends each record (bytes as they are) and waits for every acknowledgement; stops at the first failure. */
    List<RecordMetadata> publish(List<ProducerRecord<byte[], byte[]>> records) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        Producer<byte[], byte[]> producer = producers.createProducer();
        try {
            for (ProducerRecord<byte[], byte[]> record : records) {
                sent.add(producer.send(record));
            }
            producer.flush();
            List<RecordMetadata> acknowledged = new ArrayList<>();
            for (Future<RecordMetadata> future : sent) {
                acknowledged.add(await(future, "replaying to " + records.get(0).topic()));
            }
            return acknowledged;
        } finally {
            producer.close(timeout);
        }
    }

    /** Deletes the records of each partition below its offset; returns each partition's new log start. */
    Map<Integer, Long> deleteBefore(String topic, Map<Integer, Long> beforeOffsets) {
        Map<TopicPartition, RecordsToDelete> deletions = new HashMap<>();
        beforeOffsets.forEach((partition, offset) ->
                deletions.put(new TopicPartition(topic, partition), RecordsToDelete.beforeOffset(offset)));
        Map<Integer, Long> starts = new TreeMap<>();
        admin.deleteRecords(deletions)
                .lowWatermarks()
                .forEach((partition, watermark) -> starts.put(
                        partition.partition(),
                        await(watermark, "deleting " + partition).lowWatermark()));
        return starts;
    }

    @Override
    public void close() {
        admin.close(timeout);
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        Map<TopicPartition, ListOffsetsResultInfo> answers =
                await(admin.listOffsets(request).all(), "listing dead-letter offsets");
        Map<TopicPartition, Long> offsets = new HashMap<>();
        answers.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private Map<TopicPartition, OffsetAndMetadata> committed() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = await(
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
                    "reading the handled marks of " + group);
            Map<TopicPartition, OffsetAndMetadata> present = new HashMap<>();
            committed.forEach((partition, offset) -> {
                if (offset != null) {
                    present.put(partition, offset);
                }
            });
            return present;
        } catch (BrokerUnavailable e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Map.of();
            }
            throw e;
        }
    }

    private <T> T await(Future<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new BrokerUnavailable(what, e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new BrokerUnavailable(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailable(what, e);
        }
    }
}

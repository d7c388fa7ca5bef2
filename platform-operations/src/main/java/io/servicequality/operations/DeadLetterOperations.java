package io.servicequality.operations;

import io.servicequality.operations.DeadLetterLog.PartitionState;
import io.servicequality.security.Caller;
import io.servicequality.security.CallerAccess;
import io.servicequality.security.audit.AuditTrail;
import io.servicequality.web.problem.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.security.access.AccessDeniedException;

/**
 * Lists, inspects, replays and purges this service's dead letters for the calling ADMIN ({@link DeadLetterVisibility}
 * says which records that is), keeps the handled marks ({@link HandledMark}) and writes an audit entry for every replay
 * and purge. Replays and purges of one topic run one at a time in this instance (the marks are read, changed and
 * written back).
 */
class DeadLetterOperations {

    /** Counts of one dead-letter topic; {@code topic} is the dead-letter topic, {@code originalTopic} what it holds. */
    record TopicSummary(
            String topic, String originalTopic, long present, long pending, List<PartitionSummary> partitions) {}

    /** {@code handledUpTo}: every offset below it is replayed or purged (and so are some above it, one by one). */
    record PartitionSummary(
            int partition, long logStartOffset, long endOffset, long handledUpTo, long present, long pending) {}

    /** A page of dead letters in partition, then offset order; {@code nextCursor} is {@code null} after the last. */
    record Page(String topic, List<DeadLetter> items, String nextCursor) {}

    /** Where a replayed record went. */
    record Replay(int partition, long offset, String replayedTo, int replayedToPartition, long replayedToOffset) {}

    record Replayed(String topic, String replayedTo, int count, List<Replay> records) {}

    record Purged(String topic, Map<Integer, Long> logStartOffsets, long removed) {}

    /** Where a page starts. */
    record Position(int partition, long offset) {

        static Position parse(String cursor) {
            String[] parts = cursor.split(":", -1);
            try {
                if (parts.length == 2) {
                    Position position = new Position(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
                    if (position.partition >= 0 && position.offset >= 0) {
                        return position;
                    }
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw Problems.validationFailed("cursor", "must be a nextCursor of an earlier page");
        }

        String cursor() {
            return partition + ":" + offset;
        }
    }

    private final DeadLetterTopics topics;
    private final DeadLetterLog log;
    private final DeadLetterVisibility visibility;
    private final CallerAccess callers;
    private final AuditTrail audit;
    private final PlatformOperationsProperties.DeadLetters settings;
    private final PendingDeadLetters pending;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    DeadLetterOperations(
            DeadLetterTopics topics,
            DeadLetterLog log,
            DeadLetterVisibility visibility,
            CallerAccess callers,
            AuditTrail audit,
            PlatformOperationsProperties.DeadLetters settings,
            PendingDeadLetters pending) {
        this.topics = topics;
        this.log = log;
        this.visibility = visibility;
        this.callers = callers;
        this.audit = audit;
        this.settings = settings;
        this.pending = pending;
    }

    List<TopicSummary> summaries() {
        Map<String, List<PartitionState>> states = log.states(topics.deadLetterTopics());
        return topics.deadLetterTopics().stream()
                .map(topic -> summary(topic, states.get(topic)))
                .toList();
    }

    TopicSummary summary(String topicOrOriginal) {
        String topic = topics.resolve(topicOrOriginal);
        return summary(topic, states(topic));
    }

    /** From {@code start} (or each partition's log start), at most {@code limit} records the caller may see. */
    Page list(String topicOrOriginal, Integer onlyPartition, Position start, int limit, boolean pendingOnly) {
        if (limit < 1 || limit > settings.maxPageSize()) {
            throw Problems.validationFailed("limit", "must be between 1 and " + settings.maxPageSize());
        }
        String topic = topics.resolve(topicOrOriginal);
        List<PartitionState> states = states(topic);
        if (onlyPartition != null) {
            partition(topic, states, onlyPartition);
        }
        if (start != null) {
            partition(topic, states, start.partition());
        }
        Caller caller = callers.current();
        List<DeadLetter> items = new ArrayList<>();
        int[] scanned = {0};
        for (PartitionState state : states) {
            if ((onlyPartition != null && state.partition() != onlyPartition)
                    || (start != null && state.partition() < start.partition())) {
                continue;
            }
            long from = start != null && state.partition() == start.partition()
                    ? Math.max(start.offset(), state.logStartOffset())
                    : state.logStartOffset();
            long next = log.scan(new TopicPartition(topic, state.partition()), from, state.endOffset(), record -> {
                scanned[0]++;
                boolean handled = state.mark().isHandled(record.offset());
                if (visibility.maySee(caller, record) && !(pendingOnly && handled)) {
                    items.add(DeadLetter.of(record, !handled));
                }
                return items.size() < limit && scanned[0] < settings.maxScan();
            });
            if (next < state.endOffset()) {
                return new Page(topic, items, new Position(state.partition(), next).cursor());
            }
            if (items.size() >= limit || scanned[0] >= settings.maxScan()) {
                String following = states.stream()
                        .filter(later -> later.partition() > state.partition() && onlyPartition == null)
                        .findFirst()
                        .map(later -> new Position(later.partition(), later.logStartOffset()).cursor())
                        .orElse(null);
                return new Page(topic, items, following);
            }
        }
        return new Page(topic, items, null);
    }

    DeadLetter inspect(String topicOrOriginal, int partition, long offset) {
        String topic = topics.resolve(topicOrOriginal);
        PartitionState state = partition(topic, states(topic), partition);
        ConsumerRecord<byte[], byte[]> record = visibleRecord(topic, state, offset);
        return DeadLetter.of(record, !state.mark().isHandled(offset));
    }

    /** Publishes one dead letter again to its original topic; a record already handled is refused (409). */
    Replayed replay(String topicOrOriginal, int partition, long offset) {
        String topic = topics.resolve(topicOrOriginal);
        return locked(topic, () -> {
            PartitionState state = partition(topic, states(topic), partition);
            ConsumerRecord<byte[], byte[]> record = visibleRecord(topic, state, offset);
            if (state.mark().isHandled(offset)) {
                throw Problems.conflict(
                        "offset", "was already replayed or purged; a replay would deliver it a second time");
            }
            HandledMark marked = state.mark().with(List.of(offset));
            requireFits(marked);
            RecordMetadata sent = log.publish(List.of(replayOf(topic, record))).get(0);
            log.mark(topic, Map.of(partition, marked));
            Replay replay = new Replay(partition, offset, sent.topic(), sent.partition(), sent.offset());
            audit.record(
                    "dead-letter.replayed",
                    "dead-letter:" + topic + "/" + partition + "/" + offset,
                    Map.of("pending", true),
                    replay);
            pending.refreshSoon();
            return new Replayed(topic, sent.topic(), 1, List.of(replay));
        });
    }

    /** Publishes every pending dead letter the caller may see, partition by partition, in offset order. */
    Replayed replayAll(String topicOrOriginal) {
        String topic = topics.resolve(topicOrOriginal);
        Caller caller = callers.current();
        return locked(topic, () -> {
            List<Replay> replays = new ArrayList<>();
            Map<String, Object> marks = new LinkedHashMap<>();
            for (PartitionState state : states(topic)) {
                List<ConsumerRecord<byte[], byte[]>> chosen = new ArrayList<>();
                long from = Math.max(state.mark().upTo(), state.logStartOffset());
                log.scan(new TopicPartition(topic, state.partition()), from, state.endOffset(), record -> {
                    if (!state.mark().isHandled(record.offset()) && visibility.maySee(caller, record)) {
                        chosen.add(record);
                    }
                    return true;
                });
                if (chosen.isEmpty()) {
                    continue;
                }
                HandledMark marked = state.mark()
                        .with(chosen.stream().map(ConsumerRecord::offset).toList())
                        .atLeast(visibility.isOperator(caller) ? state.endOffset() : 0);
                requireFits(marked);
                List<RecordMetadata> sent = log.publish(
                        chosen.stream().map(record -> replayOf(topic, record)).toList());
                log.mark(topic, Map.of(state.partition(), marked));
                for (int i = 0; i < chosen.size(); i++) {
                    replays.add(new Replay(
                            state.partition(),
                            chosen.get(i).offset(),
                            sent.get(i).topic(),
                            sent.get(i).partition(),
                            sent.get(i).offset()));
                }
                marks.put(Integer.toString(state.partition()), marked.upTo());
            }
            String original = topics.originalOf(topic);
            if (!replays.isEmpty()) {
                audit.record(
                        "dead-letters.replayed",
                        "dead-letters:" + topic,
                        Map.of("pending", replays.size()),
                        Map.of("replayed", replays.size(), "replayedTo", original, "handledUpTo", marks));
                pending.refreshSoon();
            }
            return new Replayed(topic, original, replays.size(), replays);
        });
    }

    /**
     * Deletes the records of each partition up to and including the given offset (all of them without one) from the
     * broker, and marks them handled. Only the operator tenant's ADMINs: the records of every tenant go.
     */
    Purged purge(String topicOrOriginal, Map<Integer, Long> upToIncluding) {
        String topic = topics.resolve(topicOrOriginal);
        if (!visibility.isOperator(callers.current())) {
            throw new AccessDeniedException(
                    "purging removes every tenant's dead letters: only the operator tenant's ADMINs may");
        }
        return locked(topic, () -> {
            List<PartitionState> states = states(topic);
            Map<Integer, Long> before = new TreeMap<>();
            if (upToIncluding == null || upToIncluding.isEmpty()) {
                states.forEach(state -> before.put(state.partition(), state.endOffset()));
            } else {
                upToIncluding.forEach((partition, offset) -> {
                    PartitionState state = partition(topic, states, partition);
                    if (offset < 0 || offset >= state.endOffset()) {
                        throw Problems.validationFailed(
                                "upTo",
                                "offset " + offset + " of partition " + partition + " must be below its end offset "
                                        + state.endOffset());
                    }
                    before.put(partition, offset + 1);
                });
            }
            Map<Integer, Long> starts = log.deleteBefore(topic, before);
            Map<Integer, HandledMark> marks = new TreeMap<>();
            Map<Integer, Long> previousStarts = new TreeMap<>();
            long removed = 0;
            for (PartitionState state : states) {
                if (starts.containsKey(state.partition())) {
                    long start = starts.get(state.partition());
                    marks.put(state.partition(), state.mark().atLeast(start));
                    previousStarts.put(state.partition(), state.logStartOffset());
                    removed += Math.max(0, start - state.logStartOffset());
                }
            }
            log.mark(topic, marks);
            audit.record(
                    "dead-letters.purged",
                    "dead-letters:" + topic,
                    Map.of("logStartOffsets", previousStarts),
                    Map.of("logStartOffsets", starts, "removed", removed));
            pending.refreshSoon();
            return new Purged(topic, starts, removed);
        });
    }

    private TopicSummary summary(String topic, List<PartitionState> states) {
        List<PartitionSummary> partitions = states.stream()
                .map(state -> new PartitionSummary(
                        state.partition(),
                        state.logStartOffset(),
                        state.endOffset(),
                        Math.max(state.mark().upTo(), state.logStartOffset()),
                        state.present(),
                        state.pending()))
                .toList();
        return new TopicSummary(
                topic,
                topics.originalOf(topic),
                partitions.stream().mapToLong(PartitionSummary::present).sum(),
                partitions.stream().mapToLong(PartitionSummary::pending).sum(),
                partitions);
    }

    private List<PartitionState> states(String topic) {
        return log.states(List.of(topic)).get(topic);
    }

    private static PartitionState partition(String topic, List<PartitionState> states, int partition) {
        return states.stream()
                .filter(state -> state.partition() == partition)
                .findFirst()
                .orElseThrow(() -> Problems.notFound(topic + " has no partition " + partition));
    }

    /** The record, if it is there and the caller may see it; else 404 (as if it did not exist). */
    private ConsumerRecord<byte[], byte[]> visibleRecord(String topic, PartitionState state, long offset) {
        if (offset < state.logStartOffset() || offset >= state.endOffset()) {
            throw Problems.notFound("no dead letter at " + topic + "/" + state.partition() + "/" + offset
                    + " (partition holds offsets " + state.logStartOffset() + " to " + (state.endOffset() - 1) + ")");
        }
        return log.read(new TopicPartition(topic, state.partition()), offset)
                .filter(record -> visibility.maySee(callers.current(), record))
                .orElseThrow(
                        () -> Problems.notFound("no dead letter at " + topic + "/" + state.partition() + "/" + offset));
    }

    /** The original bytes, key and headers (without what the failure added) to the topic the dead letter came from. */
    private ProducerRecord<byte[], byte[]> replayOf(String topic, ConsumerRecord<byte[], byte[]> record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (DeadLetter.isReplayed(header)) {
                headers.add(header);
            }
        }
        return new ProducerRecord<>(topics.originalOf(topic), null, record.key(), record.value(), headers);
    }

    private static void requireFits(HandledMark marked) {
        if (!marked.fits()) {
            throw Problems.conflict(
                    "offset",
                    "too many dead letters of this partition were replayed one by one to record one more: replay all"
                            + " or purge first");
        }
    }

    private <T> T locked(String topic, java.util.function.Supplier<T> action) {
        ReentrantLock lock = locks.computeIfAbsent(topic, name -> new ReentrantLock());
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}

package io.servicequality.scoring.bucket;

import io.servicequality.contracts.BranchChanged;
import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.InteractionRecorded;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.contracts.PlatformEvent;
import io.servicequality.contracts.Topics;
import io.servicequality.scoring.punctuation.PunctuationWhileBusy;
import io.servicequality.security.TenantGate;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Counts one task's events (one partition of each counted topic) into its buckets and publishes the changed buckets.
 *
 * <p>Per record: parse; an event of a tenant this deployment does not serve is dropped (and counted by {@link
 * TenantGate}); an unparsable or invalid one goes to its topic's dead-letter topic with the reason in the headers; a
 * copy of an event id seen within the deduplication horizon counts nothing; otherwise its contribution is added to its
 * minute (unless late), hour and local-day bucket, and those buckets are marked changed. Every {@link
 * CountingRules#emitInterval()} the changed buckets are published as absolute {@link MetricUpdated}s and unmarked.
 * The same distinct events are counted per member of staff by {@link StaffCounting}, published alike.
 *
 * <p>Every effect — the stores (through their changelogs), the marks, the published updates, the dead letters and the
 * input offsets — is committed in one Kafka transaction ({@code exactly_once_v2}): after a crash the task's state is
 * restored to the last commit and the records after it are processed again, so each event counts once. The set of
 * changed buckets is a store of its own for the same reason: a change committed but not yet published is published
 * after a restart.
 */
final class CountingProcessor implements Processor<String, byte[], String, Output> {

    private static final Logger log = LoggerFactory.getLogger(CountingProcessor.class);

    private final CountingRules rules;
    private final TenantGate tenants;
    private final JsonMapper json;
    /** Counts a dead letter by its original topic ({@code sqp.dead-letters}, as every listener's are counted). */
    private final Consumer<String> deadLettered;

    private ProcessorContext<String, Output> context;
    private WindowStore<String, Long> seen;
    private final Map<Granularity, WindowStore<String, BucketState>> buckets = new EnumMap<>(Granularity.class);
    private KeyValueStore<String, Long> changed;
    private ReadOnlyKeyValueStore<String, ?> directory;
    /** Mirrors {@link #changed}, in marking order, so a punctuation does not scan the store. */
    private final Set<String> changedKeys = new LinkedHashSet<>();
    /**
     * Of each changed bucket, the earliest event counted into it since it was last published: when the platform
     * accepted it (its record's timestamp) and its trace context. The update carries them as headers ({@link
     * Origin#ACCEPTED_AT}, {@code traceparent}), so the live push measures freshness from acceptance and continues the
     * event's trace. Kept in memory only: after a restart an update goes out without them until its bucket changes again.
     */
    private final Map<String, Origin> origins = new HashMap<>();

    /** The decoded states of the buckets counted into lately: what the stores hold, without a fetch. */
    private final RecentBucketStates recentStates;

    /** Parsed time zones by branch, with the directory value they were parsed from. */
    private final Map<String, CachedZone> zones = new HashMap<>();

    /** The per-staff day buckets, counted from the same distinct events in the same transaction. */
    private final StaffCounting staff;

    /** Publishes the changed buckets every emit interval while there are any. */
    private final PunctuationWhileBusy publication;

    private record CachedZone(byte[] entry, ZoneId zone) {}

    CountingProcessor(CountingRules rules, TenantGate tenants, JsonMapper json, Consumer<String> deadLettered) {
        this.rules = rules;
        this.tenants = tenants;
        this.json = json;
        this.deadLettered = deadLettered;
        this.staff = new StaffCounting(rules, json);
        this.recentStates = new RecentBucketStates(rules.minuteRetention(), rules.bucketRetention());
        this.publication = new PunctuationWhileBusy(rules.emitInterval(), this::anyChanged, this::publishChanged);
    }

    @Override
    public void init(ProcessorContext<String, Output> context) {
        this.context = context;
        this.seen = context.getStateStore(CountingTopology.SEEN_EVENTS);
        buckets.put(Granularity.MINUTE, context.getStateStore(CountingTopology.MINUTE_BUCKETS));
        buckets.put(Granularity.HOUR, context.getStateStore(CountingTopology.HOUR_BUCKETS));
        buckets.put(Granularity.DAY, context.getStateStore(CountingTopology.DAY_BUCKETS));
        this.changed = context.getStateStore(CountingTopology.CHANGED_BUCKETS);
        this.directory = context.getStateStore(CountingTopology.BRANCH_DIRECTORY);
        recentStates.clear();
        try (KeyValueIterator<String, Long> restored = changed.all()) {
            restored.forEachRemaining(entry -> changedKeys.add(entry.key));
        }
        staff.init(context);
        publication.init(context);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata metadata = context.recordMetadata().orElseThrow();
        Source source = Source.ofTopic(metadata.topic());
        PlatformEvent event;
        Contribution contribution;
        try {
            if (record.value() == null) {
                throw new InvalidEvent("the record has no value");
            }
            event = json.readValue(record.value(), source.eventType());
            if (event.tenantId() != null && !tenants.admits(event)) {
                return;
            }
            contribution = contributionOf(event);
        } catch (InvalidEvent | JacksonException uncountable) {
            deadLetter(record, metadata, uncountable);
            return;
        }
        if (contribution == null
                || !firstOccurrence(
                        source.shortName() + ":" + contribution.tenantId() + ":" + event.eventId(),
                        record.timestamp())) {
            return;
        }
        boolean late = Duration.between(contribution.occurredAt(), Instant.ofEpochMilli(record.timestamp()))
                        .compareTo(rules.minuteBucketLateness())
                > 0;
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        Origin origin = Origin.of(record);
        for (BucketId bucket : contribution.buckets(zoneOf(contribution.tenantId(), contribution.branchId()), !late)) {
            origins.putIfAbsent(add(bucket, contribution, late, now), origin);
        }
        staff.count(event, record.timestamp(), this::zoneOf, now);
        publication.workMarked();
    }

    private boolean anyChanged() {
        return !changedKeys.isEmpty() || staff.anyChanged();
    }

    private Contribution contributionOf(PlatformEvent event) {
        if (event instanceof FeedbackSubmitted feedback) {
            return Contribution.of(feedback);
        }
        if (event instanceof InteractionRecorded interaction) {
            return Contribution.of(interaction, rules.serviceLevelSeconds());
        }
        return Contribution.of((ComplaintChanged) event).orElse(null);
    }

    /**
     * Whether no copy of this event was logged within the deduplication horizon before or after this one; remembers
     * this one if so.
     */
    private boolean firstOccurrence(String eventKey, long loggedAt) {
        long horizon = rules.deduplicationHorizon().toMillis();
        try (WindowStoreIterator<Long> copies =
                seen.fetch(eventKey, Math.max(0, loggedAt - horizon), loggedAt + horizon)) {
            if (copies.hasNext()) {
                return false;
            }
        }
        seen.put(eventKey, loggedAt, loggedAt);
        return true;
    }

    /** @return the changed bucket's key */
    private String add(BucketId bucket, Contribution contribution, boolean late, Instant now) {
        Granularity granularity = bucket.granularity();
        WindowStore<String, BucketState> store = buckets.get(granularity);
        String branchKey = Topics.recordKey(bucket.tenantId(), bucket.branchId());
        long start = bucket.start().toEpochMilli();
        String changedKey = ChangedBucket.keyOf(granularity, start, branchKey);
        BucketState state = recentStates.get(changedKey, granularity, start);
        if (state == null) {
            state = store.fetch(branchKey, start);
        }
        BucketState counted = (state == null ? BucketState.EMPTY : state.keptIn(granularity))
                .plus(contribution.statisticsFor(granularity), late, now);
        store.put(branchKey, counted, start);
        recentStates.written(changedKey, granularity, start, counted, state != null);
        if (changedKeys.add(changedKey)) {
            changed.put(changedKey, start);
        }
        return changedKey;
    }

    /** Publishes the absolute statistics of every bucket changed since the last call, and unmarks them. */
    private void publishChanged(long now) {
        Iterator<String> keys = changedKeys.iterator();
        while (keys.hasNext()) {
            String key = keys.next();
            ChangedBucket bucket = ChangedBucket.of(key);
            BucketState state = recentStates.get(key, bucket.granularity(), bucket.startMillis());
            if (state == null) {
                state = buckets.get(bucket.granularity()).fetch(bucket.branchKey(), bucket.startMillis());
                if (state != null) {
                    recentStates.fetched(key, state);
                }
            }
            if (state != null) {
                MetricUpdated update = state.toMetricUpdated(bucket.id(), rules.revisionBase());
                context.forward(new Record<>(
                        update.recordKey(),
                        new Output(
                                Topics.METRIC_UPDATED,
                                json.writeValueAsBytes(update),
                                bucket.granularity() == Granularity.HOUR ? update : null),
                        now,
                        Origin.headersOf(origins.get(key))));
            }
            origins.remove(key);
            changed.delete(key);
            keys.remove();
        }
        staff.publishChanged(now, context::forward);
    }

    /** The branch's time zone from the directory; UTC while the branch is unknown or its zone invalid. */
    private ZoneId zoneOf(String tenantId, String branchId) {
        String branchKey = Topics.recordKey(tenantId, branchId);
        byte[] entry = directoryEntry(branchKey);
        if (entry == null) {
            return ZoneOffset.UTC;
        }
        CachedZone cached = zones.get(branchKey);
        if (cached != null && Arrays.equals(cached.entry(), entry)) {
            return cached.zone();
        }
        ZoneId zone = parseZone(branchKey, entry);
        zones.put(branchKey, new CachedZone(entry, zone));
        return zone;
    }

    private byte[] directoryEntry(String branchKey) {
        Object value = directory.get(branchKey);
        if (value instanceof ValueAndTimestamp<?> timestamped) {
            value = timestamped.value();
        }
        return (byte[]) value;
    }

    private ZoneId parseZone(String branchKey, byte[] entry) {
        try {
            BranchChanged branch = json.readValue(entry, BranchChanged.class);
            if (branch.removed()
                    || branch.timeZone() == null
                    || branch.timeZone().isBlank()) {
                return ZoneOffset.UTC;
            }
            return ZoneId.of(branch.timeZone());
        } catch (JacksonException | DateTimeException unusable) {
            log.warn(
                    "branch {} has an unusable directory entry ({}); counting its days in UTC",
                    branchKey,
                    unusable.toString());
            return ZoneOffset.UTC;
        }
    }

    /**
     * Sends the record as it was read to its topic's dead-letter topic, with the headers spring-kafka's dead-letter
     * publisher writes elsewhere in the platform: original topic, partition, offset, exception class and message.
     */
    private void deadLetter(Record<String, byte[]> record, RecordMetadata metadata, Exception reason) {
        log.warn(
                "dead-lettering {}-{}@{}: {}",
                metadata.topic(),
                metadata.partition(),
                metadata.offset(),
                reason.toString());
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, metadata.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(
                KafkaHeaders.DLT_ORIGINAL_PARTITION,
                ByteBuffer.allocate(Integer.BYTES).putInt(metadata.partition()).array());
        headers.add(
                KafkaHeaders.DLT_ORIGINAL_OFFSET,
                ByteBuffer.allocate(Long.BYTES).putLong(metadata.offset()).array());
        headers.add(
                KafkaHeaders.DLT_ORIGINAL_TIMESTAMP,
                ByteBuffer.allocate(Long.BYTES).putLong(record.timestamp()).array());
        headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, reason.getClass().getName().getBytes(StandardCharsets.UTF_8));
        headers.add(
                KafkaHeaders.DLT_EXCEPTION_MESSAGE,
                String.valueOf(reason.getMessage()).getBytes(StandardCharsets.UTF_8));
        context.forward(new Record<>(
                record.key(),
                new Output(Topics.deadLetterTopicOf(metadata.topic()), record.value()),
                record.timestamp(),
                headers));
        deadLettered.accept(metadata.topic());
    }

    /** A changed bucket as marked in {@link CountingTopology#CHANGED_BUCKETS}: {@code <granularity>|<start>|<tenant:branch>}. */
    record ChangedBucket(Granularity granularity, long startMillis, String branchKey) {

        static String keyOf(Granularity granularity, long startMillis, String branchKey) {
            return granularity.name() + "|" + startMillis + "|" + branchKey;
        }

        static ChangedBucket of(String key) {
            String[] parts = key.split("\\|", 3);
            return new ChangedBucket(Granularity.valueOf(parts[0]), Long.parseLong(parts[1]), parts[2]);
        }

        BucketId id() {
            int colon = branchKey.indexOf(':');
            return new BucketId(
                    branchKey.substring(0, colon),
                    branchKey.substring(colon + 1),
                    granularity,
                    Instant.ofEpochMilli(startMillis));
        }
    }
}

package io.servicequality.scoring.bucket;

import io.servicequality.contracts.MetricUpdated;
import io.servicequality.contracts.Topics;
import io.servicequality.security.TenantGate;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import tools.jackson.databind.json.JsonMapper;

/**
 * The counting path: the feedback, interaction and complaint topics (co-partitioned by {@code tenantId:branchId}) into
 * {@link CountingProcessor}, its output to {@code sqp.metric-updated.v1}, {@code sqp.staff-metric-updated.v1} and the
 * dead-letter topics; the branch
 * directory as a global table for the branches' time zones. The published hour updates are also handed on, within the
 * same topology, to the alert evaluation (wired in {@link CountingConfiguration}).
 *
 * <p>State stores, all persistent (RocksDB, memory bounded by {@link BoundedRocksDbMemory}) and changelogged:
 *
 * <ul>
 *   <li>{@value #SEEN_EVENTS}: the event ids seen, by {@code <source>:<tenant>:<eventId>} and log time, kept for the
 *       deduplication horizon;
 *   <li>{@value #MINUTE_BUCKETS}, {@value #HOUR_BUCKETS}, {@value #DAY_BUCKETS}: {@link BucketState} by {@code
 *       tenantId:branchId} and bucket start, kept for the minute and the bucket retention;
 *   <li>{@value #CHANGED_BUCKETS}: the buckets changed since the last publication;
 *   <li>{@value #STAFF_DAY_BUCKETS}: {@link StaffState} by {@code tenantId:branchId<US>staffId} and local-day start,
 *       kept for the bucket retention, and {@value #CHANGED_STAFF_BUCKETS}, those changed since the last publication
 *       ({@link StaffCounting});
 *   <li>{@value #INTERACTION_AGENTS}: the agent of each interaction, and {@value #WAITING_FEEDBACK}: feedback waiting
 *       for the interaction it names, by {@code tenantId:branchId|interactionId} and log time, kept for the
 *       deduplication horizon.
 * </ul>
 */
final class CountingTopology {

    static final String SEEN_EVENTS = "seen-events";
    static final String MINUTE_BUCKETS = "minute-buckets";
    static final String HOUR_BUCKETS = "hour-buckets";
    static final String DAY_BUCKETS = "day-buckets";
    static final String CHANGED_BUCKETS = "changed-buckets";
    static final String STAFF_DAY_BUCKETS = "staff-day-buckets";
    static final String CHANGED_STAFF_BUCKETS = "changed-staff-buckets";
    static final String INTERACTION_AGENTS = "interaction-agents";
    static final String WAITING_FEEDBACK = "waiting-feedback";
    /** The global store of the branch directory, named as its topic so that the alert evaluation finds it too. */
    static final String BRANCH_DIRECTORY = Topics.BRANCH_DIRECTORY;

    static final List<String> COUNTED_TOPICS =
            List.of(Topics.FEEDBACK_SUBMITTED, Topics.INTERACTION_RECORDED, Topics.COMPLAINT_CHANGED);

    private static final Duration ONE_MILLISECOND = Duration.ofMillis(1);

    private CountingTopology() {}

    /**
     * @return the published hour updates (keyed {@code tenantId:branchId}), for the alert evaluation to build on within
     *     the same topology
     */
    static KStream<String, MetricUpdated> addTo(
            StreamsBuilder builder, CountingRules rules, TenantGate tenants, JsonMapper json) {
        return addTo(builder, rules, tenants, json, topic -> {});
    }

    /**
     * @param deadLettered told the original topic of every record the counting sends to a dead-letter topic
     */
    static KStream<String, MetricUpdated> addTo(
            StreamsBuilder builder,
            CountingRules rules,
            TenantGate tenants,
            JsonMapper json,
            Consumer<String> deadLettered) {
        builder.globalTable(
                Topics.BRANCH_DIRECTORY,
                Consumed.with(Serdes.String(), Serdes.ByteArray()),
                Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(BRANCH_DIRECTORY)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.ByteArray()));
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(SEEN_EVENTS, rules.deduplicationHorizon(), ONE_MILLISECOND, false),
                Serdes.String(),
                Serdes.Long()));
        builder.addStateStore(bucketStore(MINUTE_BUCKETS, rules.minuteRetention()));
        builder.addStateStore(bucketStore(HOUR_BUCKETS, rules.bucketRetention()));
        builder.addStateStore(bucketStore(DAY_BUCKETS, rules.bucketRetention()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(CHANGED_BUCKETS), Serdes.String(), Serdes.Long())
                .withCachingEnabled());
        builder.addStateStore(Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(
                                STAFF_DAY_BUCKETS, rules.bucketRetention(), ONE_MILLISECOND, false),
                        Serdes.String(),
                        StaffStateCodec.SERDE)
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(CHANGED_STAFF_BUCKETS), Serdes.String(), Serdes.Long())
                .withCachingEnabled());
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(INTERACTION_AGENTS, rules.deduplicationHorizon(), ONE_MILLISECOND, false),
                Serdes.String(),
                Serdes.String()));
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(WAITING_FEEDBACK, rules.deduplicationHorizon(), ONE_MILLISECOND, false),
                Serdes.String(),
                Serdes.ByteArray()));
        KStream<String, Output> counted = builder.stream(
                        COUNTED_TOPICS, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .process(
                        () -> new CountingProcessor(rules, tenants, json, deadLettered),
                        SEEN_EVENTS,
                        MINUTE_BUCKETS,
                        HOUR_BUCKETS,
                        DAY_BUCKETS,
                        CHANGED_BUCKETS,
                        STAFF_DAY_BUCKETS,
                        CHANGED_STAFF_BUCKETS,
                        INTERACTION_AGENTS,
                        WAITING_FEEDBACK);
        counted.to((key, output, context) -> output.topic(), Produced.with(Serdes.String(), OUTPUT_SERDE));
        return counted.filter((key, output) -> output.hourUpdate() != null).mapValues(Output::hourUpdate);
    }

    /**
     * A bucket is one window starting at its start; put and fetch name that start exactly. The record cache keeps the
     * latest write of a bucket until the next commit, so a bucket written by many events between two commits reaches
     * RocksDB and its changelog once.
     */
    private static StoreBuilder<?> bucketStore(String name, Duration retention) {
        return Stores.windowStoreBuilder(
                        Stores.persistentWindowStore(name, retention, ONE_MILLISECOND, false),
                        Serdes.String(),
                        BucketStateCodec.SERDE)
                .withCachingEnabled();
    }

    /** Writes an {@link Output}'s bytes as they are. */
    private static final Serde<Output> OUTPUT_SERDE = Serdes.serdeFrom(
            (Serializer<Output>) (topic, output) -> output == null ? null : output.value(),
            (Deserializer<Output>) (topic, bytes) -> {
                throw new UnsupportedOperationException("the counting output is never read back");
            });
}

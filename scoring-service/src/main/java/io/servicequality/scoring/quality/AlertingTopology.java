package io.servicequality.scoring.quality;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.contracts.Topics;
import io.servicequality.contracts.WithoutBreakdowns;
import java.time.Duration;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alert evaluation, a sub-topology of the counting topology's application: the published hour updates,
 * repartitioned by tenant as {@link BranchHourUpdate}s (a region or tenant rule needs all of a tenant's branches in one
 * task), into {@link AlertingProcessor}, its {@code AlertRaised} / {@code AlertCleared} to {@code sqp.alerts.v1} — in
 * the same Kafka transactions as the state they were decided on ({@code exactly_once_v2}). The rules come from the
 * compacted {@code sqp.alert-rules.v1} as a global table; the branches' regions from the counting topology's global
 * table of the branch directory (the store named as its topic).
 *
 * <p>State stores, persistent and changelogged:
 *
 * <ul>
 *   <li>{@value #BRANCH_HOURS}: each branch's hour statistics ({@link AlertHour}, newest revision) by {@code
 *       tenantId:branchId} and hour start, kept for the bucket retention; also what target attainment reads;
 *   <li>{@value #SCOPE_HOURS}: the same merged over the tenant ({@code tenantId|TENANT}) and over each region ({@code
 *       tenantId|REGION:<regionId>}, by the branches' regions when the hour last changed);
 *   <li>{@value #TENANT_BRANCHES}: the branches with hours, by {@code tenantId|branchId};
 *   <li>{@value #EPISODES}: the episode of each rule and subject ({@link Episode});
 *   <li>{@value #TOUCHED_HOURS}: the branch hours changed since the last evaluation.
 * </ul>
 */
final class AlertingTopology {

    static final String BRANCH_HOURS = "alert-branch-hours";
    static final String SCOPE_HOURS = "alert-scope-hours";
    static final String TENANT_BRANCHES = "alert-tenant-branches";
    static final String EPISODES = "alert-episodes";
    static final String TOUCHED_HOURS = "alert-touched-hours";
    /** The global store of the rules, named as its topic. */
    static final String RULES = Topics.ALERT_RULES;
    /** The counting topology's global store of the branch directory, named as its topic. */
    static final String BRANCH_DIRECTORY = Topics.BRANCH_DIRECTORY;

    private static final Duration ONE_MILLISECOND = Duration.ofMillis(1);

    /**
     * @param historyRetention how long hour statistics are kept (the bucket retention)
     * @param evaluateInterval how often the changed branches are evaluated
     */
    record Settings(Duration historyRetention, Duration evaluateInterval) {}

    private AlertingTopology() {}

    /** @param hourUpdates the published updates of hour buckets, keyed {@code tenantId:branchId} */
    static void addTo(
            StreamsBuilder builder, KStream<String, MetricUpdated> hourUpdates, Settings settings, JsonMapper json) {
        builder.globalTable(
                Topics.ALERT_RULES,
                Consumed.with(Serdes.String(), Serdes.ByteArray()),
                Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(RULES)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.ByteArray()));
        builder.addStateStore(hourStore(BRANCH_HOURS, settings, AlertHour.serde(json)));
        builder.addStateStore(hourStore(SCOPE_HOURS, settings, AlertHour.serde(json)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TENANT_BRANCHES), Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(EPISODES), Serdes.String(), jsonSerde(json, Episode.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TOUCHED_HOURS), Serdes.String(), Serdes.Long()));
        // hour updates cross the repartition topic without the blocks no metric reads, in binary; an earlier build's
        // records there, the published JSON, are read without those blocks too (skipped, not bound)
        JsonMapper hourUpdatesOfEarlierBuilds = json.rebuild()
                .addMixIn(BucketStatistics.class, WithoutBreakdowns.class)
                .build();
        hourUpdates
                .map((key, update) -> KeyValue.pair(tenantOf(key), BranchHourUpdate.of(update)))
                .repartition(Repartitioned.<String, BranchHourUpdate>as("alert-hours-by-tenant")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(BranchHourUpdate.serde(hourUpdatesOfEarlierBuilds)))
                .process(
                        () -> new AlertingProcessor(settings, json),
                        BRANCH_HOURS,
                        SCOPE_HOURS,
                        TENANT_BRANCHES,
                        EPISODES,
                        TOUCHED_HOURS)
                .to(Topics.ALERTS, Produced.with(Serdes.String(), Serdes.ByteArray()));
    }

    /** The tenant of a {@code tenantId:branchId} key. */
    static String tenantOf(String branchKey) {
        int colon = branchKey.indexOf(':');
        return colon < 0 ? branchKey : branchKey.substring(0, colon);
    }

    private static StoreBuilder<?> hourStore(String name, Settings settings, Serde<AlertHour> serde) {
        // an hour is one window starting at its start; put and fetch name that start exactly
        return Stores.windowStoreBuilder(
                Stores.persistentWindowStore(name, settings.historyRetention(), ONE_MILLISECOND, false),
                Serdes.String(),
                serde);
    }

    private static <T> Serde<T> jsonSerde(JsonMapper json, Class<T> type) {
        return Serdes.serdeFrom(
                (Serializer<T>) (topic, value) -> value == null ? null : json.writeValueAsBytes(value),
                (Deserializer<T>) (topic, bytes) -> bytes == null ? null : json.readValue(bytes, type));
    }
}

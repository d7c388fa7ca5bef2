package io.servicequality.scoring.bucket;

import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * Reads buckets from the counting topology's state stores (interactive queries) on this instance. Throws {@link
 * InvalidStateStoreException} while the stores are being restored or rebalanced.
 */
@Component
class BucketStates {

    private final StreamsBuilderFactoryBean streams;
    private final CountingRules rules;

    BucketStates(StreamsBuilderFactoryBean streams, CountingRules rules) {
        this.streams = streams;
        this.rules = rules;
    }

    /** The buckets of one branch whose start lies in {@code [from, to)}, in time order. */
    List<BucketResponse> find(String tenantId, String branchId, Granularity granularity, Instant from, Instant to) {
        List<BucketResponse> found = new ArrayList<>();
        // the store's time range is inclusive at both ends
        try (WindowStoreIterator<BucketState> states =
                store(granularity).fetch(Topics.recordKey(tenantId, branchId), from, to.minusMillis(1))) {
            while (states.hasNext()) {
                KeyValue<Long, BucketState> state = states.next();
                found.add(BucketResponse.of(
                        new BucketId(tenantId, branchId, granularity, Instant.ofEpochMilli(state.key)),
                        state.value,
                        rules.revisionBase()));
            }
        }
        return found;
    }

    private ReadOnlyWindowStore<String, BucketState> store(Granularity granularity) {
        KafkaStreams running = streams.getKafkaStreams();
        if (running == null) {
            throw new InvalidStateStoreException("the counting topology is not running");
        }
        String name = switch (granularity) {
            case MINUTE -> CountingTopology.MINUTE_BUCKETS;
            case HOUR -> CountingTopology.HOUR_BUCKETS;
            case DAY -> CountingTopology.DAY_BUCKETS;
        };
        return running.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.windowStore()));
    }
}

package io.servicequality.scoring.quality;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.Topics;
import java.time.Instant;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * Reads a branch's hour statistics from the alert evaluation's state ({@link AlertingTopology#BRANCH_HOURS}, an
 * interactive query on this instance). Throws {@link InvalidStateStoreException} while the store is being restored or
 * rebalanced.
 */
@Component
class AlertHours {

    private final StreamsBuilderFactoryBean streams;

    AlertHours(StreamsBuilderFactoryBean streams) {
        this.streams = streams;
    }

    /** The branch's statistics merged over the hours starting in {@code [from, to)}. */
    BucketStatistics merged(String tenantId, String branchId, Instant from, Instant to) {
        KafkaStreams running = streams.getKafkaStreams();
        if (running == null) {
            throw new InvalidStateStoreException("the alert evaluation is not running");
        }
        ReadOnlyWindowStore<String, AlertHour> store = running.store(
                StoreQueryParameters.fromNameAndType(AlertingTopology.BRANCH_HOURS, QueryableStoreTypes.windowStore()));
        BucketStatistics merged = BucketStatistics.EMPTY;
        // the store's time range is inclusive at both ends
        try (WindowStoreIterator<AlertHour> hours =
                store.fetch(Topics.recordKey(tenantId, branchId), from, to.minusMillis(1))) {
            while (hours.hasNext()) {
                merged = merged.plus(hours.next().value.statistics());
            }
        }
        return merged;
    }
}

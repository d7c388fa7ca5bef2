package io.servicequality.scoring.statequery;

import java.net.URI;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * Which instance holds the active state for a key: every instance advertises its HTTP address as Kafka Streams'
 * {@code application.server} ({@code SQP_SCORING_ADVERTISED_ADDRESS}), and the assignment tells every member where
 * each partition's tasks run.
 */
@Component
public class StateOwners {

    private final StreamsBuilderFactoryBean streams;
    private final HostInfo self;

    StateOwners(
            StreamsBuilderFactoryBean streams,
            @Value("${spring.kafka.streams.properties.application.server}") String advertisedAddress) {
        this.streams = streams;
        this.self = HostInfo.buildFromEndpoint(advertisedAddress);
    }

    /** This instance's advertised address, {@code host:port}. */
    String selfAddress() {
        return self.host() + ":" + self.port();
    }

    /**
     * @param store a state store of the topology
     * @param partitionKey the key its input is partitioned by (as a string, serialised as the topology does)
     * @return empty when this instance holds the key's active state; otherwise the base URI of the instance that does
     * @throws InvalidStateStoreException while no instance holds it (starting, rebalancing)
     */
    public Optional<URI> remoteOwnerOf(String store, String partitionKey) {
        KafkaStreams running = streams.getKafkaStreams();
        if (running == null) {
            throw new InvalidStateStoreException("the topology is not running");
        }
        KeyQueryMetadata metadata =
                running.queryMetadataForKey(store, partitionKey, Serdes.String().serializer());
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            throw new InvalidStateStoreException("no instance holds " + store + " for the key now");
        }
        HostInfo active = metadata.activeHost();
        if (active.equals(self)) {
            return Optional.empty();
        }
        return Optional.of(URI.create("http://" + active.host() + ":" + active.port()));
    }
}

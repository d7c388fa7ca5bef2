package io.servicequality.scoring.bucket;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.servicequality.security.TenantGate;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.springframework.kafka.support.JacksonMapperUtils;

/**
 * One instance of the counting topology in a process of its own, for {@link TwoInstancesIT}: {@code main(bootstrap
 * servers, state directory, application id)}. Prints {@code ACTIVE <n>} whenever it is running with {@code n} active
 * tasks, so the test knows both instances share the partitions before it kills one.
 */
final class CountingInstance {

    private CountingInstance() {}

    public static void main(String[] args) throws Exception {
        Properties config = new Properties();
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        config.put(StreamsConfig.STATE_DIR_CONFIG, args[1]);
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, args[2]);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        config.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        // as in application.yml: a dead instance's partitions move after the session timeout
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        CountingRules rules = TestEvents.countingRules(Duration.ofHours(48), 0);
        StreamsBuilder builder = new StreamsBuilder();
        CountingTopology.addTo(
                builder,
                rules,
                new TenantGate(Set.of(TestEvents.TENANT), new SimpleMeterRegistry()),
                JacksonMapperUtils.enhancedJsonMapper());
        KafkaStreams streams = new KafkaStreams(builder.build(), config);
        streams.setUncaughtExceptionHandler(failure -> StreamThreadExceptionResponse.REPLACE_THREAD);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                long active = streams.metadataForLocalThreads().stream()
                        .mapToLong(thread -> thread.activeTasks().size())
                        .sum();
                System.out.println("ACTIVE " + active);
                System.out.flush();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> streams.close(Duration.ofSeconds(10))));
        streams.start();
        Thread.currentThread().join();
    }
}

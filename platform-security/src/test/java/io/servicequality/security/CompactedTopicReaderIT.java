package io.servicequality.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.servicequality.contracts.ApiKeyChanged;
import io.servicequality.contracts.BranchChanged;
import io.servicequality.contracts.PlatformEvent;
import io.servicequality.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import tools.jackson.databind.json.JsonMapper;

/**
 * The readers behind {@link ApiKeyRegistry} and {@link BranchRegions} on a real (embedded KRaft) broker: a key issued
 * on the topic becomes usable, its revocation stops it, and a reader started before its topic exists picks the topic
 * up once it is created — the order services start in is not fixed.
 */
@SpringJUnitConfig
@EmbeddedKafka(partitions = 3)
class CompactedTopicReaderIT {

    private static final String TENANT = "demo";

    @Autowired
    private EmbeddedKafkaBroker broker;

    private final JsonMapper json = JsonMapper.builder().build();
    private final TenantGate tenants = new TenantGate(Set.of(TENANT), new SimpleMeterRegistry());
    private CompactedTopicReader<?> reader;

    @AfterEach
    void stopReader() {
        if (reader != null) {
            reader.stop();
        }
    }

    @Test
    void aKeyPublishedOnTheTopicIsAcceptedAndItsRevocationRefusesItWithinThePropagationDelay() throws Exception {
        createCompactedTopic(Topics.API_KEYS);
        ApiKeyRegistry registry = new ApiKeyRegistry(tenants);
        reader = new CompactedTopicReader<>(Topics.API_KEYS, ApiKeyChanged.class, registry::apply, consumerConfig());
        reader.start();
        ApiKeySecrets.NewKey key = ApiKeySecrets.generate();

        publish(Topics.API_KEYS, "demo:api-key:" + key.keyId(), keyChange(key, false));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> registry.authenticate(key.key()).isPresent());
        Caller app = registry.authenticate(key.key()).orElseThrow();
        assertThat(app.tenantId()).isEqualTo(TENANT);
        assertThat(registry.authenticate(key.key() + "x")).isEmpty();

        publish(Topics.API_KEYS, "demo:api-key:" + key.keyId(), keyChange(key, true));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> registry.authenticate(key.key()).isEmpty());
        assertThat(registry.isRevoked(key.keyId())).isTrue();
    }

    @Test
    void aReaderStartedBeforeItsTopicExistsFollowsItOnceItIsCreated() throws Exception {
        String topic = Topics.BRANCH_DIRECTORY;
        BranchRegions regions = new BranchRegions();
        reader = new CompactedTopicReader<>(topic, BranchChanged.class, regions::apply, consumerConfig());
        reader.start();
        // observing an absence needs a span of time: a second of the reader looking for its topic must not create it
        // (with the broker's defaults it would not be compacted)
        TimeUnit.SECONDS.sleep(1);
        assertThat(topicExists(topic)).isFalse();

        createCompactedTopic(topic);
        publish(topic, "demo:N-01", branch("N-01", "north"));
        publish(topic, "demo:N-02", branch("N-02", "north"));
        publish(topic, "demo:S-01", branch("S-01", "south"));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> regions.branchesOf(TENANT, List.of("north")).size() == 2);
        assertThat(regions.branchesOf(TENANT, List.of("north"))).containsExactlyInAnyOrder("N-01", "N-02");
        assertThat(regions.branchesOf(TENANT, List.of("south"))).containsExactly("S-01");
    }

    private ApiKeyChanged keyChange(ApiKeySecrets.NewKey key, boolean revoked) {
        return new ApiKeyChanged(
                UUID.randomUUID(),
                TENANT,
                null,
                Instant.now(),
                ApiKeyChanged.SCHEMA_VERSION,
                key.keyId(),
                "kiosk",
                key.secretHash(),
                List.of("SH-001"),
                List.of(Scopes.FEEDBACK_WRITE),
                revoked);
    }

    private static BranchChanged branch(String id, String region) {
        return new BranchChanged(
                UUID.randomUUID(),
                TENANT,
                id,
                Instant.now(),
                BranchChanged.SCHEMA_VERSION,
                id,
                "Branch " + id,
                region,
                "UTC",
                false);
    }

    private void createCompactedTopic(String topic) throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private boolean topicExists(String topic) throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic);
        }
    }

    private void publish(String topic, String key, PlatformEvent event) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG,
                "all");
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, json.writeValueAsString(event)))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private Map<String, Object> consumerConfig() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
    }
}

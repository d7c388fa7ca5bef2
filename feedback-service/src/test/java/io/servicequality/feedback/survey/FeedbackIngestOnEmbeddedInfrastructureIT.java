package io.servicequality.feedback.survey;

import io.servicequality.embeddedstore.EmbeddedStore;
import org.junit.jupiter.api.AfterAll;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Runs everywhere: spring-kafka-test's embedded KRaft broker and an in-memory MongoDB-compatible store. */
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class FeedbackIngestOnEmbeddedInfrastructureIT extends FeedbackIngestIT {

    private static final EmbeddedStore STORE = EmbeddedStore.inMemory();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", STORE::connectionString);
    }

    @AfterAll
    static void stopStore() {
        STORE.close();
    }
}

package io.servicequality.complaint.lifecycle;

import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/** {@link ComplaintServiceIT} on Kafka and MongoDB containers; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class ComplaintServiceOnContainersIT extends ComplaintServiceIT {

    @Container
    @ServiceConnection
    static final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");

    @Container
    @ServiceConnection
    static final MongoDBContainer mongo = new MongoDBContainer("mongo:8.0");
}

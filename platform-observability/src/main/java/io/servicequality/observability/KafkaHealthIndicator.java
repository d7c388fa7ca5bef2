package io.servicequality.observability;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * {@code kafka} in the health endpoint and the readiness group: UP when the cluster answers a metadata request within
 * the timeout (with the number of brokers), DOWN otherwise. A service that cannot reach the broker cannot accept
 * events (ingest is log-first) nor keep its read models current, so it should not receive traffic; liveness does not
 * include it, so an orchestrator does not restart a healthy process because the broker is away.
 */
class KafkaHealthIndicator extends AbstractHealthIndicator implements AutoCloseable {

    private final KafkaAdmin kafka;
    private final Duration timeout;
    private volatile Admin admin;

    KafkaHealthIndicator(KafkaAdmin kafka, Duration timeout) {
        super("Kafka health check failed");
        this.kafka = kafka;
        this.timeout = timeout;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        var cluster = admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
        int brokers =
                cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
        builder.up()
                .withDetail("clusterId", cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .withDetail("brokers", brokers);
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(kafka.getConfigurationProperties());
                }
                current = admin;
            }
        }
        return current;
    }

    @Override
    public void close() {
        Admin current = admin;
        if (current != null) {
            current.close(Duration.ofSeconds(2));
        }
    }
}

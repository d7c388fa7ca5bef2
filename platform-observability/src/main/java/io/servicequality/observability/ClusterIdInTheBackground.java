package io.servicequality.observability;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The cluster id an observed Kafka send puts on its span, without making the send wait for it. spring-kafka's
 * template asks its admin for the id on the first observed send and holds the send until the answer or the admin
 * client's timeouts (a minute, with the broker away); a post must turn into a 503 within seconds instead. This admin
 * answers what it knows at once ({@code null} at first: the span goes without the tag) and asks the cluster in the
 * background, one question at a time.
 */
final class ClusterIdInTheBackground extends KafkaAdmin {

    private final KafkaAdmin admin;
    private final AtomicBoolean asking = new AtomicBoolean();
    private volatile String known;

    ClusterIdInTheBackground(KafkaAdmin admin) {
        super(admin.getConfigurationProperties());
        this.admin = admin;
    }

    @Override
    public String clusterId() {
        String id = known;
        if (id == null && asking.compareAndSet(false, true)) {
            CompletableFuture.runAsync(() -> {
                try {
                    known = admin.clusterId();
                } finally {
                    asking.set(false);
                }
            });
        }
        return id;
    }
}

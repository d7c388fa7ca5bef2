package io.servicequality.scoring.bucket;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Service;

/**
 * Recomputes every bucket from the retained event log: stops the counting consumers, moves their consumer groups back
 * to the earliest retained offset of every partition, empties the buckets (keeping their revisions, so the recomputed
 * statistics supersede everything published before) and the event ledger, and starts the consumers again. The
 * replay then counts each retained event exactly once, by the same rules as the first time (event time, record
 * timestamp for lateness), and the buckets end up with the same statistics.
 */
@Service
class Rebuild {

    private static final Logger log = LoggerFactory.getLogger(Rebuild.class);

    private final KafkaListenerEndpointRegistry listeners;
    private final KafkaAdmin kafkaAdmin;
    private final Buckets buckets;
    private final EventLedger ledger;
    private final Clock clock;

    Rebuild(
            KafkaListenerEndpointRegistry listeners,
            KafkaAdmin kafkaAdmin,
            Buckets buckets,
            EventLedger ledger,
            Clock clock) {
        this.listeners = listeners;
        this.kafkaAdmin = kafkaAdmin;
        this.buckets = buckets;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Resets and restarts; the replay itself runs on in the consumers. */
    synchronized Instant start() {
        Instant startedAt = clock.instant();
        List<MessageListenerContainer> containers = SourceEventListener.LISTENER_IDS.stream()
                .map(listeners::getListenerContainer)
                .toList();
        containers.forEach(MessageListenerContainer::stop);
        try {
            // rewinding first: if it fails nothing has changed, and a partly rewound group only replays records whose
            // effect the buckets already hold, which their offsets skip
            try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
                for (Source source : Source.values()) {
                    rewind(admin, SourceEventListener.groupOf(source), source.topic());
                }
            }
            long emptied = buckets.resetAll();
            // kept entries would still be right for every retained record (same positions); cleared, a retained
            // re-post of an event whose first copy retention removed counts once instead of not at all
            ledger.clear();
            log.info("rebuild started at {}: consumers rewound, {} buckets emptied", startedAt, emptied);
        } finally {
            containers.forEach(MessageListenerContainer::start);
        }
        return startedAt;
    }

    private static void rewind(Admin admin, String group, String topic) {
        try {
            var description = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic);
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            description
                    .partitions()
                    .forEach(p -> earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest()));
            Map<TopicPartition, ListOffsetsResultInfo> offsets =
                    admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> target = new HashMap<>();
            offsets.forEach((partition, info) -> target.put(partition, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(group, target).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not rewind " + group + " on " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rewinding " + group, e);
        }
    }
}

package io.servicequality.operations.it;

import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.Topics;
import io.servicequality.kafka.TopicDeclarations;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** A small service with one listener that fails on feedback commented "poison" until the fix is applied. */
@SpringBootApplication
class DeadLetterTestApplication {

    @Bean
    TopicDeclarations testTopics() {
        return TopicDeclarations.create().consumes(Topics.FEEDBACK_SUBMITTED);
    }

    @Component
    static class FeedbackCounter {

        final AtomicBoolean fixed = new AtomicBoolean();
        final Map<UUID, AtomicInteger> processed = new ConcurrentHashMap<>();

        @KafkaListener(topics = Topics.FEEDBACK_SUBMITTED, groupId = "ops-test.feedback")
        void on(FeedbackSubmitted event) {
            if ("poison".equals(event.comment()) && !fixed.get()) {
                throw new IllegalStateException("cannot count feedback " + event.eventId() + ": not fixed yet");
            }
            processed
                    .computeIfAbsent(event.eventId(), id -> new AtomicInteger())
                    .incrementAndGet();
        }

        int timesProcessed(UUID eventId) {
            AtomicInteger times = processed.get(eventId);
            return times == null ? 0 : times.get();
        }
    }
}

package io.servicequality.kafka;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The topics a service publishes and consumes, as a bean: platform-kafka declares each as {@code contracts} specifies
 * it ({@code Topics.isCompacted}, {@code Topics.isSystemOfRecord}) and, for each topic a listener consumes, its
 * dead-letter topic. Declaring in every service that touches a topic makes start-up order irrelevant, and declaring
 * from one specification keeps two services from creating the same topic differently.
 */
public final class TopicDeclarations {

    private final Set<String> topics = new LinkedHashSet<>();
    private final Set<String> deadLettered = new LinkedHashSet<>();

    private TopicDeclarations() {}

    public static TopicDeclarations create() {
        return new TopicDeclarations();
    }

    /** Topics this service writes. */
    public TopicDeclarations publishes(String... names) {
        topics.addAll(List.of(names));
        return this;
    }

    /** Topics a listener of this service consumes: each gets its {@code <topic>.dlt} as well. */
    public TopicDeclarations consumes(String... names) {
        topics.addAll(List.of(names));
        deadLettered.addAll(List.of(names));
        return this;
    }

    /** Topics this service reads whole without a listener (a stream topology, a compacted-topic reader). */
    public TopicDeclarations reads(String... names) {
        topics.addAll(List.of(names));
        return this;
    }

    Set<String> topics() {
        return Collections.unmodifiableSet(topics);
    }

    /** The consumed topics, each of which has a {@code <topic>.dlt} (platform-operations lists and replays them). */
    public Set<String> deadLettered() {
        return Collections.unmodifiableSet(deadLettered);
    }
}

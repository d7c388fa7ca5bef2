package io.servicequality.operations;

import io.servicequality.contracts.Topics;
import io.servicequality.kafka.TopicDeclarations;
import io.servicequality.web.problem.Problems;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * This service's dead-letter topics: the {@code <topic>.dlt} of every topic its {@link TopicDeclarations} say it
 * consumes (listeners and stream topologies alike), in name order.
 */
class DeadLetterTopics {

    private final Map<String, String> originals = new TreeMap<>();

    DeadLetterTopics(Collection<TopicDeclarations> declarations) {
        for (TopicDeclarations declaration : declarations) {
            for (String topic : declaration.deadLettered()) {
                originals.put(Topics.deadLetterTopicOf(topic), topic);
            }
        }
    }

    List<String> deadLetterTopics() {
        return new ArrayList<>(originals.keySet());
    }

    boolean isEmpty() {
        return originals.isEmpty();
    }

    String originalOf(String deadLetterTopic) {
        return originals.get(deadLetterTopic);
    }

    /** The dead-letter topic a path names, by its own name or by the name of the topic it holds the dead letters of. */
    String resolve(String name) {
        if (originals.containsKey(name)) {
            return name;
        }
        String deadLetterTopic = Topics.deadLetterTopicOf(name);
        if (originals.containsKey(deadLetterTopic)) {
            return deadLetterTopic;
        }
        throw Problems.notFound(
                name + " is not a dead-letter topic of this service; GET /api/v1/dead-letters lists them");
    }
}

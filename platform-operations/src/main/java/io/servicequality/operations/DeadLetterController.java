package io.servicequality.operations;

import io.servicequality.operations.DeadLetterOperations.Page;
import io.servicequality.operations.DeadLetterOperations.Position;
import io.servicequality.operations.DeadLetterOperations.Purged;
import io.servicequality.operations.DeadLetterOperations.Replayed;
import io.servicequality.operations.DeadLetterOperations.TopicSummary;
import io.servicequality.web.problem.Problems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/dead-letters}: this service's dead-letter topics with their counts, their records page by page or one
 * by one, replay of one or of all pending ones to the topic they came from, and purge. ADMIN only
 * ((its rule: {@code PlatformOperationsAutoConfiguration})); which records an ADMIN sees, replays and purges:
 * {@link DeadLetterVisibility}. {@code {topic}} is a dead-letter topic ({@code sqp.feedback-submitted.v1.dlt}) or the
 * topic it holds the dead letters of.
 */
@RestController
@RequestMapping(DeadLetterController.PATH)
class DeadLetterController {

    static final String PATH = "/api/v1/dead-letters";

    private final DeadLetterOperations deadLetters;

    DeadLetterController(DeadLetterOperations deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** Each dead-letter topic of this service: records present and pending (neither replayed nor purged). */
    @GetMapping
    Map<String, List<TopicSummary>> topics() {
        return Map.of("items", deadLetters.summaries());
    }

    /**
     * Records in partition, then offset order, from {@code cursor} (a {@code nextCursor}), or from {@code fromOffset}
     * of {@code partition}, or from the start; {@code partition} alone keeps to that partition.
     */
    @GetMapping("/{topic}")
    Page records(
            @PathVariable String topic,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer partition,
            @RequestParam(required = false) Long fromOffset,
            @RequestParam(defaultValue = "20") int limit,
            @RequestParam(defaultValue = "false") boolean pendingOnly) {
        Position start = null;
        if (cursor != null && !cursor.isBlank()) {
            start = Position.parse(cursor);
        } else if (fromOffset != null) {
            if (partition == null) {
                throw Problems.validationFailed("partition", "must be given with fromOffset");
            }
            if (fromOffset < 0) {
                throw Problems.validationFailed("fromOffset", "must not be negative");
            }
            start = new Position(partition, fromOffset);
        }
        return deadLetters.list(topic, partition, start, limit, pendingOnly);
    }

    @GetMapping("/{topic}/{partition}/{offset}")
    DeadLetter record(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset) {
        return deadLetters.inspect(topic, partition, offset);
    }

    /** Publishes the record again (its bytes, key and headers) to the topic it came from, and marks it handled. */
    @PostMapping("/{topic}/{partition}/{offset}/replay")
    Replayed replay(@PathVariable String topic, @PathVariable int partition, @PathVariable long offset) {
        return deadLetters.replay(topic, partition, offset);
    }

    /** Replays every pending record the caller may see, and marks them handled. */
    @PostMapping("/{topic}/replay")
    Replayed replayAll(@PathVariable String topic) {
        return deadLetters.replayAll(topic);
    }

    /**
     * Removes records from the broker: every partition's up to its end, or with {@code upTo=0:41,2:7} those partitions'
     * up to and including those offsets.
     */
    @DeleteMapping("/{topic}")
    Purged purge(@PathVariable String topic, @RequestParam(required = false) String upTo) {
        return deadLetters.purge(topic, upToOffsets(upTo));
    }

    static Map<Integer, Long> upToOffsets(String upTo) {
        Map<Integer, Long> offsets = new LinkedHashMap<>();
        if (upTo == null || upTo.isBlank()) {
            return offsets;
        }
        for (String item : upTo.split(",")) {
            String[] parts = item.strip().split(":", -1);
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException(item);
                }
                int partition = Integer.parseInt(parts[0].strip());
                long offset = Long.parseLong(parts[1].strip());
                if (partition < 0 || offset < 0 || offsets.put(partition, offset) != null) {
                    throw new NumberFormatException(item);
                }
            } catch (NumberFormatException e) {
                throw Problems.validationFailed(
                        "upTo", "must be <partition>:<offset> pairs separated by commas, each partition once");
            }
        }
        return offsets;
    }
}

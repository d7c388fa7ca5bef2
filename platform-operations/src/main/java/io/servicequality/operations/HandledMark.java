package io.servicequality.operations;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * How far the dead letters of one dead-letter partition are handled (replayed or purged): every offset below
 * {@code upTo}, and the offsets listed in {@code above} (records replayed one by one past it). Kept as the committed
 * offset of the service's dead-letter consumer group, {@code above} in the commit's metadata, so the state lives beside
 * the records in the broker and is the same for every instance of the service. When the record at {@code upTo} is
 * handled too, the mark moves past every handled offset that follows.
 */
record HandledMark(long upTo, SortedSet<Long> above) {

    static final HandledMark NONE = new HandledMark(0, new TreeSet<>());

    /** The broker's default {@code offset.metadata.max.bytes} is 4096; this leaves room. */
    static final int MAX_METADATA_LENGTH = 3000;

    private static final String PREFIX = "handled:";

    HandledMark {
        TreeSet<Long> normalised = new TreeSet<>(above.tailSet(upTo));
        while (normalised.remove(upTo)) {
            upTo++;
        }
        above = Collections.unmodifiableSortedSet(normalised);
    }

    /** The mark a committed offset (and its metadata) records; none committed: nothing handled. */
    static HandledMark of(OffsetAndMetadata committed) {
        if (committed == null) {
            return NONE;
        }
        TreeSet<Long> above = new TreeSet<>();
        String metadata = committed.metadata();
        if (metadata != null && metadata.startsWith(PREFIX) && metadata.length() > PREFIX.length()) {
            for (String offset : metadata.substring(PREFIX.length()).split(",")) {
                above.add(Long.parseLong(offset));
            }
        }
        return new HandledMark(committed.offset(), above);
    }

    boolean isHandled(long offset) {
        return offset < upTo || above.contains(offset);
    }

    /** This mark with {@code offsets} handled as well. */
    HandledMark with(Collection<Long> offsets) {
        TreeSet<Long> handled = new TreeSet<>(above);
        handled.addAll(offsets);
        return new HandledMark(upTo, handled);
    }

    /** This mark with everything below {@code offset} handled (what a purge or the log's start leaves). */
    HandledMark atLeast(long offset) {
        return new HandledMark(Math.max(upTo, offset), above);
    }

    /** Records between the log's start and its end that are neither replayed nor purged. */
    long pending(long logStartOffset, long endOffset) {
        long from = Math.max(upTo, logStartOffset);
        if (from >= endOffset) {
            return 0;
        }
        return endOffset - from - above.subSet(from, endOffset).size();
    }

    /** The commit that records this mark. */
    OffsetAndMetadata committed() {
        return new OffsetAndMetadata(upTo, metadata());
    }

    /** Whether the broker will keep the metadata (too many records replayed out of order does not fit). */
    boolean fits() {
        return metadata().length() <= MAX_METADATA_LENGTH;
    }

    private String metadata() {
        return above.isEmpty() ? "" : above.stream().map(String::valueOf).collect(Collectors.joining(",", PREFIX, ""));
    }
}

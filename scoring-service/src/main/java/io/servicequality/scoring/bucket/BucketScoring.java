package io.servicequality.scoring.bucket;

import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.InteractionRecorded;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Adds events to their buckets exactly once. Safe to call again with the same records at any point (after a crash, a
 * rebalance, a retry): the ledger step only ever inserts, and each bucket update adds only the records beyond the
 * offsets stored in the bucket itself.
 *
 * <p>Works on batches: one bulk of ledger claims, one read of the branches' time zones, then one guarded upsert per
 * touched bucket carrying the sum of the batch's records for it.
 */
@Service
class BucketScoring {

    private static final Logger log = LoggerFactory.getLogger(BucketScoring.class);

    private final EventLedger ledger;
    private final Buckets buckets;
    private final BranchDirectory directory;
    private final ScoringProperties properties;

    BucketScoring(EventLedger ledger, Buckets buckets, BranchDirectory directory, ScoringProperties properties) {
        this.ledger = ledger;
        this.buckets = buckets;
        this.directory = directory;
        this.properties = properties;
    }

    Contribution contributionOf(InteractionRecorded event) {
        return Contribution.of(event, properties.serviceLevelSeconds());
    }

    /** Counts one feedback read at {@code position} (logged now); see {@link #recordAll}. */
    Outcome record(FeedbackSubmitted event, SourcePosition position) {
        return recordOne(new CountedRecord(position, Instant.now(), event.eventId(), Contribution.of(event)));
    }

    Outcome record(ComplaintChanged event, SourcePosition position) {
        return recordOne(new CountedRecord(
                position, Instant.now(), event.eventId(), Contribution.of(event).orElse(null)));
    }

    private Outcome recordOne(CountedRecord record) {
        return recordAll(List.of(record)).get(record.position());
    }

    /**
     * Counts a batch of records of one or more partitions, each partition's records in offset order.
     *
     * @return what happened to each record
     */
    Map<SourcePosition, Outcome> recordAll(List<CountedRecord> records) {
        Map<SourcePosition, Outcome> outcomes = new LinkedHashMap<>();
        List<CountedRecord> counted = new ArrayList<>(records.size());
        for (CountedRecord record : records) {
            if (record.counts()) {
                counted.add(record);
            } else {
                outcomes.put(record.position(), Outcome.IGNORED);
            }
        }
        Set<SourcePosition> first = ledger.claimFirstOccurrences(counted.stream()
                .map(record -> new EventLedger.Claim(
                        record.position(), record.contribution().tenantId(), record.eventId()))
                .toList());
        Map<String, ZoneId> zones = directory.zonesOf(counted.stream()
                .map(record -> BranchEntry.idOf(
                        record.contribution().tenantId(), record.contribution().branchId()))
                .collect(Collectors.toSet()));
        Map<String, BucketChange> changes = new LinkedHashMap<>();
        for (CountedRecord record : counted) {
            if (!first.contains(record.position())) {
                outcomes.put(record.position(), Outcome.DUPLICATE);
                continue;
            }
            Contribution contribution = record.contribution();
            boolean late = record.isLate(properties.allowedLateness());
            ZoneId zone = zones.getOrDefault(
                    BranchEntry.idOf(contribution.tenantId(), contribution.branchId()), ZoneOffset.UTC);
            for (BucketId bucket : contribution.buckets(zone, !late)) {
                changes.computeIfAbsent(bucket.value(), id -> new BucketChange(bucket))
                        .add(record.position(), contribution.statistics(), late);
            }
        }
        Set<SourcePosition> applied = buckets.applyAll(changes.values());
        for (CountedRecord record : counted) {
            outcomes.putIfAbsent(
                    record.position(), applied.contains(record.position()) ? Outcome.APPLIED : Outcome.ALREADY_APPLIED);
        }
        log.debug("batch of {}: {} counted now", records.size(), applied.size());
        return outcomes;
    }

    enum Outcome {
        /** Added to its buckets now. */
        APPLIED,
        /** A redelivery of a record whose effect is already in the buckets. */
        ALREADY_APPLIED,
        /** The same event id was seen before at another position. */
        DUPLICATE,
        /** An event type that does not count. */
        IGNORED
    }
}

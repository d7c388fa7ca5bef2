package io.servicequality.scoring.bucket;

import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.FeedbackSubmitted;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Adds events to their buckets exactly once. Safe to call again with the same record at any point (after a crash, a
 * rebalance, a retry): the ledger step only ever inserts, and each bucket update is guarded by the record's offset.
 */
@Service
class BucketScoring {

    private static final Logger log = LoggerFactory.getLogger(BucketScoring.class);

    private final EventLedger ledger;
    private final Buckets buckets;

    BucketScoring(EventLedger ledger, Buckets buckets) {
        this.ledger = ledger;
        this.buckets = buckets;
    }

    Outcome record(FeedbackSubmitted event, SourcePosition position) {
        return apply(event.eventId(), Contribution.of(event), position);
    }

    Outcome record(ComplaintChanged event, SourcePosition position) {
        return Contribution.of(event)
                .map(contribution -> apply(event.eventId(), contribution, position))
                .orElse(Outcome.IGNORED);
    }

    private Outcome apply(UUID eventId, Contribution contribution, SourcePosition position) {
        Outcome outcome;
        if (!ledger.isFirstOccurrence(position, contribution.tenantId(), eventId)) {
            outcome = Outcome.DUPLICATE;
        } else {
            boolean appliedNow = false;
            for (BucketId bucket : contribution.buckets()) {
                appliedNow |= buckets.apply(bucket, contribution.statistics(), position);
            }
            outcome = appliedNow ? Outcome.APPLIED : Outcome.ALREADY_APPLIED;
        }
        log.debug("event {} at {}: {}", eventId, position, outcome);
        return outcome;
    }

    enum Outcome {
        /** Added to its buckets now. */
        APPLIED,
        /** A redelivery of a record whose effect is already in the buckets. */
        ALREADY_APPLIED,
        /** The same event id was seen before at another position. */
        DUPLICATE,
        /** An event type that does not count (yet). */
        IGNORED
    }
}

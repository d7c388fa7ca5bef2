package io.servicequality.complaint.lifecycle;

import static org.springframework.data.mongodb.core.FindAndModifyOptions.options;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.security.TenantGate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The store side of the outbox kept on each complaint document: finding complaints with pending events (the relay's
 * recovery read), claiming a complaint's events for one relay, and forgetting them once Kafka acknowledged them. Every
 * write is a single-document update selected by {@code _id}, for the complaints of the served tenants only.
 *
 * <p>This adapter is where the embedded store (mongo-java-server, used by the tests and the local platform) shapes
 * the queries: it answers a filter as an index lookup only when the filter names {@code _id} or exactly a unique
 * index's fields, and any other filter by reading every complaint. So a claim is a read by {@code _id} and a
 * compare-and-set on {@code {_id, version}} rather than one conditional {@code findAndModify} on the claim fields, and
 * the query for complaints with pending events is kept for the relay's recovery read (its in-memory backlog serves
 * otherwise). On MongoDB the two steps and one conditional {@code findAndModify} are both lookups by {@code _id},
 * with the same effect.
 *
 * <p>A claim ({@code outboxClaimedUntil} + {@code outboxClaimToken}) lets exactly one relay at a time publish a
 * complaint's events, so they leave in order. It expires, so a crashed relay's complaints are taken over.
 */
@Component
class Outbox {

    private static final String CLAIMED_UNTIL = "outboxClaimedUntil";
    private static final String CLAIM_TOKEN = "outboxClaimToken";
    private static final String PENDING_EVENT_ID = "outbox.eventId";

    private final MongoOperations mongo;
    private final Set<String> tenants;
    private final Duration claimTimeout;
    private final Clock clock;

    @Autowired
    Outbox(MongoOperations mongo, TenantGate tenants, OutboxProperties properties, Clock clock) {
        this(mongo, tenants.knownTenants(), properties, clock);
    }

    /** A relay for the complaints of {@code tenants} only. */
    Outbox(MongoOperations mongo, Set<String> tenants, OutboxProperties properties, Clock clock) {
        this.mongo = mongo;
        this.tenants = Set.copyOf(tenants);
        this.claimTimeout = properties.claimTimeout();
        this.clock = clock;
    }

    /**
     * Every complaint with pending events that no relay holds, oldest first: the relay's recovery read (start-up and
     * now and then), for events a crashed process or another instance left behind.
     */
    List<String> unclaimedWithPendingEvents() {
        Query query = query(pendingAndUnclaimed(clock.instant())).with(Sort.by("openedAt", "_id"));
        query.fields().include("_id");
        return mongo.find(query, Document.class, Complaint.COLLECTION).stream()
                .map(document -> String.valueOf(document.get("_id")))
                .toList();
    }

    /** Takes the complaint's pending events for this relay, unless there are none or another relay holds them. */
    Optional<Claim> claim(String complaintId) {
        return attempt(complaintId).claim();
    }

    /**
     * Reads the complaint by {@code _id} and, if it has pending events that no relay holds, claims them with a
     * compare-and-set on {@code {_id, version}} (the claim raises the version, so of two relays reading the same state
     * only one claims).
     */
    Attempt attempt(String complaintId) {
        Instant now = clock.instant();
        Complaint current = mongo.findById(complaintId, Complaint.class);
        if (current == null
                || !tenants.contains(current.tenantId())
                || current.pendingEvents().isEmpty()) {
            return Attempt.NOTHING_PENDING;
        }
        if (current.outboxClaimedUntil() != null && current.outboxClaimedUntil().isAfter(now)) {
            return Attempt.HELD;
        }
        String token = UUID.randomUUID().toString();
        Query unchanged = query(where("_id").is(complaintId).and("version").is(current.version()));
        Update update = new Update()
                .set(CLAIMED_UNTIL, now.plus(claimTimeout))
                .set(CLAIM_TOKEN, token)
                .inc("version", 1);
        Complaint claimed = mongo.findAndModify(unchanged, update, options().returnNew(true), Complaint.class);
        if (claimed == null) {
            // changed since it was read (a command, the timer, another relay): look again later
            return Attempt.HELD;
        }
        return new Attempt(new Claim(complaintId, token, claimed.pendingEvents()), false);
    }

    /**
     * Claims a new complaint's pending events for this relay on the document itself, before it is inserted: the
     * insert then records the events and the claim at once, and the relay publishing them right after needs neither
     * a read nor a claim of its own.
     */
    Claim claimNew(Complaint complaint) {
        String token = UUID.randomUUID().toString();
        complaint.claimOutbox(token, clock.instant().plus(claimTimeout));
        return new Claim(complaint.id(), token, complaint.pendingEvents());
    }

    /**
     * Forgets the events Kafka acknowledged and gives each claim back: one unordered bulk, one update per complaint
     * selecting by {@code _id} and the claim's token, so a claim that
     * expired and was taken over meanwhile is left to its new holder (which publishes the events again; consumers
     * drop the duplicates by {@code eventId}). Each raises the optimistic lock's {@code version}: a command that read
     * the complaint before then retries on the new state instead of writing the published events and the claim back.
     */
    void removeAndRelease(List<Claim> published) {
        if (published.isEmpty()) {
            return;
        }
        var bulk = mongo.bulkOps(BulkMode.UNORDERED, Complaint.class);
        for (Claim claim : published) {
            List<UUID> eventIds =
                    claim.events().stream().map(ComplaintChanged::eventId).toList();
            bulk.updateOne(
                    query(where("id").is(claim.complaintId()).and(CLAIM_TOKEN).is(claim.token())),
                    new Update()
                            .pull("outbox", new Document("eventId", new Document("$in", eventIds)))
                            .unset(CLAIMED_UNTIL)
                            .unset(CLAIM_TOKEN)
                            .inc("version", 1));
        }
        bulk.execute();
    }

    /** Gives the claims back without forgetting any event (their publication failed): one unordered bulk. */
    void releaseAll(List<Claim> claims) {
        if (claims.isEmpty()) {
            return;
        }
        var bulk = mongo.bulkOps(BulkMode.UNORDERED, Complaint.class);
        for (Claim claim : claims) {
            bulk.updateOne(
                    query(where("id").is(claim.complaintId()).and(CLAIM_TOKEN).is(claim.token())),
                    new Update().unset(CLAIMED_UNTIL).unset(CLAIM_TOKEN).inc("version", 1));
        }
        bulk.execute();
    }

    /** Gives the claim back without forgetting any event (their publication failed). */
    void release(Claim claim) {
        mongo.updateFirst(
                query(where("id").is(claim.complaintId()).and(CLAIM_TOKEN).is(claim.token())),
                new Update().unset(CLAIMED_UNTIL).unset(CLAIM_TOKEN),
                Complaint.class);
    }

    private Criteria pendingAndUnclaimed(Instant now) {
        return where("tenantId")
                .in(tenants)
                .and(PENDING_EVENT_ID)
                .exists(true)
                .orOperator(where(CLAIMED_UNTIL).is(null), where(CLAIMED_UNTIL).lte(now));
    }

    /**
     * What {@link #attempt} found: a claim, nothing pending, or pending events it could not claim now (another relay
     * holds them, or the complaint changed while it looked).
     */
    record Attempt(Claim claimOrNull, boolean held) {

        static final Attempt NOTHING_PENDING = new Attempt(null, false);
        static final Attempt HELD = new Attempt(null, true);

        Optional<Claim> claim() {
            return Optional.ofNullable(claimOrNull);
        }
    }

    /** One relay's hold on a complaint's pending events, oldest first. */
    record Claim(String complaintId, String token, List<ComplaintChanged> events) {}
}

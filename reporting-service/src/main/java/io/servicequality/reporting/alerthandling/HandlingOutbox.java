package io.servicequality.reporting.alerthandling;

import static org.springframework.data.mongodb.core.FindAndModifyOptions.options;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.contracts.AlertHandlingChanged;
import io.servicequality.security.TenantGate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The store side of the outbox kept on each handling record (complaint-service's outbox, ADR 3, on a smaller scale):
 * finding records with unpublished changes, claiming a record's changes for one relay, and forgetting them once Kafka
 * acknowledged them. Every write is one single-document update selected by {@code _id}.
 *
 * <p>A claim ({@code outboxClaimedUntil} + {@code outboxClaimToken}) lets one relay at a time (of all instances)
 * publish a record's changes, so they leave in order and two instances do not both send them. It is taken with a
 * compare-and-set on {@code {_id, version}} (raising the version, so of two relays reading the same state one claims)
 * and expires, so a crashed relay's records are taken over.
 */
@Component
class HandlingOutbox {

    private static final String CLAIMED_UNTIL = "outboxClaimedUntil";
    private static final String CLAIM_TOKEN = "outboxClaimToken";

    private final MongoOperations mongo;
    private final TenantGate tenants;
    private final AlertHandlingProperties properties;
    private final Clock clock;

    HandlingOutbox(MongoOperations mongo, TenantGate tenants, AlertHandlingProperties properties, Clock clock) {
        this.mongo = mongo;
        this.tenants = tenants;
        this.properties = properties;
        this.clock = clock;
    }

    /** Records of the served tenants with unpublished changes that no relay holds, oldest raise first. */
    List<String> unclaimedWithPendingEvents(int limit) {
        Instant now = clock.instant();
        Query pending = query(where("tenantId")
                        .in(tenants.knownTenants())
                        .and("outbox.eventId")
                        .exists(true)
                        .orOperator(
                                where(CLAIMED_UNTIL).is(null),
                                where(CLAIMED_UNTIL).lte(now)))
                .with(Sort.by("raisedAt", "_id"))
                .limit(limit);
        pending.fields().include("_id");
        return mongo.find(pending, Document.class, AlertHandling.COLLECTION).stream()
                .map(document -> String.valueOf(document.get("_id")))
                .toList();
    }

    /**
     * Takes the record's unpublished changes for this relay, unless there are none or another relay holds them (or
     * the record changed while it looked: then it is tried again later).
     */
    Optional<Claim> claim(String id) {
        Instant now = clock.instant();
        AlertHandling current = mongo.findById(id, AlertHandling.class);
        if (current == null
                || !tenants.isKnown(current.tenantId())
                || current.pendingEvents().isEmpty()
                || (current.outboxClaimedUntil() != null
                        && current.outboxClaimedUntil().isAfter(now))) {
            return Optional.empty();
        }
        String token = UUID.randomUUID().toString();
        Query unchanged = query(where("_id").is(id).and("version").is(current.version()));
        Update take = new Update()
                .set(CLAIMED_UNTIL, now.plus(properties.claimTimeout()))
                .set(CLAIM_TOKEN, token)
                .inc("version", 1);
        AlertHandling claimed = mongo.findAndModify(unchanged, take, options().returnNew(true), AlertHandling.class);
        return claimed == null ? Optional.empty() : Optional.of(new Claim(id, token, claimed.pendingEvents()));
    }

    /**
     * Forgets the claim's changes, which Kafka acknowledged, and gives the claim back; a claim that expired and was
     * taken over meanwhile is left to its new holder (which publishes the changes again with the same event ids).
     * Raises the version: a command that read the record before retries on the new state instead of writing the
     * published changes back.
     */
    void published(Claim claim) {
        List<UUID> eventIds =
                claim.events().stream().map(AlertHandlingChanged::eventId).toList();
        mongo.updateFirst(
                query(where("_id").is(claim.id()).and(CLAIM_TOKEN).is(claim.token())),
                new Update()
                        .pull("outbox", new Document("eventId", new Document("$in", eventIds)))
                        .unset(CLAIMED_UNTIL)
                        .unset(CLAIM_TOKEN)
                        .inc("version", 1),
                AlertHandling.class);
    }

    /** Gives the claim back without forgetting anything (publication failed). */
    void release(Claim claim) {
        mongo.updateFirst(
                query(where("_id").is(claim.id()).and(CLAIM_TOKEN).is(claim.token())),
                new Update().unset(CLAIMED_UNTIL).unset(CLAIM_TOKEN).inc("version", 1),
                AlertHandling.class);
    }

    /** One relay's hold on a record's unpublished changes, oldest first. */
    record Claim(String id, String token, List<AlertHandlingChanged> events) {}
}

package io.servicequality.feedback.apikey;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.feedback.store.StoreGuard;
import io.servicequality.kafka.OutboxRelay;
import io.servicequality.security.ApiKeyRegistry;
import io.servicequality.security.ApiKeySecrets;
import io.servicequality.security.Caller;
import io.servicequality.security.CallerAccess;
import io.servicequality.security.audit.AuditTrail;
import io.servicequality.web.problem.Problems;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Issues, lists and revokes API keys of the caller's tenant. Each change is one document write (state + outbox),
 * applied to this instance's key registry at once (so a revocation holds from the moment it is answered), audited, and
 * published on the compacted key topic by platform-kafka's {@link OutboxRelay} (see {@link ApiKeyOutbox}): right after
 * the write, and every {@code sqp.api-keys.outbox-interval} for whatever the broker did not acknowledge then or a
 * crashed process left behind.
 */
@Service
class ApiKeys {

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

    /** More key changes than one round publishes are a burst of issues; the next round takes the rest. */
    private static final int BATCH = 100;

    private final MongoOperations mongo;
    private final StoreGuard store;
    private final ApiKeyOutbox outbox;
    private final OutboxRelay relay;
    private final ApiKeyRegistry registry;
    private final CallerAccess callers;
    private final AuditTrail audit;
    private final Clock clock;

    ApiKeys(
            MongoOperations mongo,
            StoreGuard store,
            ApiKeyOutbox outbox,
            OutboxRelay relay,
            ApiKeyRegistry registry,
            CallerAccess callers,
            AuditTrail audit,
            Clock clock) {
        this.mongo = mongo;
        this.store = store;
        this.outbox = outbox;
        this.relay = relay;
        this.registry = registry;
        this.callers = callers;
        this.audit = audit;
        this.clock = clock;
    }

    IssuedApiKey issue(IssueApiKeyRequest request) {
        Caller caller = callers.current();
        List<String> branches = request.branchesOrNone();
        // an admin bound to branches can only hand out keys bound to (some of) those branches
        if (caller.isBranchBound() && (branches.isEmpty() || !caller.branches().containsAll(branches))) {
            throw new AccessDeniedException("a branch-bound admin issues keys for its own branches only");
        }
        ApiKeySecrets.NewKey secret = ApiKeySecrets.generate();
        ApiKey key = ApiKey.issue(
                secret.keyId(),
                caller.tenantId(),
                request.name(),
                secret.secretHash(),
                branches,
                request.distinctScopes(),
                clock.instant(),
                caller.subject());
        store.run(() -> mongo.insert(key));
        registry.apply(key.pendingChange());
        audit.record("api-key.issued", "api-key:" + key.keyId(), null, key.view());
        publishPending();
        return new IssuedApiKey(key.keyId(), secret.key(), key.name(), key.branches(), key.scopes(), key.createdAt());
    }

    List<ApiKeyView> list() {
        return store
                .call(() -> mongo.find(new Query(visible()).with(Sort.by("createdAt", "_id")), ApiKey.class))
                .stream()
                .filter(this::inCallersBranches)
                .map(ApiKey::view)
                .toList();
    }

    /** Idempotent: revoking a revoked key changes nothing. Another tenant's key is not found. */
    void revoke(String keyId) {
        ApiKey key = find(keyId).orElseThrow(() -> Problems.notFound("api key " + keyId));
        if (key.revoked()) {
            return;
        }
        Instant now = clock.instant();
        ApiKey revoked = key.revoke(now, callers.current().subject());
        boolean changed = store.call(() -> mongo.updateFirst(
                                query(where("_id").is(keyId).and("revokedAt").isNull()),
                                new Update()
                                        .set("revokedAt", now)
                                        .set("revokedBy", revoked.revokedBy())
                                        .set("pendingEventId", revoked.pendingEventId())
                                        .set("changedAt", now),
                                ApiKey.class)
                        .getModifiedCount()
                > 0);
        if (!changed) {
            return;
        }
        registry.apply(revoked.pendingChange());
        audit.record("api-key.revoked", "api-key:" + keyId, key.view(), revoked.view());
        publishPending();
    }

    /**
     * Publishes the key changes the broker has not acknowledged yet. A store or broker that does not answer leaves
     * them in the outbox for the next round; the write they belong to has been answered already.
     */
    @Scheduled(fixedDelayString = "${sqp.api-keys.outbox-interval:2s}")
    synchronized void publishPending() {
        try {
            relay.relay(outbox, BATCH);
        } catch (DataAccessException storeUnavailable) {
            log.warn("API key changes not published yet; the outbox retries them: {}", storeUnavailable.toString());
        }
    }

    private Optional<ApiKey> find(String keyId) {
        return store.call(() -> Optional.ofNullable(
                        mongo.findOne(new Query(visible().and("_id").is(keyId)), ApiKey.class)))
                .filter(this::inCallersBranches);
    }

    private Criteria visible() {
        return callers.tenantScope("tenantId");
    }

    /** A branch-bound admin sees only keys bound to its branches. */
    private boolean inCallersBranches(ApiKey key) {
        Caller caller = callers.current();
        return !caller.isBranchBound()
                || (!key.branches().isEmpty() && caller.branches().containsAll(key.branches()));
    }
}

package io.servicequality.feedback.apikey;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.contracts.ApiKeyChanged;
import io.servicequality.contracts.Topics;
import io.servicequality.feedback.eventlog.EventLog;
import io.servicequality.feedback.store.StoreGuard;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * published on the compacted key topic; what could not be published yet is retried by {@link #publishPending()}.
 *
 * <p>The retry works from an in-memory set of keys whose publication failed, reading each by {@code _id}; it reads the
 * store for every unpublished change (a filter the embedded store answers by reading every key) only at start-up and
 * every {@code sqp.api-keys.outbox-recovery-interval}, for changes a crashed process or another instance left behind.
 */
@Service
class ApiKeys {

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

    private final MongoOperations mongo;
    private final StoreGuard store;
    private final EventLog eventLog;
    private final ApiKeyRegistry registry;
    private final CallerAccess callers;
    private final AuditTrail audit;
    private final Clock clock;
    private final long recoveryIntervalNanos;
    private final Set<String> unpublished = ConcurrentHashMap.newKeySet();
    private boolean recovered;
    private long lastRecoveryNanos;

    ApiKeys(
            MongoOperations mongo,
            StoreGuard store,
            EventLog eventLog,
            ApiKeyRegistry registry,
            CallerAccess callers,
            AuditTrail audit,
            Clock clock,
            ApiKeyOutboxProperties properties) {
        this.mongo = mongo;
        this.store = store;
        this.eventLog = eventLog;
        this.registry = registry;
        this.callers = callers;
        this.audit = audit;
        this.clock = clock;
        this.recoveryIntervalNanos = properties.outboxRecoveryInterval().toNanos();
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
        publish(key.keyId(), key.pendingChange());
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
        publish(keyId, revoked.pendingChange());
    }

    /** Publishes key changes whose publication failed or was interrupted (the outbox on each document). */
    @Scheduled(fixedDelayString = "${sqp.api-keys.outbox-interval:2s}")
    synchronized void publishPending() {
        long now = System.nanoTime();
        if (!recovered || now - lastRecoveryNanos >= recoveryIntervalNanos) {
            try {
                Query pending = query(where("pendingEventId").ne(null));
                pending.fields().include("_id");
                mongo.find(pending, org.bson.Document.class, "apiKeys")
                        .forEach(key -> unpublished.add(String.valueOf(key.get("_id"))));
            } catch (RuntimeException e) {
                log.warn("Cannot read unpublished API key changes; retrying later", e);
                return;
            }
            recovered = true;
            lastRecoveryNanos = now;
        }
        for (String keyId : List.copyOf(unpublished)) {
            // taken out before reading: a failure after this puts it back
            unpublished.remove(keyId);
            ApiKey key;
            try {
                key = mongo.findById(keyId, ApiKey.class);
            } catch (RuntimeException e) {
                unpublished.add(keyId);
                log.warn("Cannot read API key {}; retrying later", keyId, e);
                return;
            }
            if (key != null && key.pendingEventId() != null) {
                publish(keyId, key.pendingChange());
            }
        }
    }

    private void publish(String keyId, ApiKeyChanged change) {
        try {
            eventLog.append(Topics.API_KEYS, change);
            mongo.updateFirst(
                    query(where("_id")
                            .is(keyId)
                            .and("pendingEventId")
                            .is(change.eventId().toString())),
                    new Update().unset("pendingEventId"),
                    ApiKey.class);
        } catch (RuntimeException e) {
            unpublished.add(keyId);
            log.warn("API key change {} not published yet; the outbox retries it", change.eventId(), e);
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

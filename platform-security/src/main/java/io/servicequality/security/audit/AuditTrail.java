package io.servicequality.security.audit;

import io.servicequality.security.Caller;
import io.servicequality.security.CallerAccess;
import java.time.Clock;
import java.util.UUID;
import org.springframework.data.mongodb.core.MongoOperations;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records configuration changes (who, what, when, before/after) in the service's own database, tenant by tenant. Call
 * it after the change was written; {@code before}/{@code after} are any JSON-serialisable values and must not contain
 * secrets.
 */
public class AuditTrail {

    private static final JsonMapper JSON =
            JsonMapper.builder().findAndAddModules().build();

    private final MongoOperations mongo;
    private final CallerAccess callers;
    private final Clock clock;

    public AuditTrail(MongoOperations mongo, CallerAccess callers, Clock clock) {
        this.mongo = mongo;
        this.callers = callers;
        this.clock = clock;
    }

    /**
     * @param action what was done, e.g. {@code sla-policy.changed}
     * @param target what it was done to, e.g. {@code sla-policy:HIGH}
     * @param before state before ({@code null} for a creation)
     * @param after state after ({@code null} for a deletion)
     */
    public void record(String action, String target, Object before, Object after) {
        Caller caller = callers.current();
        mongo.insert(new AuditEntry(
                UUID.randomUUID().toString(),
                caller.tenantId(),
                clock.instant(),
                caller.subject(),
                caller.kind().name(),
                action,
                target,
                json(before),
                json(after)));
    }

    private static String json(Object value) {
        return value == null ? null : JSON.writeValueAsString(value);
    }
}

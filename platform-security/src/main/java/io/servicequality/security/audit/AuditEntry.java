package io.servicequality.security.audit;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One recorded configuration change, in the service's own database (collection {@code auditLog}).
 *
 * @param actor the caller's subject (JWT {@code sub} or API key id)
 * @param actorKind {@code STAFF} or {@code APP}
 * @param action what was done, e.g. {@code api-key.issued}
 * @param target what it was done to, e.g. {@code api-key:k7qm2xzpab3c}
 * @param before the state before, as JSON ({@code null} when created)
 * @param after the state after, as JSON ({@code null} when deleted)
 */
@Document("auditLog")
@CompoundIndex(name = "tenant_time", def = "{'tenantId': 1, 'at': -1, '_id': -1}")
record AuditEntry(
        @Id String id,
        String tenantId,
        Instant at,
        String actor,
        String actorKind,
        String action,
        String target,
        String before,
        String after) {}

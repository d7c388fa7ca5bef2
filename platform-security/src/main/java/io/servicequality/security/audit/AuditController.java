package io.servicequality.security.audit;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.servicequality.security.CallerAccess;
import io.servicequality.web.problem.Problems;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /api/v1/audit}: the caller's tenant's audit log, newest first, one page at a time. */
@RestController
class AuditController {

    static final int MAX_LIMIT = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MongoOperations mongo;
    private final CallerAccess callers;

    AuditController(MongoOperations mongo, CallerAccess callers) {
        this.mongo = mongo;
        this.callers = callers;
    }

    /** One change: who, what, when, and the state before and after (JSON). */
    record AuditRecord(
            Instant at,
            String actor,
            String actorKind,
            String action,
            String target,
            JsonNode before,
            JsonNode after) {}

    /** @param nextCursor pass as {@code cursor} for older entries; absent on the last page */
    record AuditPage(List<AuditRecord> items, String nextCursor) {}

    @GetMapping("/api/v1/audit")
    AuditPage list(@RequestParam(required = false) String cursor, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Problems.validationFailed("limit", "must be between 1 and " + MAX_LIMIT);
        }
        Criteria criteria = callers.tenantScope("tenantId");
        if (cursor != null && !cursor.isBlank()) {
            String[] after = decode(cursor);
            Instant at = Instant.parse(after[0]);
            criteria = new Criteria()
                    .andOperator(
                            criteria,
                            new Criteria()
                                    .orOperator(
                                            where("at").lt(at),
                                            where("at").is(at).and("_id").lt(after[1])));
        }
        Query query = new Query(criteria)
                .with(Sort.by(Sort.Order.desc("at"), Sort.Order.desc("_id")))
                .limit(limit + 1);
        List<AuditEntry> found = mongo.find(query, AuditEntry.class);
        String next = null;
        if (found.size() > limit) {
            found = found.subList(0, limit);
            AuditEntry last = found.get(limit - 1);
            next = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((last.at() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
        }
        return new AuditPage(found.stream().map(AuditController::record).toList(), next);
    }

    private static String[] decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            Instant.parse(parts[0]);
            if (parts.length != 2) {
                throw new IllegalArgumentException("no id");
            }
            return parts;
        } catch (RuntimeException e) {
            throw Problems.validationFailed("cursor", "is not a cursor this service issued");
        }
    }

    private static AuditRecord record(AuditEntry entry) {
        return new AuditRecord(
                entry.at(),
                entry.actor(),
                entry.actorKind(),
                entry.action(),
                entry.target(),
                entry.before() == null ? null : JSON.readTree(entry.before()),
                entry.after() == null ? null : JSON.readTree(entry.after()));
    }
}

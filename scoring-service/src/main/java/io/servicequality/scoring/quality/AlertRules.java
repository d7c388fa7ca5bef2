package io.servicequality.scoring.quality;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The alert rules, always read within the caller's scope (see {@link ConfigurationScope}). Writes are single-document
 * updates that also fill the rule's outbox (see {@link AlertRule}); removed rules are invisible here until {@link
 * ConfigurationPublisher} deletes them.
 */
@Component
class AlertRules implements ConfigurationPublisher.Outbox<AlertRule> {

    private final MongoTemplate mongo;

    AlertRules(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Creates or replaces the rule and queues its change for publication. Matches the id within the rule's tenant
     * only: an id of another tenant's rule is refused by the unique {@code _id}, never overwritten.
     */
    AlertRule save(AlertRule rule) {
        return mongo.findAndModify(
                query(where("_id").is(rule.id()).and("tenantId").is(rule.tenantId())),
                new Update()
                        .set("tenantId", rule.tenantId())
                        .set("branchId", rule.branchId())
                        .set("metric", rule.metric())
                        .set("kind", rule.kind())
                        .set("direction", rule.direction())
                        .set("threshold", rule.threshold())
                        .set("windowSeconds", rule.windowSeconds())
                        .set("minN", rule.minN())
                        .set("baselineWindowSeconds", rule.baselineWindowSeconds())
                        .set("relativePercent", rule.relativePercent())
                        .set("k", rule.k())
                        .set("ewmaAlpha", rule.ewmaAlpha())
                        .set("hysteresis", rule.hysteresis())
                        .set("severity", rule.severity())
                        .set("updatedAt", rule.updatedAt())
                        .set("scope", rule.scope())
                        .set("regionId", rule.regionId())
                        .set("removed", false)
                        .set("unpublished", true)
                        .inc("revision", 1L),
                FindAndModifyOptions.options().upsert(true).returnNew(true),
                AlertRule.class);
    }

    /** @param scope the caller's filter (tenant, and branch scope where bound); removed rules are left out */
    List<AlertRule> all(Criteria scope) {
        return mongo.find(
                query(new Criteria().andOperator(scope, where("removed").ne(true)))
                        .with(Sort.by("_id")),
                AlertRule.class);
    }

    Optional<AlertRule> find(Criteria scope, String id) {
        return Optional.ofNullable(mongo.findOne(
                query(new Criteria()
                        .andOperator(scope, where("_id").is(id).and("removed").ne(true))),
                AlertRule.class));
    }

    /** Marks the rule removed and queues the removal for publication. */
    boolean delete(Criteria scope, String id, Instant at) {
        return mongo.updateFirst(
                                query(new Criteria()
                                        .andOperator(
                                                scope,
                                                where("_id")
                                                        .is(id)
                                                        .and("removed")
                                                        .ne(true))),
                                new Update()
                                        .set("removed", true)
                                        .set("unpublished", true)
                                        .set("updatedAt", at)
                                        .inc("revision", 1L),
                                AlertRule.class)
                        .getModifiedCount()
                > 0;
    }

    @Override
    public List<AlertRule> unpublished(int limit) {
        return mongo.find(
                query(where("unpublished").is(true))
                        .with(Sort.by("updatedAt", "_id"))
                        .limit(limit),
                AlertRule.class);
    }

    @Override
    public void published(AlertRule rule) {
        Query same = query(where("_id").is(rule.id()).and("revision").is(rule.revision()));
        if (rule.removed()) {
            mongo.remove(same, AlertRule.class);
        } else {
            mongo.updateFirst(same, new Update().set("unpublished", false), AlertRule.class);
        }
    }

    @Override
    public long republishAll() {
        return mongo.updateMulti(
                        query(where("removed").ne(true)),
                        new Update().set("unpublished", true).inc("revision", 1L),
                        AlertRule.class)
                .getModifiedCount();
    }
}

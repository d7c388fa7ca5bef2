package io.servicequality.scoring.quality;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.contracts.PlatformEvent;
import io.servicequality.contracts.Topics;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The alert rules, always read within the caller's scope (see {@link ConfigurationScope}). Writes are single-document
 * updates that also fill the rule's outbox (see {@link AlertRule}); removed rules are invisible here until {@link
 * ConfigurationPublisher} deletes them.
 */
@Component
class AlertRules extends OutboxDocuments<AlertRule> {

    AlertRules(MongoTemplate mongo) {
        super(mongo, AlertRule.class);
    }

    @Override
    public String topic() {
        return Topics.ALERT_RULES;
    }

    @Override
    public PlatformEvent eventOf(AlertRule alertRule) {
        return alertRule.toEvent();
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
}

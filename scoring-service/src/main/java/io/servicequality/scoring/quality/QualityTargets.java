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
 * The targets, always read within the caller's scope (see {@link ConfigurationScope}). Writes are single-document updates that also fill the target's outbox
 * (see {@link QualityTarget}); removed targets are invisible here until {@link ConfigurationPublisher} deletes them.
 */
@Component
class QualityTargets extends OutboxDocuments<QualityTarget> {

    QualityTargets(MongoTemplate mongo) {
        super(mongo, QualityTarget.class);
    }

    @Override
    public String topic() {
        return Topics.QUALITY_TARGETS;
    }

    @Override
    public PlatformEvent eventOf(QualityTarget qualityTarget) {
        return qualityTarget.toEvent();
    }

    /**
     * Creates or replaces the target and queues its change for publication. Matches the id within the target's tenant
     * only: an id of another tenant's target is refused by the unique {@code _id}, never overwritten.
     */
    QualityTarget save(QualityTarget target) {
        return mongo.findAndModify(
                query(where("_id").is(target.id()).and("tenantId").is(target.tenantId())),
                new Update()
                        .set("tenantId", target.tenantId())
                        .set("branchId", target.branchId())
                        .set("metric", target.metric())
                        .set("bound", target.bound())
                        .set("value", target.value())
                        .set("updatedAt", target.updatedAt())
                        .set("removed", false)
                        .set("unpublished", true)
                        .inc("revision", 1L),
                FindAndModifyOptions.options().upsert(true).returnNew(true),
                QualityTarget.class);
    }
}

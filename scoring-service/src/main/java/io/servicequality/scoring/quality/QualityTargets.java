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
 * The targets, always read within the caller's scope (see {@link ConfigurationScope}). Writes are single-document updates that also fill the target's outbox
 * (see {@link QualityTarget}); removed targets are invisible here until {@link ConfigurationPublisher} deletes them.
 */
@Component
class QualityTargets implements ConfigurationPublisher.Outbox<QualityTarget> {

    private final MongoTemplate mongo;

    QualityTargets(MongoTemplate mongo) {
        this.mongo = mongo;
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

    /** @param scope the caller's filter (tenant, and branch scope where bound); removed targets are left out */
    List<QualityTarget> all(Criteria scope) {
        return mongo.find(
                query(new Criteria().andOperator(scope, where("removed").ne(true)))
                        .with(Sort.by("_id")),
                QualityTarget.class);
    }

    Optional<QualityTarget> find(Criteria scope, String id) {
        return Optional.ofNullable(mongo.findOne(
                query(new Criteria()
                        .andOperator(scope, where("_id").is(id).and("removed").ne(true))),
                QualityTarget.class));
    }

    /** Marks the target removed and queues the removal for publication. */
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
                                QualityTarget.class)
                        .getModifiedCount()
                > 0;
    }

    @Override
    public List<QualityTarget> unpublished(int limit) {
        return mongo.find(
                query(where("unpublished").is(true))
                        .with(Sort.by("updatedAt", "_id"))
                        .limit(limit),
                QualityTarget.class);
    }

    @Override
    public void published(QualityTarget target) {
        Query same = query(where("_id").is(target.id()).and("revision").is(target.revision()));
        if (target.removed()) {
            mongo.remove(same, QualityTarget.class);
        } else {
            mongo.updateFirst(same, new Update().set("unpublished", false), QualityTarget.class);
        }
    }

    @Override
    public long republishAll() {
        return mongo.updateMulti(
                        query(where("removed").ne(true)),
                        new Update().set("unpublished", true).inc("revision", 1L),
                        QualityTarget.class)
                .getModifiedCount();
    }
}

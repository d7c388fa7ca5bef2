package io.servicequality.scoring.quality;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The targets, always read within one tenant. */
@Component
class QualityTargets {

    private final MongoTemplate mongo;

    QualityTargets(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    QualityTarget save(QualityTarget target) {
        return mongo.save(target);
    }

    List<QualityTarget> all(String tenantId) {
        return mongo.find(query(where("tenantId").is(tenantId)).with(Sort.by("_id")), QualityTarget.class);
    }

    Optional<QualityTarget> find(String tenantId, String id) {
        return Optional.ofNullable(
                mongo.findOne(query(where("_id").is(id).and("tenantId").is(tenantId)), QualityTarget.class));
    }

    boolean delete(String tenantId, String id) {
        return mongo.remove(query(where("_id").is(id).and("tenantId").is(tenantId)), QualityTarget.class)
                        .getDeletedCount()
                > 0;
    }
}

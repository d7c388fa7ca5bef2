package io.servicequality.scoring.quality;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The alert rules, always read within one tenant. */
@Component
class AlertRules {

    private final MongoTemplate mongo;

    AlertRules(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    AlertRule save(AlertRule rule) {
        return mongo.save(rule);
    }

    List<AlertRule> all(String tenantId) {
        return mongo.find(query(where("tenantId").is(tenantId)).with(Sort.by("_id")), AlertRule.class);
    }

    Optional<AlertRule> find(String tenantId, String id) {
        return Optional.ofNullable(
                mongo.findOne(query(where("_id").is(id).and("tenantId").is(tenantId)), AlertRule.class));
    }

    boolean delete(String tenantId, String id) {
        return mongo.remove(query(where("_id").is(id).and("tenantId").is(tenantId)), AlertRule.class)
                        .getDeletedCount()
                > 0;
    }
}

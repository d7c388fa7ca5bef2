package io.servicequality.scoring.quality;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.model.ReplaceOptions;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/** The alert rules, always read within the caller's scope (see {@link ConfigurationScope}). */
@Component
class AlertRules {

    private final MongoTemplate mongo;

    AlertRules(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Creates or replaces the rule, matching its id within the rule's tenant only: an id of another tenant's rule is
     * refused by the unique {@code _id}, never overwritten.
     */
    AlertRule save(AlertRule rule) {
        Document document = new Document();
        mongo.getConverter().write(rule, document);
        mongo.getCollection(mongo.getCollectionName(AlertRule.class))
                .replaceOne(
                        new Document("_id", rule.id()).append("tenantId", rule.tenantId()),
                        document,
                        new ReplaceOptions().upsert(true));
        return rule;
    }

    /** @param scope the caller's filter (tenant, and branch scope where bound) */
    List<AlertRule> all(Criteria scope) {
        return mongo.find(query(scope).with(Sort.by("_id")), AlertRule.class);
    }

    /** Every rule of a tenant, for the evaluation (a background job: it works per tenant of the data). */
    List<AlertRule> all(String tenantId) {
        return all(where("tenantId").is(tenantId));
    }

    Optional<AlertRule> find(Criteria scope, String id) {
        return Optional.ofNullable(mongo.findOne(
                query(new Criteria().andOperator(scope, where("_id").is(id))), AlertRule.class));
    }

    boolean delete(Criteria scope, String id) {
        return mongo.remove(query(new Criteria().andOperator(scope, where("_id").is(id))), AlertRule.class)
                        .getDeletedCount()
                > 0;
    }
}

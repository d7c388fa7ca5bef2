package io.servicequality.reporting.risk;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Repository;

/** Each tenant's risk model: its own when it stored one, else the configured default ({@code sqp.risk.model}). */
@Repository
class RiskModels {

    /** A tenant's own model, one document per tenant (who changed it is in the audit log). */
    @Document("riskModels")
    record TenantModel(@Id String tenantId, RiskModel model, Instant changedAt) {}

    /** The model a tenant's branches are assessed by, and where it comes from. */
    record Effective(RiskModel model, boolean ownModel, Instant changedAt) {}

    private final MongoOperations mongo;
    private final RiskModel defaultModel;

    RiskModels(MongoOperations mongo, RiskProperties properties) {
        this.mongo = mongo;
        this.defaultModel = properties.model();
    }

    Effective of(String tenantId) {
        TenantModel own = mongo.findById(tenantId, TenantModel.class);
        return own == null
                ? new Effective(defaultModel, false, null)
                : new Effective(own.model(), true, own.changedAt());
    }

    /** Stores the tenant's own model (already validated), replacing the one before. */
    Effective store(String tenantId, RiskModel model, Instant now) {
        mongo.save(new TenantModel(tenantId, model, now));
        return new Effective(model, true, now);
    }
}

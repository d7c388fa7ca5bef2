package io.servicequality.reporting.periodicreport;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.reporting.scope.Scopes;
import io.servicequality.web.problem.Problems;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Service;

/** The tenants' report definitions: created for a scope the caller may see, listed, removed. */
@Service
class ReportDefinitions {

    private final MongoOperations mongo;
    private final Scopes scopes;
    private final Clock clock;

    ReportDefinitions(MongoOperations mongo, Scopes scopes, Clock clock) {
        this.mongo = mongo;
        this.scopes = scopes;
        this.clock = clock;
    }

    ReportDefinition create(ReportDefinitionRequest request) {
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw Problems.validationFailed("name", "must be 1 to 100 characters");
        }
        ReportPeriod.Kind period = PeriodicReports.parsed("period", () -> ReportPeriod.Kind.of(request.period()));
        ReportLanguage language = PeriodicReports.parsed("language", () -> ReportLanguage.of(request.language()));
        // the caller must see the scope: the same 404 as any view of it
        scopes.resolve(request.branchId(), request.regionId(), request.zone());
        ReportDefinition definition = new ReportDefinition(
                UUID.randomUUID().toString(),
                scopes.tenantId(),
                name,
                request.branchId(),
                request.regionId(),
                request.zone(),
                period,
                language.tag(),
                scopes.actor(),
                clock.instant());
        return mongo.insert(definition);
    }

    /** The caller's tenant's definitions of the scopes it may see. */
    List<ReportDefinition> visible() {
        return mongo
                .find(query(where("tenantId").is(scopes.tenantId())).with(Sort.by("createdAt")), ReportDefinition.class)
                .stream()
                .filter(this::visibleToCaller)
                .toList();
    }

    void remove(String id) {
        ReportDefinition definition =
                mongo.findOne(query(where("_id").is(id).and("tenantId").is(scopes.tenantId())), ReportDefinition.class);
        if (definition == null || !visibleToCaller(definition)) {
            throw Problems.notFound("no report definition " + id);
        }
        mongo.remove(definition);
    }

    /** Every tenant's definitions, for the schedule. */
    List<ReportDefinition> all() {
        return mongo.findAll(ReportDefinition.class);
    }

    private boolean visibleToCaller(ReportDefinition definition) {
        try {
            scopes.resolve(definition.branchId(), definition.regionId(), definition.zone());
            return true;
        } catch (org.springframework.web.ErrorResponseException notVisible) {
            return false;
        }
    }
}

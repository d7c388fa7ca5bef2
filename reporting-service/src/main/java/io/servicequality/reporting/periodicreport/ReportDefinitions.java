package io.servicequality.reporting.periodicreport;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.reporting.scope.Scopes;
import io.servicequality.web.problem.FieldProblem;
import io.servicequality.web.problem.Problems;
import io.servicequality.web.webhook.StandardWebhookSignature;
import io.servicequality.web.webhook.WebhookUrls;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Service;

/** The tenants' report definitions: created for a scope the caller may see, listed, removed. */
@Service
class ReportDefinitions {

    static final int MAX_EMAILS = 20;

    private final MongoOperations mongo;
    private final Scopes scopes;
    private final ReportMailer mailer;
    private final ReportDeliveryProperties delivery;
    private final Clock clock;

    ReportDefinitions(
            MongoOperations mongo, Scopes scopes, ReportMailer mailer, ReportDeliveryProperties delivery, Clock clock) {
        this.mongo = mongo;
        this.scopes = scopes;
        this.mailer = mailer;
        this.delivery = delivery;
        this.clock = clock;
    }

    ReportDefinition create(ReportDefinitionRequest request) {
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw Problems.validationFailed("name", "must be 1 to 100 characters");
        }
        ReportPeriod.Kind period = PeriodicReports.parsed("period", () -> ReportPeriod.Kind.of(request.period()));
        ReportLanguage language = PeriodicReports.parsed("language", () -> ReportLanguage.of(request.language()));
        List<String> emails = checkedEmails(request.emails());
        String webhookUrl = request.webhookUrl() == null || request.webhookUrl().isBlank()
                ? null
                : request.webhookUrl().strip();
        if (webhookUrl != null) {
            WebhookUrls.problemOf("webhookUrl", webhookUrl, delivery.allowHttpLocalhost())
                    .ifPresent(problem -> {
                        throw Problems.validationFailed(List.of(problem));
                    });
        }
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
                emails,
                webhookUrl,
                webhookUrl == null ? null : StandardWebhookSignature.newSecret(),
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

    /**
     * Distinct well-formed addresses ({@code name@example.com}, no display names), at most {@link #MAX_EMAILS}; none
     * accepted without an SMTP server to send them through.
     */
    private List<String> checkedEmails(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return List.of();
        }
        if (!mailer.configured()) {
            throw Problems.validationFailed(
                    "emails", "this deployment sends no e-mail: no SMTP server is configured (spring.mail.host)");
        }
        if (requested.size() > MAX_EMAILS) {
            throw Problems.validationFailed("emails", "at most " + MAX_EMAILS + " addresses");
        }
        java.util.LinkedHashSet<String> emails = new java.util.LinkedHashSet<>();
        List<FieldProblem> problems = new java.util.ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            String email = requested.get(i) == null ? "" : requested.get(i).strip();
            try {
                InternetAddress address = new InternetAddress(email, true);
                address.validate();
                if (!address.getAddress().equals(email) || !email.contains("@") || email.length() > 254) {
                    throw new AddressException("not a plain address");
                }
                emails.add(email);
            } catch (AddressException e) {
                problems.add(
                        new FieldProblem("emails[" + i + "]", "is not an e-mail address such as name@example.com"));
            }
        }
        if (!problems.isEmpty()) {
            throw Problems.validationFailed(problems);
        }
        return List.copyOf(emails);
    }

    /** A definition of the tenant, whoever asks (the delivery of its reports). */
    java.util.Optional<ReportDefinition> find(String tenantId, String id) {
        return java.util.Optional.ofNullable(
                mongo.findOne(query(where("_id").is(id).and("tenantId").is(tenantId)), ReportDefinition.class));
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

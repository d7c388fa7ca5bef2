package io.servicequality.reporting.periodicreport;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.reporting.scope.Scope;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * The generated reports, kept as they were delivered: one document per report with its HTML and PDF (a report of a
 * few pages is some tens of kilobytes), listed newest first per scope without their bodies.
 */
@Repository
class ReportArchive {

    static final String COLLECTION = "periodicReports";

    private final MongoOperations mongo;

    ReportArchive(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** What is known of an archived report besides its bodies. */
    record Archived(
            String id,
            String tenantId,
            Scope.Level level,
            String branchId,
            String regionId,
            ReportPeriod period,
            String language,
            String zone,
            Instant generatedAt,
            String generatedBy,
            long pdfBytes,
            String definitionId) {

        /** {@code quality-report-branch-SH-001-week-2026-11-23-zh-CN}: the name its PDF is served and mailed under. */
        String fileName() {
            String scope = switch (level) {
                case BRANCH -> "branch-" + branchId;
                case REGION -> "region-" + regionId;
                case TENANT -> "tenant";
            };
            return "quality-report-" + scope + "-" + period.kind().name().toLowerCase(java.util.Locale.ROOT) + "-"
                    + period.start() + "-" + language;
        }
    }

    /**
     * Archives the report under its id; a report of that id already archived (another instance generated the same
     * scheduled report first) is a {@link org.springframework.dao.DuplicateKeyException} and changes nothing.
     */
    void store(Archived report, String html, byte[] pdf) {
        Document document = new Document("_id", report.id())
                .append("tenantId", report.tenantId())
                .append("level", report.level().name())
                .append("branchId", report.branchId())
                .append("regionId", report.regionId())
                .append("kind", report.period().kind().name())
                .append("start", report.period().start().toString())
                .append("end", report.period().end().toString())
                .append("language", report.language())
                .append("zone", report.zone())
                .append("generatedAt", java.util.Date.from(report.generatedAt()))
                .append("generatedBy", report.generatedBy())
                .append("pdfBytes", (long) pdf.length)
                .append("definitionId", report.definitionId())
                .append("html", html)
                .append("pdf", new Binary(pdf));
        mongo.insert(document, COLLECTION);
    }

    /** The scope's reports, newest first, at most {@code limit}. */
    List<Archived> list(String tenantId, Scope scope, int limit) {
        Query query = query(where("tenantId")
                        .is(tenantId)
                        .and("level")
                        .is(scope.level().name())
                        .and("branchId")
                        .is(scope.branchId())
                        .and("regionId")
                        .is(scope.regionId()))
                .with(Sort.by(Sort.Direction.DESC, "generatedAt"))
                .limit(limit);
        query.fields().exclude("html").exclude("pdf");
        return mongo.find(query, Document.class, COLLECTION).stream()
                .map(ReportArchive::archived)
                .toList();
    }

    /** Empty when no report of {@code id} is archived; else whether its deliveries have been queued. */
    Optional<Boolean> deliveriesQueued(String id) {
        Query query = query(where("_id").is(id));
        query.fields().include("deliveriesQueued");
        return Optional.ofNullable(mongo.findOne(query, Document.class, COLLECTION))
                .map(document -> Boolean.TRUE.equals(document.getBoolean("deliveriesQueued")));
    }

    void markDeliveriesQueued(String id) {
        mongo.updateFirst(
                query(where("_id").is(id)),
                new org.springframework.data.mongodb.core.query.Update().set("deliveriesQueued", true),
                COLLECTION);
    }

    Optional<Archived> find(String tenantId, String id) {
        Query query = query(where("_id").is(id).and("tenantId").is(tenantId));
        query.fields().exclude("html").exclude("pdf");
        return Optional.ofNullable(mongo.findOne(query, Document.class, COLLECTION))
                .map(ReportArchive::archived);
    }

    Optional<String> html(String tenantId, String id) {
        return body(tenantId, id, "html").map(document -> document.getString("html"));
    }

    Optional<byte[]> pdf(String tenantId, String id) {
        return body(tenantId, id, "pdf")
                .map(document -> document.get("pdf", Binary.class).getData());
    }

    private Optional<Document> body(String tenantId, String id, String field) {
        Query query = query(where("_id").is(id).and("tenantId").is(tenantId));
        query.fields().include(field);
        return Optional.ofNullable(mongo.findOne(query, Document.class, COLLECTION));
    }

    private static Archived archived(Document document) {
        return new Archived(
                document.getString("_id"),
                document.getString("tenantId"),
                Scope.Level.valueOf(document.getString("level")),
                document.getString("branchId"),
                document.getString("regionId"),
                new ReportPeriod(
                        ReportPeriod.Kind.valueOf(document.getString("kind")),
                        LocalDate.parse(document.getString("start")),
                        LocalDate.parse(document.getString("end"))),
                document.getString("language"),
                document.getString("zone"),
                document.getDate("generatedAt").toInstant(),
                document.getString("generatedBy"),
                document.get("pdfBytes", Number.class).longValue(),
                document.getString("definitionId"));
    }
}

package io.servicequality.reporting.periodicreport;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** The report deliveries in the store: queued once per report and recipient, claimed one at a time, logged. */
@Repository
class ReportDeliveries {

    private final MongoOperations mongo;

    ReportDeliveries(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /**
     * Queues the report for each recipient of its definition, due now. Idempotent: a delivery already queued (by
     * another instance or an earlier pass) is left as it is.
     */
    void queue(ReportDefinition definition, String reportId, Instant now) {
        List<ReportDelivery> deliveries = new ArrayList<>();
        for (String email : definition.emailsOrNone()) {
            deliveries.add(pending(definition, reportId, ReportDelivery.Channel.EMAIL, email, now));
        }
        if (definition.webhookUrl() != null) {
            deliveries.add(pending(definition, reportId, ReportDelivery.Channel.WEBHOOK, definition.webhookUrl(), now));
        }
        for (ReportDelivery delivery : deliveries) {
            Update insertOnly = new Update()
                    .setOnInsert("tenantId", delivery.tenantId())
                    .setOnInsert("reportId", delivery.reportId())
                    .setOnInsert("definitionId", delivery.definitionId())
                    .setOnInsert("channel", delivery.channel())
                    .setOnInsert("recipient", delivery.recipient())
                    .setOnInsert("status", delivery.status())
                    .setOnInsert("attemptCount", 0)
                    .setOnInsert("attempts", List.of())
                    .setOnInsert("createdAt", now)
                    .setOnInsert("nextAttemptAt", now);
            mongo.upsert(query(where("_id").is(delivery.id())), insertOnly, ReportDelivery.class);
        }
    }

    private static ReportDelivery pending(
            ReportDefinition definition,
            String reportId,
            ReportDelivery.Channel channel,
            String recipient,
            Instant now) {
        return new ReportDelivery(
                ReportDelivery.idOf(reportId, channel, recipient),
                definition.tenantId(),
                reportId,
                definition.id(),
                channel,
                recipient,
                ReportDelivery.Status.PENDING,
                0,
                List.of(),
                now,
                now,
                null,
                null,
                null,
                null);
    }

    /** Pending deliveries whose time has come, oldest first. */
    List<ReportDelivery> due(Instant now, int limit) {
        return mongo.find(
                query(where("status")
                                .is(ReportDelivery.Status.PENDING)
                                .and("nextAttemptAt")
                                .lte(now))
                        .with(Sort.by("nextAttemptAt"))
                        .limit(limit),
                ReportDelivery.class);
    }

    /**
     * Takes the delivery for one attempt if nobody holds it (and, for the schedule, only while it is still due): one
     * conditional find-and-modify, so two instances never both attempt it.
     */
    Optional<ReportDelivery> claim(String id, boolean onlyIfDue, Instant now, Duration timeout) {
        Criteria unclaimed = new Criteria()
                .orOperator(
                        where("claimedUntil").is(null), where("claimedUntil").lt(now));
        Criteria criteria = onlyIfDue
                ? new Criteria()
                        .andOperator(
                                where("_id").is(id),
                                unclaimed,
                                where("status").is(ReportDelivery.Status.PENDING),
                                where("nextAttemptAt").lte(now))
                : new Criteria().andOperator(where("_id").is(id), unclaimed);
        return Optional.ofNullable(mongo.findAndModify(
                new Query(criteria),
                new Update()
                        .set("claimedUntil", now.plus(timeout))
                        .set("claimToken", UUID.randomUUID().toString()),
                FindAndModifyOptions.options().returnNew(true),
                ReportDelivery.class));
    }

    /** Writes an attempt's outcome and releases the claim, under the claim's token (a claim taken over is not ours). */
    ReportDelivery finish(ReportDelivery claimed, Update update) {
        update.set("claimedUntil", null).set("claimToken", null);
        ReportDelivery after = mongo.findAndModify(
                query(where("_id").is(claimed.id()).and("claimToken").is(claimed.claimToken())),
                update,
                FindAndModifyOptions.options().returnNew(true),
                ReportDelivery.class);
        return after != null ? after : mongo.findById(claimed.id(), ReportDelivery.class);
    }

    Optional<ReportDelivery> find(String tenantId, String id) {
        return Optional.ofNullable(
                mongo.findOne(query(where("_id").is(id).and("tenantId").is(tenantId)), ReportDelivery.class));
    }

    /** The tenant's delivery log, newest first, of one definition or one report when given. */
    List<ReportDelivery> log(String tenantId, String definitionId, String reportId, int limit) {
        Criteria criteria = where("tenantId").is(tenantId);
        if (definitionId != null) {
            criteria = criteria.and("definitionId").is(definitionId);
        }
        if (reportId != null) {
            criteria = criteria.and("reportId").is(reportId);
        }
        return mongo.find(
                query(criteria)
                        .with(Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by("recipient")))
                        .limit(limit),
                ReportDelivery.class);
    }
}

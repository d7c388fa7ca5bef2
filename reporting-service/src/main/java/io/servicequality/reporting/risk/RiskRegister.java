package io.servicequality.reporting.risk;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The stored assessments (one document per branch) and their grade-change history. Every change of an assessment is
 * one single-document write guarded by the revision it was computed from, so with two instances assessing the same
 * branch a grade change is recorded — and put in the outbox — once.
 */
@Repository
class RiskRegister {

    private static final int MAX_HISTORY = 1000;

    private final MongoOperations mongo;

    RiskRegister(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** What {@link #record} did. */
    enum Outcome {
        /** The stored assessment and response were the same: nothing written. */
        UNCHANGED,
        /** Figures changed, the grade did not. */
        UPDATED,
        /** The grade changed (or was first set): recorded with a grade change in the outbox. */
        GRADE_CHANGED,
        /** Another writer changed the branch since it was read: nothing written; assess again. */
        CONFLICT
    }

    Optional<BranchRisk> find(String tenantId, String branchId) {
        return Optional.ofNullable(mongo.findById(BranchRisk.idOf(tenantId, branchId), BranchRisk.class));
    }

    /** The tenant's assessments ({@code branchIds == null}: all of them), by branch. */
    List<BranchRisk> all(String tenantId, Collection<String> branchIds) {
        Criteria criteria = where("tenantId").is(tenantId);
        if (branchIds != null) {
            criteria = criteria.and("branchId").in(branchIds);
        }
        return mongo.find(query(criteria).with(Sort.by("branchId")), BranchRisk.class);
    }

    /** The branches of the tenant that have an assessment. */
    List<String> branchesOf(String tenantId) {
        Query query = query(where("tenantId").is(tenantId));
        query.fields().include("branchId");
        return mongo.find(query, Document.class, BranchRisk.COLLECTION).stream()
                .map(document -> document.getString("branchId"))
                .toList();
    }

    /**
     * Stores {@code assessment} as the branch's current one, given the stored state it was computed against
     * ({@code before}, {@code null} when there was none): unless nothing changed, one conditional write (an insert, or
     * an update of exactly {@code before}'s revision). A new grade resets {@code gradeSince} to {@code now}, derives
     * the response from the model and puts a grade change in the outbox in the same write.
     */
    Outcome record(
            String tenantId, String branchId, BranchRisk before, Assessment assessment, RiskModel model, Instant now) {
        boolean gradeChanged = before == null || before.assessment().grade() != assessment.grade();
        Instant gradeSince = gradeChanged ? now : before.gradeSince();
        RequiredResponse response = RequiredResponse.of(model.ruleOf(assessment.grade()), gradeSince);
        if (!gradeChanged
                && before.assessment().equals(assessment)
                && before.response().equals(response)) {
            return Outcome.UNCHANGED;
        }
        GradeChange change = gradeChanged
                ? new GradeChange(
                        UUID.randomUUID().toString(),
                        now,
                        before == null ? null : before.assessment().grade(),
                        assessment,
                        response)
                : null;
        if (before == null) {
            try {
                mongo.insert(new BranchRisk(
                        BranchRisk.idOf(tenantId, branchId),
                        tenantId,
                        branchId,
                        1,
                        assessment,
                        now,
                        gradeSince,
                        response,
                        List.of(change),
                        null,
                        null));
                return Outcome.GRADE_CHANGED;
            } catch (DuplicateKeyException assessedMeanwhile) {
                return Outcome.CONFLICT;
            }
        }
        Update update = new Update()
                .set("assessment", assessment)
                .set("assessedAt", now)
                .set("gradeSince", gradeSince)
                .set("response", response)
                .inc("revision", 1);
        if (change != null) {
            update.push("outbox", change);
        }
        long matched = mongo.updateFirst(
                        query(where("_id").is(before.id()).and("revision").is(before.revision())),
                        update,
                        BranchRisk.class)
                .getMatchedCount();
        if (matched == 0) {
            return Outcome.CONFLICT;
        }
        return change != null ? Outcome.GRADE_CHANGED : Outcome.UPDATED;
    }

    // ---- the outbox ----

    /** The ids of the documents with grade changes waiting for Kafka (the relay's sweep). */
    List<String> withPendingChanges() {
        Query query = query(where("outbox.0").exists(true)).with(Sort.by("_id"));
        query.fields().include("_id");
        return mongo.find(query, Document.class, BranchRisk.COLLECTION).stream()
                .map(document -> String.valueOf(document.get("_id")))
                .toList();
    }

    /**
     * Takes the document's pending changes for one relay until {@code until}, unless there are none or another relay
     * holds them: a compare-and-set on the claim, selected by {@code _id}.
     */
    Optional<BranchRisk> claim(String id, String token, Instant now, Instant until) {
        BranchRisk current = mongo.findById(id, BranchRisk.class);
        if (current == null || current.outbox().isEmpty()) {
            return Optional.empty();
        }
        if (current.relayClaimedUntil() != null && current.relayClaimedUntil().isAfter(now)) {
            return Optional.empty();
        }
        Criteria unclaimed = where("_id").is(id).and("relayClaimToken").is(current.relayClaimToken());
        BranchRisk claimed = mongo.findAndModify(
                query(unclaimed),
                new Update().set("relayClaimedUntil", until).set("relayClaimToken", token),
                FindAndModifyOptions.options().returnNew(true),
                BranchRisk.class);
        return Optional.ofNullable(claimed)
                .filter(document -> !document.outbox().isEmpty());
    }

    /** Records the changes in the branch's history; one already there (a second relay of it) stays as it is. */
    void remember(BranchRisk document) {
        for (GradeChange change : document.outbox()) {
            try {
                mongo.insert(GradeChangeRecord.of(document.tenantId(), document.branchId(), change));
            } catch (DuplicateKeyException recordedBefore) {
                // a relay that crashed after recording it, or an expired claim taken over
            }
        }
    }

    /** Forgets the changes Kafka acknowledged and gives the claim back, if this relay still holds it. */
    void published(BranchRisk claimed, boolean acknowledged) {
        Update update = new Update().unset("relayClaimedUntil").set("relayClaimToken", null);
        if (acknowledged) {
            List<String> eventIds =
                    claimed.outbox().stream().map(GradeChange::eventId).toList();
            update.pull("outbox", new Document("eventId", new Document("$in", eventIds)));
        }
        mongo.updateFirst(
                query(where("_id").is(claimed.id()).and("relayClaimToken").is(claimed.relayClaimToken())),
                update,
                BranchRisk.class);
    }

    /** The branch's grade changes, newest first, at most {@code limit} (up to {@value #MAX_HISTORY}). */
    List<GradeChangeRecord> history(String tenantId, String branchId, int limit) {
        return mongo.find(
                query(where("tenantId").is(tenantId).and("branchId").is(branchId))
                        .with(Sort.by(Sort.Order.desc("occurredAt"), Sort.Order.desc("_id")))
                        .limit(Math.min(limit, MAX_HISTORY)),
                GradeChangeRecord.class);
    }
}

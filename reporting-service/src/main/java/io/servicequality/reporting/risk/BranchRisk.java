package io.servicequality.reporting.risk;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The current risk assessment of one branch, and its own outbox: the grade changes not yet acknowledged by Kafka are
 * written in the same single-document update as the assessment that made them (ADR 3's pattern). {@code revision}
 * grows with every change, so of two instances assessing from the same stored state only one writes.
 *
 * @param assessedAt when the stored figures were computed (a reassessment that changes nothing is not written)
 * @param gradeSince when the branch reached its current grade
 * @param outbox grade changes waiting for Kafka's acknowledgement, oldest first
 * @param relayClaimedUntil while set and in the future, one relay holds the outbox (so it is published once at a time)
 */
@Document(BranchRisk.COLLECTION)
@CompoundIndex(name = "tenant_branch", def = "{'tenantId': 1, 'branchId': 1}")
record BranchRisk(
        @Id String id,
        String tenantId,
        String branchId,
        long revision,
        Assessment assessment,
        Instant assessedAt,
        Instant gradeSince,
        RequiredResponse response,
        List<GradeChange> outbox,
        Instant relayClaimedUntil,
        String relayClaimToken) {

    static final String COLLECTION = "riskRegister";

    BranchRisk {
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
    }

    static String idOf(String tenantId, String branchId) {
        return URLEncoder.encode(tenantId, StandardCharsets.UTF_8) + "/"
                + URLEncoder.encode(branchId, StandardCharsets.UTF_8);
    }
}

package io.servicequality.reporting.qualitytarget;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One target as the newest event about it left it; a removed target stays as a tombstone, so an older event arriving
 * late cannot bring it back.
 *
 * @param branchId {@code null}: every branch of the tenant
 * @param occurredAt event time of the newest event applied
 */
@Document("qualityTargets")
record QualityTargetDocument(
        @Id String id,
        @Indexed String tenantId,
        String targetId,
        String branchId,
        String metric,
        String bound,
        double value,
        boolean removed,
        Instant occurredAt) {

    static String idOf(String tenantId, String targetId) {
        return URLEncoder.encode(tenantId, StandardCharsets.UTF_8) + "/"
                + URLEncoder.encode(targetId, StandardCharsets.UTF_8);
    }
}

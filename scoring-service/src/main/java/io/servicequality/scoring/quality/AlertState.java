package io.servicequality.scoring.quality;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The episode state of one rule for one branch, and its outbox: every transition pushes its event here in the same
 * atomic update, and {@link AlertPublisher} removes it once the broker has it.
 *
 * @param id {@code ruleId:branchId}
 * @param alertId the current (or last) episode
 * @param outbox events (JSON) not yet acknowledged by the broker, oldest first
 */
@Document(collection = AlertState.COLLECTION)
record AlertState(
        @Id String id,
        String tenantId,
        String ruleId,
        String branchId,
        boolean active,
        String alertId,
        Instant changedAt,
        List<String> outbox) {

    static final String COLLECTION = "alertStates";

    static String idOf(String ruleId, String branchId) {
        return ruleId + ":" + branchId;
    }
}

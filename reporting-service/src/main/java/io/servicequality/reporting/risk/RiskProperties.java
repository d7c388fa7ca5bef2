package io.servicequality.reporting.risk;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The risk register's settings ({@code sqp.risk}).
 *
 * @param model the model every tenant uses unless it stored its own ({@code PUT /api/v1/risk/model})
 * @param recomputeInterval how often the branches whose inputs changed are assessed again
 * @param settle how long after a branch's last input change it waits to be assessed (the read models' write-behind
 *     and batching catch up meanwhile, so both instances read the same figures)
 * @param reassessAfter how long after its last assessment a branch whose inputs keep changing is assessed again (the
 *     factors are measured over days: a busy branch is not assessed at every pass, each assessment costing some eight
 *     store reads and a write); a changed model and an alert about the branch are applied at once
 * @param fullPassInterval how often every branch is assessed (windows move on: old alerts and days age out)
 * @param relayInterval how often unacknowledged grade changes are published again
 * @param relayClaimTimeout how long one relay holds a branch's outbox before another may take it over
 */
@ConfigurationProperties("sqp.risk")
public record RiskProperties(
        RiskModel model,
        Duration recomputeInterval,
        Duration settle,
        Duration reassessAfter,
        Duration fullPassInterval,
        Duration relayInterval,
        Duration relayClaimTimeout) {

    public RiskProperties {
        if (model == null) {
            throw new IllegalArgumentException("sqp.risk.model is required");
        }
        if (!model.problems().isEmpty()) {
            throw new IllegalArgumentException("sqp.risk.model is inconsistent: " + model.problems());
        }
        recomputeInterval = recomputeInterval == null ? Duration.ofSeconds(5) : recomputeInterval;
        settle = settle == null ? Duration.ofSeconds(2) : settle;
        reassessAfter = reassessAfter == null ? Duration.ofMinutes(2) : reassessAfter;
        fullPassInterval = fullPassInterval == null ? Duration.ofMinutes(5) : fullPassInterval;
        relayInterval = relayInterval == null ? Duration.ofSeconds(5) : relayInterval;
        relayClaimTimeout = relayClaimTimeout == null ? Duration.ofSeconds(30) : relayClaimTimeout;
    }
}

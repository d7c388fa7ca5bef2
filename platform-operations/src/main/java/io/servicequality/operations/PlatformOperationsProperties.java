package io.servicequality.operations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param operatorTenant the tenant whose ADMINs operate this deployment ({@code SQP_OPERATOR_TENANT}): they see every
 *     dead letter, whatever tenant it belongs to or when it belongs to none, and they alone replay all of a topic's and
 *     purge; empty: the one tenant the deployment serves when {@code sqp.security.known-tenants} names exactly one, else
 *     nobody
 * @param deadLetters how the dead letters are read and counted
 */
@ConfigurationProperties("sqp.operations")
public record PlatformOperationsProperties(
        @DefaultValue("") String operatorTenant,
        @DefaultValue DeadLetters deadLetters) {

    /**
     * @param group the consumer group whose committed offsets mark what is handled; empty:
     *     {@code <spring.application.name>.dead-letters}
     * @param brokerTimeout how long a request waits for the broker before answering 503
     * @param maxPageSize the largest {@code limit} of a page
     * @param maxScan how many records one page request reads at most while skipping records the caller may not see
     * @param pendingRefresh how old the pending counts of the {@code sqp.dead-letters.pending} gauge may get before a
     *     scrape refreshes them (in the background; the scrape gets the last counts)
     */
    public record DeadLetters(
            @DefaultValue("") String group,
            @DefaultValue("10s") Duration brokerTimeout,
            @DefaultValue("100") int maxPageSize,
            @DefaultValue("10000") int maxScan,
            @DefaultValue("5s") Duration pendingRefresh) {}
}

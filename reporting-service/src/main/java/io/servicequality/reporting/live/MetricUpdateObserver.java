package io.servicequality.reporting.live;

/**
 * Told by this instance's {@link LiveFeed} of every metric update it reads — every partition of the metric topic, from
 * the instance's start — by the branch it is about. For features that react to a branch's statistics changing without
 * reading them (the risk register's triggers): they need no consumer of their own, so each instance fetches and
 * decompresses the metric topic once for the live stream and all of them. Called on the feed's consumer thread: keep it
 * short.
 */
public interface MetricUpdateObserver {

    /** An update about the branch was published (its tenant is not checked: the read model's consumer counts those). */
    void metricUpdated(String tenantId, String branchId);
}

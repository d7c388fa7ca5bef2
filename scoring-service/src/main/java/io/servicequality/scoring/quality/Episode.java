package io.servicequality.scoring.quality;

/**
 * The episode state of one rule for one subject (a branch, a region or the tenant): a transition happens only from
 * the opposite state, so an episode is raised once and cleared once however often the same verdict repeats.
 *
 * @param alertId the current (or last) episode
 */
record Episode(String tenantId, String ruleId, boolean active, String alertId) {}

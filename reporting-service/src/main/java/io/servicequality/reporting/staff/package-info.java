/**
 * Staff quality metrics (SPEC §4 "People and channels"): the read model of the per-staff day buckets scoring publishes
 * ({@code StaffMetricUpdated}), and the views on it — each member of staff's interaction, linked-feedback and
 * complaint-handling metrics against their standards, rankings with intervals, minimum n and ties (the ranking rule
 * of {@code ranking.TieGroups}), and the training-needs list. Agents see only themselves, branch managers their
 * branches' staff.
 */
package io.servicequality.reporting.staff;

/**
 * The risk register (SPEC §6 "Risk"): per branch, a likelihood and an impact from named factors of the live metrics by
 * a documented, configurable model ({@link io.servicequality.reporting.risk.RiskModel}, docs/risk.md), their product
 * graded I (most severe) to IV with the response each grade requires; recomputed when a branch's inputs change and
 * periodically; grade changes kept as history and published as {@code RiskGradeChanged} through an outbox on the
 * branch's assessment document.
 */
package io.servicequality.reporting.risk;

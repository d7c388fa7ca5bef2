/**
 * Quality targets as scoring-service publishes them on the compacted {@code sqp.quality-targets.v1}: the current
 * target per id (the newest event wins, a removal is kept as a tombstone) and which targets apply to a branch.
 */
package io.servicequality.reporting.qualitytarget;

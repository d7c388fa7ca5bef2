/**
 * Corrective actions as complaint-service publishes them (the compacted {@code sqp.corrective-actions.v1}): each
 * action's latest state, kept for the periodic reports, which say what was planned, completed and checked in a period.
 */
package io.servicequality.reporting.correctiveaction;

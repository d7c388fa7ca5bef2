/**
 * The handling of alert episodes: one record per episode ({@code alertId}), opened when scoring-service raises the
 * alert, acknowledged, assigned, linked to corrective actions and resolved with a note by staff, and escalated when
 * nobody acknowledges it in time; its history, and its changes published as {@code AlertHandlingChanged} on {@code
 * sqp.alert-handling.v1} through an outbox on the record itself.
 */
package io.servicequality.reporting.alerthandling;

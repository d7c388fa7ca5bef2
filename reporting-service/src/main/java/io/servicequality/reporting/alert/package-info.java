/**
 * Alerts raised and cleared by scoring-service ({@code sqp.alerts.v1}): kept for the dashboard's alert feed and the
 * list of active alerts, handed to the live stream as they arrive, and announced in-process ({@link
 * io.servicequality.reporting.alert.AlertStored}) to their handling.
 */
package io.servicequality.reporting.alert;

/**
 * Alerts raised and cleared by scoring-service ({@code sqp.alerts.v1}): kept for the dashboard's alert feed and the
 * list of active alerts, and handed to the live stream as they arrive.
 */
package io.servicequality.reporting.alert;

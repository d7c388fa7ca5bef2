/**
 * Notifications of escalations and SLA breaches to a signed webhook (HMAC-SHA256, timestamp header), fed from this
 * service's own complaint topic so that a slow or failing webhook never holds up a complaint; deliveries, failed ones
 * included, are kept and can be listed and re-sent.
 */
package io.servicequality.complaint.webhook;

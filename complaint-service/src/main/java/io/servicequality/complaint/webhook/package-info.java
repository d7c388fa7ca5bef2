/**
 * Notifications per tenant: each tenant subscribes its own HTTPS endpoints ({@link WebhookSubscription}) to event types
 * of a fixed catalogue ({@link WebhookEventType}: alerts raised, cleared and escalated, complaint SLA warnings,
 * breaches and escalations, risk-grade changes). Every matching Kafka record becomes one stored delivery per
 * subscription, signed the Standard Webhooks way ({@link io.servicequality.web.webhook.StandardWebhookSignature}) and sent, retried with exponential
 * back-off and re-sent on request by a scheduler that reads due deliveries from the store and claims each before it
 * sends, so that a slow or failing receiver never holds up a topic and two instances never send one delivery at once.
 */
package io.servicequality.complaint.webhook;

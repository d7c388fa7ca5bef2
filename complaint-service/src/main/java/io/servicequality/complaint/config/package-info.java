/**
 * Wiring only: clock and validation, the store client, Kafka topics, the outbox relay's threads and scheduling, and
 * the access rules (one row per endpoint).
 */
package io.servicequality.complaint.config;

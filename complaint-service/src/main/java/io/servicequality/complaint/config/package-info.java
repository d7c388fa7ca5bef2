/** Wiring only: clock and validation, the store client, Kafka topics, the outbox relay's threads and scheduling. */
package io.servicequality.complaint.config;

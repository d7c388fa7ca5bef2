/**
 * The Kafka log as the system of record: appending an event returns only once the broker has acknowledged it, so a
 * caller can promise durability. Shared by every feature that ingests events.
 */
package io.servicequality.feedback.eventlog;

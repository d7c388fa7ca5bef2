/** Wiring only: Kafka topics, the consumer's error handling and dead letters, configuration properties. */
package io.servicequality.reporting.config;

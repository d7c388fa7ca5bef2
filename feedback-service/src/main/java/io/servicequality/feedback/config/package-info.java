/** Wiring only: Kafka topics, serialisers and error handling, the clock, configuration properties. */
package io.servicequality.feedback.config;

/** Wiring only: Kafka topics, templates and error handling, scheduling and the clock. */
package io.servicequality.scoring.config;

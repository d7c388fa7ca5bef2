/**
 * The platform-kafka starter: topic declarations from {@code contracts}, one failure policy for every listener
 * ({@link io.servicequality.kafka.ListenerFailurePolicy}), dead letters on {@code <topic>.dlt} that keep what arrived,
 * and the batch listener factories the read models use; configured once by
 * {@link io.servicequality.kafka.PlatformKafkaAutoConfiguration}.
 */
package io.servicequality.kafka;

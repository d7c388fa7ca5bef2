/**
 * Interactive queries across instances: which instance of the Kafka Streams application holds the state of a key,
 * and forwarding a read to it. Shared by the features that answer reads from the topology's state (bucket, quality).
 */
package io.servicequality.scoring.statequery;

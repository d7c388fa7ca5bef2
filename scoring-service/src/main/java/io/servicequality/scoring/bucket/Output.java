package io.servicequality.scoring.bucket;

/** A record the counting topology writes: to which topic, and the value already serialised. */
record Output(String topic, byte[] value) {}

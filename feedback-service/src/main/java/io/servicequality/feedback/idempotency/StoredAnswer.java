package io.servicequality.feedback.idempotency;

/** The answer given to the first request with a key, replayed to its repeats. */
record StoredAnswer(int status, String contentType, String location, String body) {}

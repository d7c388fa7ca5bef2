/**
 * The one ingest pipeline every kind of event goes through ({@link io.servicequality.feedback.ingest.EventType}): its
 * endpoints (single posts, batches as a JSON array or NDJSON validated item by item, reads), the acceptance time and
 * lateness of an event, its id (given, derived from the Idempotency-Key, or new), appending to the log with one wait
 * for all acknowledgements, and the request documentation in the OpenAPI document.
 */
package io.servicequality.feedback.ingest;

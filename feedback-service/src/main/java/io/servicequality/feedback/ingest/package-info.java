/**
 * What every ingest endpoint shares: the acceptance time and lateness of an event, its id (given, derived from the
 * Idempotency-Key, or new), single posts, and batches (a JSON array or NDJSON) validated item by item and appended to
 * the log with one wait for all acknowledgements.
 */
package io.servicequality.feedback.ingest;

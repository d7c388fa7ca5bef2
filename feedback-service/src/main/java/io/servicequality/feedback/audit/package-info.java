/**
 * The audit store of every ingested event: the projection of the event topics into MongoDB (one collection per topic,
 * the event as the log holds it) and the reads of it, scoped to the caller's tenant and branches, filtered and paged.
 */
package io.servicequality.feedback.audit;

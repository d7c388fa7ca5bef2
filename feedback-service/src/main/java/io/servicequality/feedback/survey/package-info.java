/**
 * Survey responses: the ingest endpoint that validates feedback and appends {@code FeedbackSubmitted} to the log,
 * and the projection of that topic into MongoDB that answers reads.
 */
package io.servicequality.feedback.survey;

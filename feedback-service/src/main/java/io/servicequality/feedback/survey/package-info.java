/**
 * Survey responses as a kind of ingested event: the request and its validation rules (SERVQUAL answers, importance
 * points, CSAT, NPS, CES), the {@code FeedbackSubmitted} it becomes, and what a read of a stored response shows. The
 * pipeline that accepts, stores and reads them is the shared one ({@code ingest}, {@code audit}).
 */
package io.servicequality.feedback.survey;

/**
 * Service interactions (calls, chats, e-mails, counter visits) as a kind of ingested event: the request and its
 * consistency rules, the {@code InteractionRecorded} it becomes, and what a read of a stored interaction shows. The
 * pipeline that accepts, stores and reads them is the shared one ({@code ingest}, {@code audit}).
 */
package io.servicequality.feedback.interaction;

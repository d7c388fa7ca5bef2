/**
 * Service interactions (calls, chats, e-mails, counter visits): the ingest endpoints that validate them and append
 * {@code InteractionRecorded} to the log, and the projection of that topic into MongoDB that answers reads.
 */
package io.servicequality.feedback.interaction;

/**
 * The point-in-time complaint figures buckets cannot give (SPEC §4: open backlog and overdue count): the current state
 * of every complaint, kept from {@code ComplaintChanged} events.
 */
package io.servicequality.reporting.complaint;

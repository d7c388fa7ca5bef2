/**
 * The point-in-time complaint figures buckets cannot give (SPEC §4: open backlog and overdue count): the current state
 * of every complaint, kept from {@code ComplaintChanged} events; and the counted lifecycle events with the complaint's
 * category, severity and department, for SLA compliance broken down by them (buckets carry only openings by them).
 */
package io.servicequality.reporting.complaint;

/**
 * Complaints: opening one (numbering, default SLA due times), reading it back, and publishing its
 * {@code ComplaintChanged} events through the outbox kept on the complaint document.
 */
package io.servicequality.complaint.complaint;

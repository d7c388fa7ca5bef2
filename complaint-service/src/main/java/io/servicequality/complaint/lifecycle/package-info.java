/**
 * Complaints: opening them under gap-free numbers, their lifecycle (state machine, history, optimistic locking), SLA
 * clocks in business time with exactly-once warning/breach timers and the escalation ladder, follow-up and
 * auto-close, queries and CSV export, and publishing their {@code ComplaintChanged} events through the outbox kept on
 * the complaint document.
 */
package io.servicequality.complaint.lifecycle;

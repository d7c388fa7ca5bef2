package io.servicequality.complaint.complaint;

/**
 * Where a complaint stands. Only {@code OPEN} exists yet; the lifecycle (acknowledge, hold, resolve, follow up,
 * close, reopen) adds its states here together with the transitions on {@link Complaint} that reach them.
 */
enum ComplaintStatus {
    OPEN
}

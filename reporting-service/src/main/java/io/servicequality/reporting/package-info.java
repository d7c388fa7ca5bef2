/**
 * reporting-service: keeps read models of what the other services publish (metric buckets and their roll-ups,
 * complaint states, alerts), owns the branch directory, and serves the views people use: scorecards, rankings,
 * trends, SERVQUAL gap and key-driver analysis, complaint and SLA reports, the live stream (the staff console's
 * operations dashboard reads them; the old {@code /dashboard} address redirects there).
 */
package io.servicequality.reporting;

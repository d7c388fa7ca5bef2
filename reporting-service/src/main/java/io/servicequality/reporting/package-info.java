/**
 * reporting-service: keeps read models of what scoring-service publishes (metric buckets) and serves the views people
 * use, starting with the branch scorecard.
 */
package io.servicequality.reporting;

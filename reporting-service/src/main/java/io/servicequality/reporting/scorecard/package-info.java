/**
 * The branch scorecard (SPEC §4, §7): the hour buckets of a time range summed, and every metric computed from the
 * sum exactly, each with its own {@code n}; a metric without data is {@code null}.
 */
package io.servicequality.reporting.scorecard;

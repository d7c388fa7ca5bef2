/**
 * SERVQUAL gap analysis with importance and a priority quadrant, and the key-driver regression of CSAT on the five
 * perception scores (SPEC §4), both from summed statistics.
 */
package io.servicequality.reporting.analysis;

/**
 * Honest rankings (SPEC §4 "Small samples"): branches of a region or of the tenant ordered by one metric, each with
 * its {@code n} and 95 % interval; branches below a minimum {@code n} are listed apart, not ranked; branches whose
 * intervals overlap the leader of their group share its rank.
 */
package io.servicequality.reporting.ranking;

/**
 * How the topologies' processors punctuate (on wall-clock time, only while they have work), shared by the counting
 * and the alert evaluation; depends on no feature.
 */
package io.servicequality.scoring.punctuation;

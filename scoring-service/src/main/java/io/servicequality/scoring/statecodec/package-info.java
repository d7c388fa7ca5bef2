/**
 * The binary form of the statistics in scoring's state stores (ADR 9), shared by the counting and the alert
 * evaluation; depends on no feature.
 */
package io.servicequality.scoring.statecodec;

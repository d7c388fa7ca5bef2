/**
 * Target attainment: every branch of a scope held to the quality targets that apply to it, and per target the share of
 * branches attaining it.
 */
package io.servicequality.reporting.targetreport;

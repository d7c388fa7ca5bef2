/**
 * Periodic quality reports (issue 19): a branch's, region's or the tenant's week, month or quarter against the
 * previous period and the same period a year before, written as HTML and PDF in English or Chinese and archived.
 */
package io.servicequality.reporting.periodicreport;

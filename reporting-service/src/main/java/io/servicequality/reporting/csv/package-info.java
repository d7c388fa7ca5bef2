/**
 * CSV export of every view ({@code format=csv}): tables as they are, nested views (a scorecard, a gap analysis) as
 * {@code field,value} rows with dotted paths. RFC 4180 quoting; text cells that a spreadsheet would run as a formula
 * are prefixed with an apostrophe.
 */
package io.servicequality.reporting.csv;

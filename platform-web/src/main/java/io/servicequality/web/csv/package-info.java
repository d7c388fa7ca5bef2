/**
 * Answers as {@code text/csv}: a response body that implements {@link io.servicequality.web.csv.CsvExportable} is
 * written by {@link io.servicequality.web.csv.CsvHttpMessageConverter} when CSV is asked for (a preset
 * {@code Content-Type}, or {@code Accept: text/csv}), as JSON otherwise. RFC 4180 quoting; text cells that a
 * spreadsheet would run as a formula are prefixed with an apostrophe.
 */
package io.servicequality.web.csv;

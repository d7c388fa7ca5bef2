package io.servicequality.web.csv;

/**
 * A response body that can also be answered as {@code text/csv} (an attachment). Its JSON form is unaffected: Jackson
 * does not see these methods as properties.
 */
public interface CsvExportable {

    /** This body as one table. */
    CsvTable csvTable();

    /**
     * The attachment's name without {@code .csv}; characters other than letters, digits, {@code .}, {@code _} and
     * {@code -} become {@code _}.
     */
    String csvFileName();
}

package io.servicequality.complaint.lifecycle;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@code {branchCode}-{yyyyMM}-{serial}} (SPEC §5): the serial restarts at 1 every month for every branch.
 *
 * <p>The branch code is the branch id and the month is taken in UTC until the branch directory supplies codes and
 * time zones.
 */
record ComplaintNumber(String branchCode, String month, int serial) {

    private static final DateTimeFormatter MONTH =
            DateTimeFormatter.ofPattern("yyyyMM").withZone(ZoneOffset.UTC);

    ComplaintNumber {
        if (serial < 1) {
            throw new IllegalArgumentException("serials start at 1, not " + serial);
        }
    }

    /** The numbering month ({@code yyyyMM}) a complaint opened at this instant belongs to. */
    static String monthOf(Instant openedAt) {
        return MONTH.format(openedAt);
    }

    /** The number following {@code highestSerial}, the highest serial the branch already used in that month. */
    static ComplaintNumber following(String branchId, Instant openedAt, int highestSerial) {
        return new ComplaintNumber(branchId, monthOf(openedAt), highestSerial + 1);
    }

    @Override
    public String toString() {
        return branchCode + "-" + month + "-" + serial;
    }
}

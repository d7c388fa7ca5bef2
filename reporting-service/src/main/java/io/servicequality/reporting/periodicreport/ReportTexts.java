package io.servicequality.reporting.periodicreport;

import io.servicequality.reporting.staff.StaffHighlights;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The words and number formats of one report language, for the template ({@code t}): texts from {@code
 * periodic-report/texts_<language>.properties}, numbers in the language's format, a missing value as "—".
 */
public final class ReportTexts {

    private static final String NONE = "—";

    private final ReportLanguage language;
    private final ResourceBundle bundle;

    ReportTexts(ReportLanguage language) {
        this.language = language;
        this.bundle = ResourceBundle.getBundle("periodic-report.texts", language.locale(), NO_FALLBACK_TO_JVM_LOCALE);
    }

    private static final ResourceBundle.Control NO_FALLBACK_TO_JVM_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    public String get(String key) {
        return bundle.getString(key);
    }

    /** The text of {@code key} with its placeholders filled ({@code {0}}, {@code {1}}). */
    public String format(String key, Object first) {
        return new MessageFormat(bundle.getString(key), language.locale()).format(new Object[] {first});
    }

    public String format(String key, Object first, Object second) {
        return new MessageFormat(bundle.getString(key), language.locale()).format(new Object[] {first, second});
    }

    /** The text of {@code key}, or {@code fallback} where the bundle has none (a metric or category without words). */
    public String textOr(String key, String fallback) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException none) {
            return fallback;
        }
    }

    public String num(Double value, int digits) {
        if (value == null) {
            return NONE;
        }
        NumberFormat format = NumberFormat.getNumberInstance(language.locale());
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        String formatted = format.format(value);
        // the typographic minus sign, as the changes have it
        return formatted.startsWith("-") ? "−" + formatted.substring(1) : formatted;
    }

    public String count(long value) {
        return NumberFormat.getIntegerInstance(language.locale()).format(value);
    }

    /** A change with its sign ({@code +1.2}, {@code −0.5}, {@code ±0.0}). */
    public String change(Double value, int digits) {
        if (value == null) {
            return NONE;
        }
        String magnitude = num(Math.abs(value), digits);
        if (magnitude.equals(num(0.0, digits))) {
            return "±" + magnitude;
        }
        return (value > 0 ? "+" : "−") + magnitude;
    }

    /** {@code [low, high]} of an interval, or "—". */
    public String interval(Double low, Double high, int digits) {
        return low == null || high == null ? NONE : num(low, digits) + " – " + num(high, digits);
    }

    public String date(LocalDate day) {
        return day.format(DateTimeFormatter.ISO_LOCAL_DATE);
    }

    public String time(Instant at, String zone) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .withZone(ZoneId.of(zone))
                .format(at);
    }

    /** Fraction digits a metric is shown with: none for counts, one otherwise (two for the SERVQUAL gap). */
    public int digitsOf(String metric) {
        return switch (metric) {
            case "complaints.opened", "interactions.avgHandleSeconds" -> 0;
            case "feedback.servqual.weighted", "feedback.ces.mean" -> 2;
            default -> 1;
        };
    }

    /** The width in percent of a bar for {@code value} where {@code largest} fills the column. */
    public long bar(double value, double largest) {
        return largest <= 0 ? 0 : Math.round(100.0 * Math.abs(value) / largest);
    }

    /** One row of the staff table: which list it belongs to ({@code csatBest} …) and the member's place in it. */
    public record StaffRow(String list, StaffHighlights.Ranked ranked) {}

    /** The staff lists as one table: CSAT best and weakest, then first-contact resolution best and weakest. */
    public List<StaffRow> staffRows(StaffHighlights staff) {
        List<StaffRow> rows = new ArrayList<>();
        staff.csatBest().forEach(ranked -> rows.add(new StaffRow("csatBest", ranked)));
        staff.csatWeakest().forEach(ranked -> rows.add(new StaffRow("csatWeakest", ranked)));
        staff.fcrBest().forEach(ranked -> rows.add(new StaffRow("fcrBest", ranked)));
        staff.fcrWeakest().forEach(ranked -> rows.add(new StaffRow("fcrWeakest", ranked)));
        return rows;
    }

    /** A member's needs in words: "CSAT, first-contact resolution". */
    public String needs(List<String> metrics) {
        return String.join(
                language == ReportLanguage.ZH_CN ? "、" : ", ",
                metrics.stream().map(metric -> textOr("need." + metric, metric)).toList());
    }
}

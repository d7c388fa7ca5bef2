package io.servicequality.reporting.periodicreport;

import java.util.Arrays;
import java.util.Locale;

/** The languages a report is written in, by their tag ({@code en}, {@code zh-CN}). */
public enum ReportLanguage {
    EN("en", Locale.ENGLISH),
    ZH_CN("zh-CN", Locale.SIMPLIFIED_CHINESE);

    private final String tag;
    private final Locale locale;

    ReportLanguage(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    public String tag() {
        return tag;
    }

    public Locale locale() {
        return locale;
    }

    public static ReportLanguage of(String tag) {
        return Arrays.stream(values())
                .filter(language ->
                        language.tag.equalsIgnoreCase(tag) || language.name().equalsIgnoreCase(tag))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("language must be en or zh-CN, not " + tag));
    }
}

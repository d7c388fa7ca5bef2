package io.servicequality.platform.test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape of {@code /actuator/prometheus} (the text exposition format), read as a test reads it: the sum of the
 * samples of one metric whose labels include the given ones.
 */
public final class PrometheusScrape {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String text;

    public PrometheusScrape(String text) {
        this.text = text;
    }

    /** The sum over the samples of {@code metric} carrying every label given; 0 when there is none. */
    public double sum(String metric, Map<String, String> labels) {
        double sum = 0;
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.find() || !sample.group(1).equals(metric)) {
                continue;
            }
            if (hasLabels(sample.group(3), labels)) {
                sum += Double.parseDouble(sample.group(4));
            }
        }
        return sum;
    }

    /** Whether any sample of {@code metric} carries every label given. */
    public boolean has(String metric, Map<String, String> labels) {
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!line.startsWith("#")
                    && sample.find()
                    && sample.group(1).equals(metric)
                    && hasLabels(sample.group(3), labels)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasLabels(String labelText, Map<String, String> wanted) {
        if (wanted.isEmpty()) {
            return true;
        }
        if (labelText == null) {
            return false;
        }
        Map<String, String> found = new java.util.HashMap<>();
        Matcher label = LABEL.matcher(labelText);
        while (label.find()) {
            found.put(label.group(1), label.group(2));
        }
        return wanted.entrySet().stream().allMatch(entry -> entry.getValue().equals(found.get(entry.getKey())));
    }

    @Override
    public String toString() {
        return text;
    }
}

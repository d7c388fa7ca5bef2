package io.servicequality.localplatform.ops;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the names a PromQL expression refers to, enough to check them against the meters the services expose: the
 * metric names it selects, the label names it matches or groups by, and the labels its aggregations keep. Grafana's
 * variables ({@code $application}, {@code $__rate_interval}) are allowed where PromQL takes a value or a range.
 */
final class PromQl {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{([^}]*)}");
    private static final Pattern MATCHER_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern AGGREGATION_BY = Pattern.compile("\\bby\\s*\\(([^)]*)\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");
    private static final Pattern DURATION = Pattern.compile("\\b\\d+(?:ms|[smhdwy])\\b");
    private static final Pattern NUMBER = Pattern.compile("\\b\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?\\b");
    private static final Pattern IDENTIFIER = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of(
            "and",
            "or",
            "unless",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "bool",
            "offset",
            "inf",
            "nan");

    private PromQl() {}

    /** The metric names the expression selects, in order of appearance. */
    static Set<String> metricNames(String expr) {
        String s = STRING.matcher(expr).replaceAll("\"\"");
        s = MATCHERS.matcher(s).replaceAll(" ");
        s = RANGE.matcher(s).replaceAll(" ");
        s = GROUPING.matcher(s).replaceAll(" ");
        s = VARIABLE.matcher(s).replaceAll(" ");
        s = DURATION.matcher(s).replaceAll(" ");
        s = NUMBER.matcher(s).replaceAll(" ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            boolean function = m.group(2) != null;
            if (!function && !KEYWORDS.contains(m.group(1).toLowerCase())) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** The label names the expression matches on, groups by or joins on. */
    static Set<String> labelNames(String expr) {
        String s = STRING.matcher(expr).replaceAll("\"\"");
        Set<String> labels = new LinkedHashSet<>();
        Matcher matchers = MATCHERS.matcher(s);
        while (matchers.find()) {
            Matcher label = MATCHER_LABEL.matcher(matchers.group(1));
            while (label.find()) {
                labels.add(label.group(1));
            }
        }
        Matcher grouping = GROUPING.matcher(s);
        while (grouping.find()) {
            labels.addAll(split(grouping.group(2)));
        }
        return labels;
    }

    /** The labels named in the expression's {@code by (…)} clauses: those its aggregations keep. */
    static Set<String> aggregatedBy(String expr) {
        Set<String> labels = new LinkedHashSet<>();
        Matcher by = AGGREGATION_BY.matcher(STRING.matcher(expr).replaceAll("\"\""));
        while (by.find()) {
            labels.addAll(split(by.group(1)));
        }
        return labels;
    }

    private static Set<String> split(String list) {
        Set<String> names = new LinkedHashSet<>();
        Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(n -> !n.isEmpty())
                .forEach(names::add);
        return names;
    }
}

package io.servicequality.benchmark;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --name value} options of a command. The names a command accepts are those its usage text lists (lines
 * starting with {@code --name}), so the two cannot drift apart. {@code --help} (or {@code -h}) prints the usage and
 * runs nothing; an unknown option or one without a value is refused with the usage.
 */
final class Options {

    private static final Pattern OPTION_LINE = Pattern.compile("(?m)^--([a-z-]+)\\b");

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    /** The options, or {@code null} when help was asked for (the usage has then been printed). */
    static Options parse(String[] args, String usage) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.print(usage);
                return null;
            }
        }
        Set<String> known = new LinkedHashSet<>();
        Matcher names = OPTION_LINE.matcher(usage);
        while (names.find()) {
            known.add(names.group(1));
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !known.contains(name)) {
                throw new IllegalArgumentException("unknown option " + args[i] + "\n\n" + usage);
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value\n\n" + usage);
            }
            values.put(name, args[i + 1]);
        }
        return new Options(values);
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }
}

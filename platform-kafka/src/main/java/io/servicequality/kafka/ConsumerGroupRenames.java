package io.servicequality.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Consumer groups a service renamed, declared as a bean: each new group continues at the offsets its old name committed
 * ({@link ConsumerGroupTakeover}), so a rename neither re-reads the topics from their beginning nor skips what arrived
 * meanwhile. Group names follow {@code <service>.<purpose>}.
 */
public final class ConsumerGroupRenames {

    /** {@code <service>.<purpose>}: lower-case words joined by '-', the two parts by one '.'. */
    public static final Pattern GROUP_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*\\.[a-z0-9]+(-[a-z0-9]+)*");

    /**
     * @param from the name the offsets were committed under
     * @param to the new name, {@code <service>.<purpose>}
     */
    public record Rename(String from, String to) {

        public Rename {
            if (!GROUP_NAME.matcher(to).matches()) {
                throw new IllegalArgumentException("a consumer group is named <service>.<purpose>, not " + to);
            }
            if (from.equals(to)) {
                throw new IllegalArgumentException("a group renamed to its own name: " + to);
            }
        }
    }

    private final List<Rename> renames = new ArrayList<>();

    private ConsumerGroupRenames() {}

    public static ConsumerGroupRenames create() {
        return new ConsumerGroupRenames();
    }

    public ConsumerGroupRenames renamed(String from, String to) {
        renames.add(new Rename(from, to));
        return this;
    }

    public List<Rename> renames() {
        return List.copyOf(renames);
    }
}

package io.servicequality.devauth;

import java.util.List;
import java.util.Optional;

/**
 * The seeded demo users, one per role and branch scope platform-security knows: ADMIN, QUALITY_MANAGER and VIEWER
 * tenant-wide or narrowed to a branch or region, BRANCH_MANAGER and AGENT always bound to branches or a region. The
 * branches and regions are those {@code ./platform simulate} registers (regions north, south, east, west; branches
 * N-01 … W-04). Every password is {@link #PASSWORD}: this server is for local development only.
 */
final class DemoUsers {

    static final String PASSWORD = "demo";

    /** A demo user: its username is the token's {@code sub}. */
    record DemoUser(String username, List<String> roles, List<String> branches, List<String> regions) {}

    static final List<DemoUser> ALL = List.of(
            new DemoUser("admin", List.of("ADMIN"), List.of(), List.of()),
            new DemoUser("quality", List.of("QUALITY_MANAGER"), List.of(), List.of()),
            new DemoUser("quality.north", List.of("QUALITY_MANAGER"), List.of(), List.of("north")),
            new DemoUser("manager.n01", List.of("BRANCH_MANAGER"), List.of("N-01"), List.of()),
            new DemoUser("manager.east", List.of("BRANCH_MANAGER"), List.of(), List.of("east")),
            new DemoUser("agent.n01", List.of("AGENT"), List.of("N-01"), List.of()),
            new DemoUser("viewer", List.of("VIEWER"), List.of(), List.of()),
            new DemoUser("viewer.s01", List.of("VIEWER"), List.of("S-01"), List.of()));

    private DemoUsers() {}

    static Optional<DemoUser> find(String username) {
        return ALL.stream().filter(user -> user.username().equals(username)).findFirst();
    }
}

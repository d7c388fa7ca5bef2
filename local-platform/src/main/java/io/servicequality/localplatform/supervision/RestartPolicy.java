package io.servicequality.localplatform.supervision;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * When to start an exited process again. A process that exits is started again (its data and the topics are where
 * it resumes), after a pause that doubles with each restart within the window — a process that fails at once on
 * start does not spin, and one that crashed once is back within a second. One that exits more than {@code
 * maxRestarts} times within the window will not recover alone: the platform stops.
 *
 * <p>Times are monotonic nanoseconds ({@link System#nanoTime()}), so that a change of the wall clock neither empties
 * nor stretches the window.
 */
final class RestartPolicy {

    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private final int maxRestarts;
    private final Duration window;
    private final Deque<Long> restarts = new ArrayDeque<>();

    RestartPolicy(int maxRestarts, Duration window) {
        this.maxRestarts = maxRestarts;
        this.window = window;
    }

    sealed interface Decision permits Restart, GiveUp {}

    /** Start it again after {@code delay}; this is restart {@code number} within the window. */
    record Restart(int number, Duration delay) implements Decision {}

    /** Do not: it exited {@code exits} times within the window. */
    record GiveUp(int exits) implements Decision {}

    Decision onExit(long nowNanos) {
        while (!restarts.isEmpty() && nowNanos - restarts.peekFirst() >= window.toNanos()) {
            restarts.removeFirst();
        }
        if (restarts.size() >= maxRestarts) {
            return new GiveUp(restarts.size() + 1);
        }
        Duration delay = backOff(restarts.size());
        restarts.addLast(nowNanos);
        return new Restart(restarts.size(), delay);
    }

    int maxRestarts() {
        return maxRestarts;
    }

    Duration window() {
        return window;
    }

    /** 1 s, 2 s, 4 s … for the first, second, third restart within the window; never more than 30 s. */
    private static Duration backOff(int earlierRestarts) {
        Duration delay = FIRST_DELAY;
        for (int i = 0; i < earlierRestarts && delay.compareTo(MAX_DELAY) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }
}

package io.servicequality.localplatform.supervision;

import io.servicequality.localplatform.stack.Console;
import io.servicequality.localplatform.stack.PidFiles;
import io.servicequality.localplatform.stack.Settings;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code ./platform down}: asks the {@code ./platform up} of the data directory to stop (SIGTERM, which its shutdown
 * hook turns into the orderly stop) and waits until it has. When that launcher is gone but processes it started
 * still run (it was killed with SIGKILL), stops those itself, in the same order.
 */
public final class Down {

    /** Three groups of 30 s at most, and the launcher's own exit. */
    private static final Duration LAUNCHER_STOP_TIMEOUT =
            OrderedStop.GRACE.multipliedBy(3).plusSeconds(30);

    private Down() {}

    public static int run(Settings settings) {
        PidFiles pidFiles = new PidFiles(settings);
        var launcher = pidFiles.launcher();
        if (launcher.isPresent()) {
            ProcessHandle up = launcher.get();
            Console.say(
                    "stopping the platform on " + settings.dataDir() + " (./platform up, pid " + up.pid() + ") ...");
            long start = System.nanoTime();
            if (!up.destroy()) {
                Console.error("could not signal ./platform up (pid " + up.pid() + ") to stop");
                return 1;
            }
            if (!awaitExit(up, LAUNCHER_STOP_TIMEOUT)) {
                Console.error("./platform up (pid " + up.pid() + ") is still stopping after "
                        + LAUNCHER_STOP_TIMEOUT.toSeconds() + " s; see its output and " + settings.logDir());
                return 1;
            }
            Console.say("stopped in %d s; data kept in %s"
                    .formatted(Duration.ofNanos(System.nanoTime() - start).toSeconds(), settings.dataDir()));
            return 0;
        }
        Map<String, ProcessHandle> leftovers = pidFiles.alive();
        if (leftovers.isEmpty()) {
            Console.say("the platform is not running on " + settings.dataDir());
            pidFiles.clearProcesses();
            return 0;
        }
        Console.say("./platform up is not running on " + settings.dataDir() + ", but processes it started are ("
                + String.join(", ", leftovers.keySet()) + "): stopping them");
        OrderedStop.stop(leftovers);
        pidFiles.clearProcesses();
        Console.say("stopped; data kept in " + settings.dataDir());
        return 0;
    }

    private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }
}

package io.servicequality.localplatform.supervision;

import io.servicequality.localplatform.stack.Console;
import io.servicequality.localplatform.stack.Stack;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops processes of the stack so that nothing is lost: the staff console (it holds nothing), the services (they flush what they hold to Kafka and
 * the store; they may still fetch the authorization server's keys), then the development authorization server, the
 * store (it commits its file), then the broker. Each group gets SIGTERM and 30 s to exit; what
 * is still there then gets SIGKILL.
 */
final class OrderedStop {

    static final Duration GRACE = Duration.ofSeconds(30);

    private OrderedStop() {}

    /** {@code running}: the processes to stop, by name. */
    static void stop(Map<String, ProcessHandle> running) {
        Map<String, ProcessHandle> services = new LinkedHashMap<>();
        running.forEach((name, handle) -> {
            if (Stack.isService(name)) {
                services.put(name, handle);
            }
        });
        stopGroup("the staff console", only(Stack.CONSOLE, running));
        stopGroup("the services", services);
        stopGroup("the development authorization server", only(Stack.DEV_AUTH, running));
        stopGroup("the development mail catcher", only(Stack.MAIL_CATCHER, running));
        stopGroup("the embedded store", only(Stack.STORE, running));
        Map<String, ProcessHandle> brokers = new LinkedHashMap<>();
        running.forEach((name, handle) -> {
            if (Stack.isBroker(name)) {
                brokers.put(name, handle);
            }
        });
        stopGroup(brokers.size() > 1 ? "the Kafka brokers" : "the Kafka broker", brokers);
    }

    private static Map<String, ProcessHandle> only(String name, Map<String, ProcessHandle> running) {
        return running.containsKey(name) ? Map.of(name, running.get(name)) : Map.of();
    }

    private static void stopGroup(String what, Map<String, ProcessHandle> processes) {
        Map<String, ProcessHandle> group = new LinkedHashMap<>(processes);
        group.values().removeIf(handle -> !handle.isAlive());
        if (group.isEmpty()) {
            return;
        }
        Console.say("stopping " + what + " ...");
        group.values().forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + GRACE.toNanos();
        group.forEach((name, handle) -> {
            if (!awaitExit(handle, deadline - System.nanoTime())) {
                Console.say(name + " did not stop within " + GRACE.toSeconds() + " s: killing it");
                handle.destroyForcibly();
                awaitExit(handle, TimeUnit.SECONDS.toNanos(10));
            }
        });
    }

    private static boolean awaitExit(ProcessHandle handle, long nanos) {
        try {
            handle.onExit().get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return !handle.isAlive();
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            // stopping goes on regardless: an interrupted stop would leave the broker or the store running
            return !handle.isAlive();
        }
    }
}

package io.servicequality.localplatform.status;

import io.servicequality.localplatform.stack.Console;
import io.servicequality.localplatform.stack.PidFiles;
import io.servicequality.localplatform.stack.Probes;
import io.servicequality.localplatform.stack.Settings;
import io.servicequality.localplatform.stack.Stack;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code ./platform status}: per process whether it runs and answers (a service's {@code /actuator/health}), then,
 * from the broker, every consumer group's lag and the records in each dead-letter topic. Exit status 0 when every
 * process runs and answers, 1 otherwise, so that scripts can wait on it.
 */
public final class Status {

    private static final String ROW = "%-24s %-8s %-12s %s";

    private Status() {}

    public static int run(Settings settings) throws InterruptedException, ExecutionException {
        Stack stack = new Stack(settings);
        PidFiles pidFiles = new PidFiles(settings);
        Optional<ProcessHandle> launcher = pidFiles.launcher();
        Console.say(launcher.map(up -> "./platform up is running (pid " + up.pid() + ") on " + settings.dataDir())
                .orElse("./platform up is not running on " + settings.dataDir()));
        System.out.println();

        Map<String, ProcessHandle> alive = pidFiles.alive();
        Map<String, Future<Answer>> answers = new LinkedHashMap<>();
        // asked all at once: a service that is still starting can take the whole timeout to (not) answer
        ExecutorService probes = Executors.newFixedThreadPool(stack.processes().size());
        try {
            for (String process : stack.processes()) {
                answers.put(process, probes.submit(() -> answer(stack, process)));
            }
            boolean allAnswer = launcher.isPresent();
            System.out.println(ROW.formatted("process", "pid", "state", "answer"));
            for (String process : stack.processes()) {
                ProcessHandle handle = alive.get(process);
                String state =
                        handle != null ? "running" : pidFiles.pid(process).isPresent() ? "exited" : "not running";
                Answer answer = answers.get(process).get();
                allAnswer &= handle != null && answer.ok();
                System.out.println(ROW.formatted(
                        process,
                        handle == null ? "-" : String.valueOf(handle.pid()),
                        state,
                        answer.summary() + "  " + stack.address(process)));
            }
            if (launcher.isEmpty() && !alive.isEmpty()) {
                System.out.println(
                        "(these run without ./platform up: nothing restarts them; ./platform down stops" + " them)");
            }
            System.out.println();
            return kafkaFigures(settings) && allAnswer ? 0 : 1;
        } finally {
            probes.shutdownNow();
        }
    }

    private record Answer(boolean ok, String summary) {}

    private static Answer answer(Stack stack, String process) {
        Probes.Health health = stack.check(process);
        return new Answer(health.up(), health.summary());
    }

    /** Prints the consumer lag and the dead letters; false when the broker could not tell. */
    private static boolean kafkaFigures(Settings settings) {
        if (!Probes.listening(settings.kafkaPort())) {
            System.out.println("Kafka does not answer on localhost:" + settings.kafkaPort()
                    + ": no consumer lag or dead-letter counts");
            return false;
        }
        try (KafkaFigures kafka = new KafkaFigures(settings.kafkaPort())) {
            printLag(kafka.consumerLag());
            System.out.println();
            printDeadLetters(kafka.deadLetters());
            return true;
        } catch (ExecutionException e) {
            System.out.println("could not read consumer lag and dead letters from Kafka: "
                    + e.getCause().getMessage());
            return false;
        } catch (Exception e) {
            System.out.println("could not read consumer lag and dead letters from Kafka: " + e);
            return false;
        }
    }

    private static void printLag(List<KafkaFigures.GroupLag> groups) {
        int width = Math.max(
                "consumer group".length(),
                groups.stream().mapToInt(group -> group.group().length()).max().orElse(0));
        String row = "%-" + width + "s  %-12s %7s %10s";
        System.out.println(row.formatted("consumer group", "state", "members", "lag"));
        if (groups.isEmpty()) {
            System.out.println("(none yet)");
        }
        for (KafkaFigures.GroupLag group : groups) {
            System.out.println(row.formatted(
                    group.group(), group.state(), group.members(), group.lag() == null ? "-" : group.lag()));
        }
        System.out.println("lag: records not yet committed by the group; a topic written in transactions can show"
                + " one per partition (its last commit marker); -: the group commits no offsets (each reporting"
                + " instance's live-stream and risk consumers, which start at the end)");
    }

    private static void printDeadLetters(List<KafkaFigures.DeadLetters> topics) {
        int width = Math.max(
                "dead-letter topic".length(),
                topics.stream().mapToInt(topic -> topic.topic().length()).max().orElse(0));
        String row = "%-" + width + "s  %10s";
        System.out.println(row.formatted("dead-letter topic", "records"));
        if (topics.isEmpty()) {
            System.out.println("(none: nothing has been dead-lettered)");
        }
        for (KafkaFigures.DeadLetters topic : topics) {
            System.out.println(row.formatted(topic.topic(), (topic.exact() ? "" : "at least ") + topic.records()));
        }
    }
}

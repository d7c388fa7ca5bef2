package io.servicequality.benchmark;

import io.servicequality.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./platform drill}: the fault drills of the platform run as a cluster ({@code ./platform up --cluster}). Each
 * drill is a count check ({@link CountCheck}: events with duplicates, out of order and late, posted to both
 * feedback-service instances, complaint openings to both complaint-service instances) with one fault struck in the
 * middle of it, and the same golden totals: every hour and local-day bucket scoring counted equals the reference over
 * the distinct accepted events (nothing lost, nothing twice), every confirmed complaint opening counted once, and the
 * live stream of every reporting instance ends showing exactly those totals (an instance that restarted resets its
 * clients, which reload from the read model). Each drill prints a row of the table in docs/reliability.md.
 */
public final class FaultDrills {

    static final String USAGE = """
            ./platform drill [NAME ...] [options]: fault drills against ./platform up --cluster (all, in this order,
            when no name is given); each ends with the golden totals of ./platform check-counts
              kill-broker      SIGKILL the broker kafka-2 at 40 % of the posts
              kill-scoring     SIGKILL scoring-service-2 (a Kafka Streams instance) at 40 %
              kill-reporting   SIGKILL reporting-service-2 at 40 %
              freeze-store     SIGSTOP the embedded store for 30 s at 30 %
              freeze-broker    SIGSTOP the broker kafka for 15 s at 30 % (writes it leads go unconfirmed)
              partition        cut feedback-service-2 off the three brokers for 30 s at 30 % (iptables; root)
              poison           a record that is no event on every topic the services consume, before the load
            --events 4000        distinct events per drill
            --branches 10
            --complaints 20      complaint openings per drill
            --seed 1             of the first drill; each next drill the next seed
            --timeout-seconds 420
            --out FILE           append the rows (markdown) to FILE as well
            """;

    record Drill(String name, CountCheck.Fault fault, boolean poison) {}

    static final Map<String, Drill> DRILLS = drills();

    private static Map<String, Drill> drills() {
        Map<String, Drill> drills = new LinkedHashMap<>();
        drills.put(
                "kill-broker",
                new Drill("kill-broker", new CountCheck.Fault("kill", "kafka-2", 40, Duration.ZERO), false));
        drills.put(
                "kill-scoring",
                new Drill("kill-scoring", new CountCheck.Fault("kill", "scoring-service-2", 40, Duration.ZERO), false));
        drills.put(
                "kill-reporting",
                new Drill(
                        "kill-reporting",
                        new CountCheck.Fault("kill", "reporting-service-2", 40, Duration.ZERO),
                        false));
        drills.put(
                "freeze-store",
                new Drill(
                        "freeze-store",
                        new CountCheck.Fault("freeze", "embedded-store", 30, Duration.ofSeconds(30)),
                        false));
        drills.put(
                "freeze-broker",
                new Drill("freeze-broker", new CountCheck.Fault("freeze", "kafka", 30, Duration.ofSeconds(15)), false));
        drills.put(
                "partition",
                new Drill(
                        "partition",
                        new CountCheck.Fault("partition", "feedback-service-2", 30, Duration.ofSeconds(30)),
                        false));
        drills.put("poison", new Drill("poison", CountCheck.Fault.NONE, true));
        return drills;
    }

    /** Every topic some service consumes: a poison record on each. */
    static final List<String> CONSUMED = List.of(
            Topics.FEEDBACK_SUBMITTED,
            Topics.INTERACTION_RECORDED,
            Topics.COMPLAINT_CHANGED,
            Topics.METRIC_UPDATED,
            Topics.STAFF_METRIC_UPDATED,
            Topics.ALERTS,
            Topics.ALERT_HANDLING,
            Topics.QUALITY_TARGETS,
            Topics.ALERT_RULES,
            Topics.CORRECTIVE_ACTIONS,
            Topics.RISK_GRADES,
            Topics.BRANCH_DIRECTORY,
            Topics.API_KEYS);

    private FaultDrills() {}

    public static void main(String[] args) throws Exception {
        List<String> names = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                rest.add(args[i]);
                if (i + 1 < args.length && !args[i].equals("--help")) {
                    rest.add(args[++i]);
                }
            } else {
                names.add(args[i]);
            }
        }
        Options options = Options.parse(rest.toArray(String[]::new), USAGE);
        if (options == null) {
            return;
        }
        if (!CountCheck.clusterMode()) {
            System.err.println("the drills need the platform run as a cluster: ./platform up --cluster");
            System.exit(2);
        }
        for (String name : names) {
            if (!DRILLS.containsKey(name)) {
                System.err.println("no drill '" + name + "'; the drills: " + String.join(", ", DRILLS.keySet()));
                System.exit(2);
            }
        }
        List<Drill> chosen = names.isEmpty()
                ? List.copyOf(DRILLS.values())
                : names.stream().map(DRILLS::get).toList();
        List<String> rows = new ArrayList<>();
        boolean allExact = true;
        long seed = Long.parseLong(options.get("seed", "1"));
        for (Drill drill : chosen) {
            String cannot = drill.fault().action().equals("partition") ? FaultSchedule.whyNoPartition() : null;
            if (cannot != null) {
                System.out.printf("%n== drill %s: not run here, it %s ==%n", drill.name(), cannot);
                rows.add("| " + drill.name() + " | " + drill.fault().describe() + " | not run: " + cannot
                        + " | | | | | |");
                allExact = false;
                continue;
            }
            System.out.printf(
                    "%n== drill %s (%s) ==%n",
                    drill.name(),
                    drill.poison() ? "poison records" : drill.fault().describe());
            long deadLettersBefore = deadLetters();
            Instant started = Instant.now();
            if (drill.poison()) {
                poisonEveryConsumedTopic();
            }
            CountCheck.Outcome outcome = new CountCheck()
                    .run(
                            Integer.parseInt(options.get("events", "4000")),
                            Integer.parseInt(options.get("branches", "10")),
                            10,
                            3,
                            50,
                            seed++,
                            Duration.ofSeconds(Long.parseLong(options.get("timeout-seconds", "420"))),
                            drill.fault(),
                            Integer.parseInt(options.get("complaints", "20")),
                            true);
            long deadLetters = deadLetters() - deadLettersBefore;
            allExact &= outcome.exact();
            rows.add(row(drill, outcome, deadLetters, started));
        }
        String table = """
                | drill | fault | events (distinct / posts) | posts sent again | complaint openings: confirmed / unanswered / counted | live streams | dead letters | result |
                |---|---|---|---|---|---|---|---|
                """ + String.join("\n", rows) + "\n";
        System.out.println();
        System.out.print(table);
        String out = options.get("out", "");
        if (!out.isBlank()) {
            Files.writeString(
                    Path.of(out),
                    "\n" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ", `./platform drill "
                            + String.join(" ", args) + "`:\n\n" + table,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        System.exit(allExact ? 0 : 1);
    }

    private static String row(Drill drill, CountCheck.Outcome outcome, long deadLetters, Instant started) {
        String live = outcome.liveStreams().stream()
                .map(line -> line.replaceFirst("^http://localhost:", ":"))
                .collect(Collectors.joining("; "));
        String result = outcome.exact()
                ? String.format(
                        Locale.ROOT,
                        "**exact**: %d buckets, %.0f s after the last post",
                        outcome.buckets(),
                        outcome.exactAfter().toMillis() / 1000.0)
                : "**NOT exact**: " + outcome.differences().size() + " differences, e.g. "
                        + outcome.differences().stream().limit(2).collect(Collectors.joining("; "));
        return String.format(
                Locale.ROOT,
                "| %s | %s | %d / %d in %.0f s | %d | %d / %d / %d | %s | %d | %s |",
                drill.name(),
                drill.poison()
                        ? "one undecodable record on each of " + CONSUMED.size() + " consumed topics"
                        : drill.fault().describe(),
                outcome.distinctEvents(),
                outcome.posts(),
                outcome.postingTook().toMillis() / 1000.0,
                outcome.retriedPosts(),
                outcome.complaintsConfirmed(),
                outcome.complaintsUnknown(),
                outcome.complaintsCounted(),
                live,
                deadLetters,
                result);
    }

    private static Map<String, Object> kafka() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                java.util.Arrays.stream(FaultSchedule.brokerPorts().split(","))
                        .map(port -> "localhost:" + port)
                        .collect(Collectors.joining(",")));
        return config;
    }

    /** Records that are not events (not even JSON), keyed like the platform's, on every consumed topic. */
    private static void poisonEveryConsumedTopic() throws Exception {
        Map<String, Object> config = kafka();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (String topic : CONSUMED) {
                producer.send(new ProducerRecord<>(
                                topic, "demo:poison-drill", "{not an event".getBytes(StandardCharsets.UTF_8)))
                        .get();
            }
        }
        System.out.printf("wrote a poison record to each of %d consumed topics%n", CONSUMED.size());
    }

    /** How many records the dead-letter topics hold. */
    private static long deadLetters() throws Exception {
        try (Admin admin = Admin.create(kafka())) {
            Set<String> dlts = admin.listTopics().names().get().stream()
                    .filter(name -> name.endsWith(Topics.DEAD_LETTER_SUFFIX))
                    .collect(Collectors.toSet());
            if (dlts.isEmpty()) {
                return 0;
            }
            Map<TopicPartition, OffsetSpec> ends = new LinkedHashMap<>();
            for (TopicDescription topic :
                    admin.describeTopics(dlts).allTopicNames().get().values()) {
                topic.partitions()
                        .forEach(partition ->
                                ends.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest()));
            }
            return admin.listOffsets(ends).all().get().values().stream()
                    .mapToLong(info -> info.offset())
                    .sum();
        }
    }
}

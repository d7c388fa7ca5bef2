package io.servicequality.benchmark;

import io.servicequality.contracts.EventSample;
import io.servicequality.contracts.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ./platform catch-up}: how fast scoring-service's counting topology works off a backlog. Freezes the scoring
 * process ({@code SIGSTOP}, so the rest of the stack keeps running), writes {@code --events} distinct events of the
 * realistic mix straight to the three ingested topics, by default waits until the other services' consumers of those
 * topics have worked them off, resumes it ({@code SIGCONT}) and follows the counting group's
 * lag (and reporting-service's metric-update group's) every second until both are zero. Options in {@link #USAGE}.
 */
public final class CatchUp {

    static final String USAGE = """
            ./platform catch-up [options]: scoring's catch-up rate from a backlog, on the running local stack
            --events 1000000      events written to the topics while scoring is frozen
            --branches 200        branches the events are spread over
            --mix full            as for ./platform bench (full: 50/48/2)
            --tenant demo         the events' tenant (one the stack serves)
            --group scoring-service.counting.g0   the counting topology's application id
            --freeze true         freeze scoring-service while the backlog is written (false: it counts meanwhile)
            --others-first true   keep scoring frozen until every other consumer of the topics has caught up (the
                                  case of scoring alone having been down); false: all catch up at once
            --out DIR             where the result goes (default benchmark/target/bench-results)
            """;

    private static final List<String> TOPICS =
            List.of(Topics.FEEDBACK_SUBMITTED, Topics.INTERACTION_RECORDED, Topics.COMPLAINT_CHANGED);
    private static final String REPORTING_GROUP = "reporting-service";
    private static final Duration OTHERS_TIMEOUT = Duration.ofMinutes(30);

    private CatchUp() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args, USAGE);
        if (options == null) {
            return;
        }
        long events = Long.parseLong(options.get("events", "1000000"));
        int branches = Integer.parseInt(options.get("branches", "200"));
        EventMix.Shares shares = EventMix.Shares.parse(options.get("mix", "full"));
        String tenant = options.get("tenant", "demo");
        String group = options.get("group", "scoring-service.counting.g0");
        boolean freeze = Boolean.parseBoolean(options.get("freeze", "true"));
        boolean othersFirst = freeze && Boolean.parseBoolean(options.get("others-first", "true"));
        Path out = Path.of(options.get("out", "benchmark/target/bench-results"));
        Path dataDir = Path.of(LocalStack.env("PLATFORM_DATA_DIR", ".platform"));
        String kafka = "localhost:" + LocalStack.env("KAFKA_PORT", "9092");
        String scoringPid = Files.readString(dataDir.resolve("run").resolve("scoring-service.pid"))
                .trim();

        StringBuilder log = new StringBuilder();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            if (freeze) {
                signal("STOP", scoringPid);
            }
            Instant produceStart = Instant.now();
            Instant produced;
            try {
                produce(kafka, events, branches, shares, tenant);
                produced = Instant.now();
                if (othersFirst) {
                    awaitOtherConsumers(admin, group, log);
                }
            } finally {
                if (freeze) {
                    signal("CONT", scoringPid);
                }
            }
            line(
                    log,
                    "wrote %d events in %.1f s (%.0f events/s)%n",
                    events,
                    seconds(produceStart, produced),
                    events / seconds(produceStart, produced));
            long backlog = lag(admin, group, TOPICS);
            line(log, "backlog when scoring resumed: %d records%n", backlog);
            int metricPartitions = admin.describeTopics(List.of(Topics.METRIC_UPDATED))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .get(Topics.METRIC_UPDATED)
                    .partitions()
                    .size();
            Instant start = Instant.now();
            long lastLag = backlog;
            Instant zero = null;
            while (true) {
                Thread.sleep(1000);
                long counting = lag(admin, group, TOPICS);
                long reporting = lag(admin, REPORTING_GROUP, List.of(Topics.METRIC_UPDATED));
                line(
                        log,
                        "t=%5.1f s  counting lag %8d (%6.0f records/s)  reporting lag %7d%n",
                        seconds(start, Instant.now()),
                        counting,
                        (lastLag - counting) / 1.0,
                        reporting);
                lastLag = counting;
                if (counting == 0 && zero == null) {
                    zero = Instant.now();
                }
                // scoring writes transactionally: each partition of its topic may end with a commit marker that a
                // read-committed consumer never consumes, so one record per partition is as good as caught up
                if (zero != null && reporting <= metricPartitions) {
                    break;
                }
            }
            double drain = seconds(start, zero);
            line(
                    log,
                    "%ncounting caught up with %d records in %.1f s: %.0f events/s; reporting caught up %.1f s after"
                            + " the start%n",
                    backlog,
                    drain,
                    backlog / drain,
                    seconds(start, Instant.now()));
        }
        Files.createDirectories(out);
        Path result = out.resolve("catch-up-" + Instant.now().toString().replace(":", "") + ".md");
        Files.writeString(
                result,
                "# Catch-up " + Instant.now() + "\n\nCommand: `./platform catch-up " + String.join(" ", args)
                        + "`\n\n```\n" + log + "```\n");
        System.out.println("written: " + result);
    }

    private static void produce(String kafka, long events, int branches, EventMix.Shares shares, String tenant)
            throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode feedback = (ObjectNode) json.readTree(EventSample.FEEDBACK_SUBMITTED.json());
        ObjectNode interaction = (ObjectNode) json.readTree(EventSample.INTERACTION_RECORDED.json());
        ObjectNode complaint = (ObjectNode) json.readTree(EventSample.COMPLAINT_CHANGED.json());
        complaint.put("type", "OPENED");
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        EventMix mix = new EventMix(11, branches, shares);
        SplittableRandom random = new SplittableRandom(13);
        // the events of the last hour, as if the stack had been down for a while
        Instant now = Instant.now();
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (long i = 0; i < events; i++) {
                EventMix.Kind kind = mix.nextKind();
                ObjectNode event = switch (kind) {
                    case FEEDBACK -> feedback;
                    case INTERACTION -> interaction;
                    case COMPLAINT -> complaint;
                };
                String branch = mix.branch();
                Instant at = now.minusMillis(random.nextLong(3_600_000));
                event.put("eventId", UUID.randomUUID().toString());
                event.put("tenantId", tenant);
                event.put("branchId", branch);
                event.put("occurredAt", at.toString());
                String topic = switch (kind) {
                    case FEEDBACK -> Topics.FEEDBACK_SUBMITTED;
                    case INTERACTION -> Topics.INTERACTION_RECORDED;
                    case COMPLAINT -> Topics.COMPLAINT_CHANGED;
                };
                producer.send(
                        new ProducerRecord<>(topic, Topics.recordKey(tenant, branch), json.writeValueAsString(event)));
            }
            producer.flush();
        }
    }

    /** Waits until every consumer group other than scoring's that reads the counted topics has no lag on them. */
    /**
     * Waits until every other consumer group with members that reads the counted topics has no lag on them; a group
     * without members (left over from an earlier run or generation) is not waited for. Gives up after {@link
     * #OTHERS_TIMEOUT}.
     */
    private static void awaitOtherConsumers(Admin admin, String scoringGroup, StringBuilder log) throws Exception {
        Instant start = Instant.now();
        while (true) {
            Map<String, Long> lags = new HashMap<>();
            for (var listing : admin.listGroups().all().get(10, TimeUnit.SECONDS)) {
                if (listing.groupState()
                        .map(state -> state == GroupState.EMPTY || state == GroupState.DEAD)
                        .orElse(false)) {
                    continue;
                }
                String other = listing.groupId();
                List<String> read = countedTopicsReadBy(admin, other);
                if (!other.equals(scoringGroup) && !read.isEmpty()) {
                    lags.put(other, lag(admin, other, read));
                }
            }
            if (lags.values().stream().allMatch(lag -> lag == 0)) {
                line(
                        log,
                        "the other consumers of the topics (%s) caught up %.1f s after the backlog was written%n",
                        String.join(", ", lags.keySet()),
                        seconds(start, Instant.now()));
                return;
            }
            if (Duration.between(start, Instant.now()).compareTo(OTHERS_TIMEOUT) > 0) {
                throw new IllegalStateException(
                        "the other consumers did not catch up within " + OTHERS_TIMEOUT + ": " + lags);
            }
            Thread.sleep(2000); // polled: consumer lag has no notification
        }
    }

    private static List<String> countedTopicsReadBy(Admin admin, String group) throws Exception {
        return admin
                .listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS)
                .keySet()
                .stream()
                .map(TopicPartition::topic)
                .filter(TOPICS::contains)
                .distinct()
                .toList();
    }

    /** Records not yet committed by {@code group} on the topics (all of a topic's end offset when it has none). */
    private static long lag(Admin admin, String group, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (var description : admin.describeTopics(topics)
                .allTopicNames()
                .get(10, TimeUnit.SECONDS)
                .values()) {
            description
                    .partitions()
                    .forEach(partition -> latest.put(
                            new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, ListOffsetsResultInfo> ends =
                admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
        long lag = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            lag += Math.max(0, end.getValue().offset() - (at == null ? 0 : at.offset()));
        }
        return lag;
    }

    private static void signal(String signal, String pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, pid).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("could not send SIG" + signal + " to scoring-service (pid " + pid + ")");
        }
    }

    private static void line(StringBuilder log, String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        System.out.print(text);
        log.append(text);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}

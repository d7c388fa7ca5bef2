package io.servicequality.scoring.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.servicequality.contracts.BranchChanged;
import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.Channel;
import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.ComplaintChanged.ComplaintCategory;
import io.servicequality.contracts.ComplaintChanged.ComplaintEventType;
import io.servicequality.contracts.ComplaintChanged.Severity;
import io.servicequality.contracts.DimensionRating;
import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.ImportancePoints;
import io.servicequality.contracts.InteractionRecorded;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.contracts.PlatformEvent;
import io.servicequality.contracts.ServqualDimension;
import io.servicequality.contracts.ServqualRatings;
import io.servicequality.contracts.Topics;
import io.servicequality.security.TenantGate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.springframework.kafka.support.JacksonMapperUtils;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The exactly-once property of the counting topology ({@link TopologyTestDriver}): for random event sets — copies of
 * events further down the log, out of event-time order, some past the allowed lateness, branches in two time zones —
 * the buckets in the state stores, and the last {@link MetricUpdated} published for each, equal a plain computation
 * over the distinct raw events; so do their channel breakdowns and rating distributions, counted from the raw fields
 * without the production mapping (some feedback and complaints name no channel: they count only in the totals). A rebuild (a new generation counting the same log from the beginning, fresh state)
 * gives identical statistics under revisions above the first generation's.
 *
 * <p>What a crash does to this (a transaction aborted mid-way, state restored from the changelog) needs a broker:
 * {@code BucketScoringIT#matchesThePlainComputationAfterFailuresMidTransactionAndARestart}.
 */
class CountingAgainstReferenceTest {

    private static final String TENANT = "acme-bank";
    private static final List<String> BRANCHES = List.of("B1", "B2");
    /** B2's local day is Shanghai's; B1 has no directory entry and counts in UTC. */
    private static final ZoneId B2_ZONE = ZoneId.of("Asia/Shanghai");

    private static final Instant START = Instant.parse("2026-11-20T00:00:00Z");
    private static final Duration ALLOWED_LATENESS = Duration.ofHours(48);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A record in the simulated log of one topic partition. */
    record LogRecord(Source source, int partition, long offset, Instant loggedAt, PlatformEvent event) {}

    /** What one run of the topology over the log left: the stores' buckets and the last update published for each. */
    record Counted(Map<String, BucketState> stored, Map<String, MetricUpdated> published) {}

    @Property(tries = 25)
    void storedAndPublishedBucketsEqualThePlainComputationOverTheDistinctEvents(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        List<PlatformEvent> distinct = randomEvents(random);
        Map<Source, List<List<LogRecord>>> log = logOf(distinct, random);
        List<LogRecord> order = interleaved(log, random);

        Counted first = count(order, 0);

        Map<String, BucketStatistics> expected = reference(distinct, log);
        assertThat(first.stored().keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((id, statistics) ->
                assertThat(first.stored().get(id).statistics()).as(id).isEqualTo(statistics));
        assertThat(first.published().keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        first.stored().forEach((id, state) -> {
            MetricUpdated update = first.published().get(id);
            assertThat(update.statistics()).as("published " + id).isEqualTo(state.statistics());
            assertThat(update.revision()).as("revision of " + id).isEqualTo(state.applied());
        });
        assertThat(first.stored().entrySet().stream()
                        .filter(bucket -> bucket.getKey().contains(":HOUR:"))
                        .mapToLong(bucket -> bucket.getValue().lateEvents())
                        .sum())
                .as("late events counted")
                .isEqualTo(lateDistinctEvents(distinct, log));
        assertHeadlineCountsFromTheRawEvents(distinct, first.stored());
        assertChannelsAndDistributionsFromTheRawEvents(distinct, log, first.stored());

        // a rebuild: generation 1 counts the same log from the beginning into fresh state
        Counted rebuilt = count(order, 1);
        assertThat(rebuilt.stored().keySet()).isEqualTo(first.stored().keySet());
        first.stored().forEach((id, state) -> {
            assertThat(rebuilt.stored().get(id).statistics())
                    .as("rebuilt " + id)
                    .isEqualTo(state.statistics());
            assertThat(rebuilt.published().get(id).revision())
                    .as("rebuilt revisions lie above the first generation's")
                    .isGreaterThan(first.published().get(id).revision());
        });
    }

    /**
     * Pipes the log through a fresh topology in the given order, letting the publication punctuator run at random
     * points and once at the end; returns the buckets in the stores and the last update published per bucket.
     */
    private static Counted count(List<LogRecord> order, int generation) throws Exception {
        Path state = Files.createTempDirectory("counting-test");
        try {
            return countIn(state, order, generation);
        } finally {
            FileSystemUtils.deleteRecursively(state);
        }
    }

    private static Counted countIn(Path state, List<LogRecord> order, int generation) throws Exception {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "counting-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        CountingRules rules = TestEvents.countingRules(ALLOWED_LATENESS, generation);
        StreamsBuilder builder = new StreamsBuilder();
        CountingTopology.addTo(
                builder,
                rules,
                new TenantGate(Set.of(TENANT), new SimpleMeterRegistry()),
                JacksonMapperUtils.enhancedJsonMapper());
        Random pauses = new Random(order.size());
        try (var driver = new TopologyTestDriver(builder.build(), config, START)) {
            var directory =
                    driver.createInputTopic(Topics.BRANCH_DIRECTORY, new StringSerializer(), new StringSerializer());
            directory.pipeInput(
                    TENANT + ":B2",
                    JSON.writeValueAsString(new BranchChanged(
                            UUID.randomUUID(),
                            TENANT,
                            "B2",
                            START,
                            1,
                            "B2",
                            "Branch 2",
                            "east",
                            B2_ZONE.getId(),
                            false)));
            Map<Source, TestInputTopic<String, String>> inputs = new HashMap<>();
            for (Source source : Source.values()) {
                inputs.put(
                        source,
                        driver.createInputTopic(source.topic(), new StringSerializer(), new StringSerializer()));
            }
            TestOutputTopic<String, String> updates =
                    driver.createOutputTopic(Topics.METRIC_UPDATED, new StringDeserializer(), new StringDeserializer());
            Map<String, MetricUpdated> published = new HashMap<>();
            for (LogRecord record : order) {
                inputs.get(record.source())
                        .pipeInput(
                                record.event().recordKey(), JSON.writeValueAsString(record.event()), record.loggedAt());
                if (pauses.nextInt(5) == 0) {
                    driver.advanceWallClockTime(rules.emitInterval());
                    collect(updates, published);
                }
            }
            driver.advanceWallClockTime(rules.emitInterval());
            collect(updates, published);

            Map<String, BucketState> stored = new HashMap<>();
            read(driver.getWindowStore(CountingTopology.MINUTE_BUCKETS), Granularity.MINUTE, stored);
            read(driver.getWindowStore(CountingTopology.HOUR_BUCKETS), Granularity.HOUR, stored);
            read(driver.getWindowStore(CountingTopology.DAY_BUCKETS), Granularity.DAY, stored);
            return new Counted(stored, published);
        }
    }

    private static void collect(TestOutputTopic<String, String> updates, Map<String, MetricUpdated> published) {
        for (String value : updates.readValuesToList()) {
            MetricUpdated update = JSON.readValue(value, MetricUpdated.class);
            String id = new BucketId(update.tenantId(), update.branchId(), update.granularity(), update.bucketStart())
                    .value();
            MetricUpdated before = published.get(id);
            assertThat(before == null || before.revision() < update.revision())
                    .as("revisions of " + id + " increase")
                    .isTrue();
            published.put(id, update);
        }
    }

    private static void read(
            WindowStore<String, BucketState> store, Granularity granularity, Map<String, BucketState> into) {
        try (KeyValueIterator<Windowed<String>, BucketState> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<Windowed<String>, BucketState> bucket = all.next();
                String[] branch = bucket.key.key().split(":", 2);
                into.put(
                        new BucketId(
                                        branch[0],
                                        branch[1],
                                        granularity,
                                        bucket.key.window().startTime())
                                .value(),
                        bucket.value);
            }
        }
    }

    /** The partitions' records in one random order that keeps each partition's order (one task reads them all). */
    private static List<LogRecord> interleaved(Map<Source, List<List<LogRecord>>> log, Random random) {
        List<List<LogRecord>> partitions = new ArrayList<>();
        log.values().forEach(partitions::addAll);
        int[] next = new int[partitions.size()];
        List<LogRecord> order = new ArrayList<>();
        while (true) {
            List<Integer> open = new ArrayList<>();
            for (int i = 0; i < partitions.size(); i++) {
                if (next[i] < partitions.get(i).size()) {
                    open.add(i);
                }
            }
            if (open.isEmpty()) {
                return order;
            }
            int chosen = open.get(random.nextInt(open.size()));
            order.add(partitions.get(chosen).get(next[chosen]++));
        }
    }

    /**
     * The plain computation: every distinct event (the first copy in the log, as the ledger keeps it) is added to its
     * minute (unless late), hour and local-day bucket.
     */
    private static Map<String, BucketStatistics> reference(
            List<PlatformEvent> distinct, Map<Source, List<List<LogRecord>>> log) {
        Map<UUID, Instant> firstLoggedAt = firstLoggedAt(log);
        Map<String, BucketStatistics> expected = new LinkedHashMap<>();
        for (PlatformEvent event : distinct) {
            Contribution contribution = contributionOf(event);
            if (contribution == null) {
                continue;
            }
            for (String id : bucketsOf(event, firstLoggedAt.get(event.eventId()))) {
                expected.merge(id, contribution.statistics(), BucketStatistics::plus);
            }
        }
        // a minute bucket keeps the headline blocks only: no key drivers, distributions or channels
        expected.replaceAll((id, statistics) -> isMinute(id) ? statistics.withoutBreakdowns() : statistics);
        return expected;
    }

    /** The minute (unless the event was logged past the allowed lateness), hour and local-day bucket of an event. */
    private static List<String> bucketsOf(PlatformEvent event, Instant loggedAt) {
        Instant at = event.occurredAt();
        ZoneId zone = "B2".equals(event.branchId()) ? B2_ZONE : ZoneOffset.UTC;
        List<String> ids = new ArrayList<>();
        if (Duration.between(at, loggedAt).compareTo(ALLOWED_LATENESS) <= 0) {
            ids.add(id(event, Granularity.MINUTE, at.truncatedTo(ChronoUnit.MINUTES)));
        }
        ids.add(id(event, Granularity.HOUR, at.truncatedTo(ChronoUnit.HOURS)));
        ids.add(id(
                event,
                Granularity.DAY,
                at.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant()));
        return ids;
    }

    /**
     * The channel breakdown and the rating distributions of every bucket, counted straight from the raw fields of the
     * distinct events (first copy in the log, late ones outside the minute bucket), without the code under test's
     * mapping: per bucket, the distributions of all its events, and per channel the counts, sums and distributions of
     * the events that name that channel.
     */
    private static void assertChannelsAndDistributionsFromTheRawEvents(
            List<PlatformEvent> distinct, Map<Source, List<List<LogRecord>>> log, Map<String, BucketState> stored) {
        Map<UUID, Instant> firstLoggedAt = firstLoggedAt(log);
        Map<String, Map<String, Double>> plain = new HashMap<>();
        for (PlatformEvent event : distinct) {
            if (event instanceof ComplaintChanged c && !COUNTED_STEPS.contains(c.type())) {
                continue;
            }
            for (String id : bucketsOf(event, firstLoggedAt.get(event.eventId()))) {
                Map<String, Double> figures = plain.computeIfAbsent(id, ignored -> new TreeMap<>());
                if (isMinute(id)) {
                    continue; // none of a minute bucket's figures is a breakdown
                }
                addRawFigures(event, "", false, figures);
                Channel channel = channelOf(event);
                if (channel != null) {
                    addRawFigures(event, channel.name() + ".", true, figures);
                }
            }
        }
        assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(plain.keySet());
        plain.forEach((id, figures) -> {
            BucketStatistics statistics = stored.get(id).statistics();
            assertThat(figuresOf(statistics))
                    .as("channels and distributions of " + id)
                    .isEqualTo(figures);
            statistics.byChannel().values().forEach(entry -> {
                assertThat(entry.byChannel()).isEmpty();
                assertThat(entry.drivers()).isEqualTo(BucketStatistics.DriverStatistics.EMPTY);
            });
        });
    }

    /** The complaint steps that count something (the others add nothing to any bucket). */
    private static final Set<ComplaintEventType> COUNTED_STEPS = Set.of(
            ComplaintEventType.OPENED,
            ComplaintEventType.ACKNOWLEDGED,
            ComplaintEventType.RESOLVED,
            ComplaintEventType.REOPENED,
            ComplaintEventType.CLOSED,
            ComplaintEventType.SLA_WARNING,
            ComplaintEventType.SLA_BREACHED);

    private static Channel channelOf(PlatformEvent event) {
        if (event instanceof FeedbackSubmitted f) {
            return f.channel();
        }
        if (event instanceof InteractionRecorded i) {
            return i.channel();
        }
        return ((ComplaintChanged) event).channel();
    }

    /** Adds one raw event: its ratings' values to the distributions, and with {@code counts} its counts and sums. */
    private static void addRawFigures(PlatformEvent event, String prefix, boolean counts, Map<String, Double> figures) {
        if (event instanceof FeedbackSubmitted f) {
            if (counts) {
                add(figures, prefix + "feedback", 1);
            }
            if (f.csat() != null) {
                add(figures, prefix + "dist.csat." + f.csat(), 1);
                if (counts) {
                    add(figures, prefix + "csat.n", 1);
                    add(figures, prefix + "csat.satisfied", f.csat() >= 4 ? 1 : 0);
                    add(figures, prefix + "csat.sum", f.csat());
                }
            }
            if (f.nps() != null) {
                add(figures, prefix + "dist.nps." + f.nps(), 1);
                if (counts) {
                    add(figures, prefix + "nps.promoters", f.nps() >= 9 ? 1 : 0);
                    add(figures, prefix + "nps.detractors", f.nps() <= 6 ? 1 : 0);
                    add(figures, prefix + "nps.n", 1);
                }
            }
            if (f.ces() != null) {
                add(figures, prefix + "dist.ces." + f.ces(), 1);
                if (counts) {
                    add(figures, prefix + "ces.n", 1);
                    add(figures, prefix + "ces.sum", f.ces());
                }
            }
            for (ServqualDimension dimension : ServqualDimension.values()) {
                DimensionRating rating = dimension.ratingIn(f.servqual());
                if (rating == null) {
                    continue;
                }
                String d = dimension.fieldName();
                add(figures, prefix + "dist." + d + ".expectation." + Math.round(rating.expectation()), 1);
                add(figures, prefix + "dist." + d + ".perception." + Math.round(rating.perception()), 1);
                if (counts) {
                    add(figures, prefix + d + ".n", 1);
                    add(figures, prefix + d + ".expectationSum", rating.expectation());
                    add(figures, prefix + d + ".perceptionSum", rating.perception());
                }
            }
        } else if (event instanceof InteractionRecorded i && counts) {
            add(figures, prefix + "offered", 1);
            add(figures, prefix + "answered", i.answered() ? 1 : 0);
            add(figures, prefix + "abandoned", i.abandoned() ? 1 : 0);
            add(figures, prefix + "resolvedFirstContact", i.answered() && i.resolvedFirstContact() ? 1 : 0);
            add(figures, prefix + "handleSecondsSum", i.answered() ? i.handleSeconds() : 0);
        } else if (event instanceof ComplaintChanged c && counts) {
            add(figures, prefix + "complaints." + c.type().name(), 1);
        }
    }

    /** The same figures read from counted statistics. */
    private static Map<String, Double> figuresOf(BucketStatistics statistics) {
        Map<String, Double> figures = new TreeMap<>();
        addDistributions(statistics.distributions(), "", figures);
        statistics.byChannel().forEach((channel, entry) -> {
            String p = channel + ".";
            add(figures, p + "feedback", entry.feedbackCount());
            add(figures, p + "csat.n", entry.csat().n());
            add(figures, p + "csat.satisfied", entry.csat().satisfied());
            add(figures, p + "csat.sum", entry.csat().sum());
            add(figures, p + "nps.n", entry.nps().n());
            add(figures, p + "nps.promoters", entry.nps().promoters());
            add(figures, p + "nps.detractors", entry.nps().detractors());
            add(figures, p + "ces.n", entry.ces().n());
            add(figures, p + "ces.sum", entry.ces().sum());
            for (ServqualDimension dimension : ServqualDimension.values()) {
                var rated = entry.servqual().of(dimension);
                add(figures, p + dimension.fieldName() + ".n", rated.n());
                add(figures, p + dimension.fieldName() + ".expectationSum", rated.expectationSum());
                add(figures, p + dimension.fieldName() + ".perceptionSum", rated.perceptionSum());
            }
            var interactions = entry.interactions();
            add(figures, p + "offered", interactions.offered());
            add(figures, p + "answered", interactions.answered());
            add(figures, p + "abandoned", interactions.abandoned());
            add(figures, p + "resolvedFirstContact", interactions.resolvedFirstContact());
            add(figures, p + "handleSecondsSum", interactions.handleSecondsSum());
            var complaints = entry.complaints();
            add(figures, p + "complaints.OPENED", complaints.opened());
            add(figures, p + "complaints.ACKNOWLEDGED", complaints.acknowledged());
            add(figures, p + "complaints.RESOLVED", complaints.resolved());
            add(figures, p + "complaints.REOPENED", complaints.reopened());
            add(figures, p + "complaints.CLOSED", complaints.closed());
            add(figures, p + "complaints.SLA_WARNING", complaints.slaWarnings());
            add(figures, p + "complaints.SLA_BREACHED", complaints.slaBreaches());
            addDistributions(entry.distributions(), p, figures);
        });
        return figures;
    }

    private static void addDistributions(
            BucketStatistics.RatingDistributions distributions, String prefix, Map<String, Double> figures) {
        distributions.csat().forEach((value, count) -> add(figures, prefix + "dist.csat." + value, count));
        distributions.nps().forEach((value, count) -> add(figures, prefix + "dist.nps." + value, count));
        distributions.ces().forEach((value, count) -> add(figures, prefix + "dist.ces." + value, count));
        for (ServqualDimension dimension : ServqualDimension.values()) {
            var rated = distributions.servqual().of(dimension);
            String d = prefix + "dist." + dimension.fieldName();
            rated.expectation().forEach((value, count) -> add(figures, d + ".expectation." + value, count));
            rated.perception().forEach((value, count) -> add(figures, d + ".perception." + value, count));
        }
    }

    /** Zeros are left out on both sides, so a figure nobody contributed to and one that summed to zero agree. */
    private static void add(Map<String, Double> figures, String key, double value) {
        if (value != 0) {
            figures.merge(key, value, Double::sum);
        }
    }

    private static long lateDistinctEvents(List<PlatformEvent> distinct, Map<Source, List<List<LogRecord>>> log) {
        Map<UUID, Instant> firstLoggedAt = firstLoggedAt(log);
        return distinct.stream()
                .filter(event -> contributionOf(event) != null)
                .filter(event -> Duration.between(event.occurredAt(), firstLoggedAt.get(event.eventId()))
                                .compareTo(ALLOWED_LATENESS)
                        > 0)
                .count();
    }

    /** Counted straight from the raw fields, without the code under test's mapping. */
    private static void assertHeadlineCountsFromTheRawEvents(
            List<PlatformEvent> distinct, Map<String, BucketState> stored) {
        long feedback = 0;
        long satisfied = 0;
        long offered = 0;
        long answeredWithinServiceLevel = 0;
        long opened = 0;
        for (PlatformEvent event : distinct) {
            if (event instanceof FeedbackSubmitted f) {
                feedback++;
                satisfied += f.csat() != null && f.csat() >= 4 ? 1 : 0;
            } else if (event instanceof InteractionRecorded i) {
                offered++;
                answeredWithinServiceLevel += i.answered() && i.waitSeconds() <= 20 ? 1 : 0;
            } else if (event instanceof ComplaintChanged c && c.type() == ComplaintEventType.OPENED) {
                opened++;
            }
        }
        BucketStatistics allDays = BucketStatistics.EMPTY;
        for (var bucket : stored.entrySet()) {
            if (bucket.getKey().contains(":DAY:")) {
                allDays = allDays.plus(bucket.getValue().statistics());
            }
        }
        assertThat(allDays.feedbackCount()).isEqualTo(feedback);
        assertThat(allDays.csat().satisfied()).isEqualTo(satisfied);
        assertThat(allDays.interactions().offered()).isEqualTo(offered);
        assertThat(allDays.interactions().answeredWithinServiceLevel()).isEqualTo(answeredWithinServiceLevel);
        assertThat(allDays.complaints().opened()).isEqualTo(opened);
    }

    /** What the event adds, by the production mapping; {@code null} for a complaint step that counts nothing. */
    static Contribution contributionOf(PlatformEvent event) {
        if (event instanceof FeedbackSubmitted feedback) {
            return Contribution.of(feedback);
        }
        if (event instanceof InteractionRecorded interaction) {
            return Contribution.of(interaction, 20);
        }
        return Contribution.of((ComplaintChanged) event).orElse(null);
    }

    private static Map<UUID, Instant> firstLoggedAt(Map<Source, List<List<LogRecord>>> log) {
        Map<UUID, Instant> first = new HashMap<>();
        log.values()
                .forEach(partitions -> partitions.forEach(records -> records.forEach(
                        record -> first.putIfAbsent(record.event().eventId(), record.loggedAt()))));
        return first;
    }

    private static boolean isMinute(String id) {
        return id.contains(":" + Granularity.MINUTE + ":");
    }

    private static String id(PlatformEvent event, Granularity granularity, Instant start) {
        return new BucketId(TENANT, event.branchId(), granularity, start).value();
    }

    /**
     * Each event goes to its topic's partition of its branch, in random order (so out of event-time order), logged a
     * little after it happened — hours later for some, past the allowed lateness for a few; some are posted again
     * further down the log.
     */
    private static Map<Source, List<List<LogRecord>>> logOf(List<PlatformEvent> events, Random random) {
        List<PlatformEvent> order = new ArrayList<>(events);
        Collections.shuffle(order, random);
        List<PlatformEvent> withDuplicates = new ArrayList<>(order);
        for (PlatformEvent event : order) {
            if (random.nextDouble() < 0.15) {
                int at = withDuplicates.indexOf(event) + 1;
                withDuplicates.add(at + random.nextInt(withDuplicates.size() - at + 1), event);
            }
        }
        Map<UUID, Instant> loggedAt = new HashMap<>();
        Map<Source, List<List<LogRecord>>> log = new LinkedHashMap<>();
        Set<UUID> seen = new HashSet<>();
        for (PlatformEvent event : withDuplicates) {
            Source source = sourceOf(event);
            int partition = BRANCHES.indexOf(event.branchId());
            List<List<LogRecord>> partitions =
                    log.computeIfAbsent(source, s -> List.of(new ArrayList<>(), new ArrayList<>()));
            Instant logged = seen.add(event.eventId())
                    ? event.occurredAt().plus(delay(random))
                    : loggedAt.get(event.eventId()).plusSeconds(5);
            loggedAt.putIfAbsent(event.eventId(), logged);
            List<LogRecord> records = partitions.get(partition);
            records.add(new LogRecord(source, partition, records.size(), logged, event));
        }
        return log;
    }

    /** How late an event is logged after it occurred: mostly seconds, some hours, a few beyond the lateness. */
    static Duration delay(Random random) {
        double roll = random.nextDouble();
        if (roll < 0.8) {
            return Duration.ofSeconds(random.nextInt(120));
        }
        if (roll < 0.93) {
            return Duration.ofMinutes(60 + random.nextInt(40 * 60));
        }
        return Duration.ofHours(49 + random.nextInt(60));
    }

    static Source sourceOf(PlatformEvent event) {
        if (event instanceof FeedbackSubmitted) {
            return Source.FEEDBACK;
        }
        return event instanceof InteractionRecorded ? Source.INTERACTION : Source.COMPLAINT;
    }

    private static List<PlatformEvent> randomEvents(Random random) {
        return randomEvents(random, 1 + random.nextInt(80));
    }

    /** Feedback, interactions and complaint steps of two branches over three days, of every channel. */
    static List<PlatformEvent> randomEvents(Random random, int count) {
        List<PlatformEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String branch = BRANCHES.get(random.nextInt(BRANCHES.size()));
            Instant at = START.plusSeconds(random.nextInt(3 * 24 * 3600)).plusMillis(random.nextInt(1000));
            events.add(
                    switch (random.nextInt(3)) {
                        case 0 -> feedback(random, branch, at);
                        case 1 -> interaction(random, branch, at);
                        default -> complaint(random, branch, at);
                    });
        }
        return events;
    }

    private static FeedbackSubmitted feedback(Random random, String branch, Instant at) {
        boolean allFive = random.nextBoolean();
        var servqual = new ServqualRatings(
                rating(random, allFive),
                rating(random, allFive),
                rating(random, allFive),
                rating(random, allFive),
                rating(random, allFive));
        var importance = random.nextBoolean() ? null : new ImportancePoints(10, 40, 30, 10, 10);
        return new FeedbackSubmitted(
                UUID.randomUUID(),
                TENANT,
                branch,
                at,
                1,
                at,
                channelOrNone(random),
                servqual,
                importance,
                maybe(random, 1, 5),
                maybe(random, 0, 10),
                maybe(random, 1, 7),
                null,
                "c-1",
                null,
                null);
    }

    /** Half-point steps: sums of these are exact in binary floating point, so equality is exact. */
    private static DimensionRating rating(Random random, boolean always) {
        if (!always && random.nextInt(3) == 0) {
            return null;
        }
        return new DimensionRating(1 + random.nextInt(13) / 2.0, 1 + random.nextInt(13) / 2.0);
    }

    private static InteractionRecorded interaction(Random random, String branch, Instant at) {
        boolean answered = random.nextInt(10) < 8;
        boolean abandoned = !answered && random.nextBoolean();
        return new InteractionRecorded(
                UUID.randomUUID(),
                TENANT,
                branch,
                at,
                1,
                Channel.values()[random.nextInt(Channel.values().length)],
                "a-1",
                at.minusSeconds(30),
                answered,
                abandoned,
                random.nextInt(400),
                answered ? random.nextInt(900) : null,
                random.nextBoolean(),
                random.nextBoolean(),
                null,
                null);
    }

    private static ComplaintChanged complaint(Random random, String branch, Instant at) {
        ComplaintEventType type = ComplaintEventType.values()[random.nextInt(ComplaintEventType.values().length)];
        return new ComplaintChanged(
                UUID.randomUUID(),
                TENANT,
                branch,
                at,
                1,
                "c-1",
                branch + "-202611-1",
                type,
                channelOrNone(random),
                random.nextBoolean() ? ComplaintCategory.QUALITY : ComplaintCategory.NON_QUALITY,
                "billing",
                Severity.values()[random.nextInt(4)],
                random.nextBoolean() ? "accounts" : "retail.north",
                at.plusSeconds(3600),
                at.plusSeconds(48 * 3600),
                null,
                null,
                null,
                "api",
                random.nextBoolean(),
                type == ComplaintEventType.RESOLVED ? (long) random.nextInt(5000) : null,
                null,
                null,
                null);
    }

    /** Feedback and complaints may leave their channel out (interactions always name it). */
    private static Channel channelOrNone(Random random) {
        int roll = random.nextInt(Channel.values().length + 1);
        return roll == Channel.values().length ? null : Channel.values()[roll];
    }

    private static Integer maybe(Random random, int min, int max) {
        return random.nextInt(4) == 0 ? null : min + random.nextInt(max - min + 1);
    }
}

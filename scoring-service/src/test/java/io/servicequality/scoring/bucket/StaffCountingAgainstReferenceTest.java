package io.servicequality.scoring.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.servicequality.contracts.BranchChanged;
import io.servicequality.contracts.BucketStatistics.CsatStatistics;
import io.servicequality.contracts.BucketStatistics.NpsStatistics;
import io.servicequality.contracts.Channel;
import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.ComplaintChanged.ComplaintCategory;
import io.servicequality.contracts.ComplaintChanged.ComplaintEventType;
import io.servicequality.contracts.ComplaintChanged.Severity;
import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.InteractionRecorded;
import io.servicequality.contracts.PlatformEvent;
import io.servicequality.contracts.StaffMetricUpdated;
import io.servicequality.contracts.StaffStatistics;
import io.servicequality.contracts.StaffStatistics.AgentStatistics;
import io.servicequality.contracts.StaffStatistics.HandlerStatistics;
import io.servicequality.contracts.Topics;
import io.servicequality.security.TenantGate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.JacksonMapperUtils;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The staff buckets of the counting topology ({@link TopologyTestDriver}) against a plain computation over the raw
 * events: for random logs — several agents and handlers, copies of events further down the log, feedback logged before
 * or after the interaction it names (or naming none, an unknown one, or another branch's), complaint steps with and
 * without an assignee, some events past the allowed lateness, branches in two time zones — every staff day in the
 * store, and the last {@link StaffMetricUpdated} published for it, equal the reference; a rebuild gives the same
 * statistics under higher revisions.
 */
class StaffCountingAgainstReferenceTest {

    private static final String TENANT = "acme-bank";
    private static final List<String> BRANCHES = List.of("B1", "B2");
    private static final ZoneId B2_ZONE = ZoneId.of("Asia/Shanghai");
    private static final List<String> STAFF = List.of("a-1", "a-2", "a-3");
    private static final Instant START = Instant.parse("2026-11-20T00:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Logged(Instant loggedAt, PlatformEvent event) {}

    record Counted(Map<String, StaffState> stored, Map<String, StaffMetricUpdated> published) {}

    // each try runs the topology twice over up to ~140 records (~20 s a try on a loaded 2-core machine)
    @Property(tries = 8)
    void staffDaysEqualThePlainComputationOverTheDistinctEvents(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        List<PlatformEvent> distinct = randomEvents(random);
        List<Logged> log = logOf(distinct, random);

        Counted first = count(log, 0);

        Map<String, StaffStatistics> expected = reference(distinct);
        assertThat(first.stored().keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((id, statistics) ->
                assertThat(first.stored().get(id).statistics()).as(id).isEqualTo(statistics));
        assertThat(first.published().keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        first.stored().forEach((id, state) -> {
            assertThat(first.published().get(id).statistics())
                    .as("published " + id)
                    .isEqualTo(state.statistics());
            assertThat(first.published().get(id).revision())
                    .as("revision of " + id)
                    .isEqualTo(state.applied());
        });

        Counted rebuilt = count(log, 1);
        assertThat(rebuilt.stored().keySet()).isEqualTo(first.stored().keySet());
        first.stored().forEach((id, state) -> {
            assertThat(rebuilt.stored().get(id).statistics())
                    .as("rebuilt " + id)
                    .isEqualTo(state.statistics());
            assertThat(rebuilt.published().get(id).revision())
                    .isGreaterThan(first.published().get(id).revision());
        });
    }

    @Test
    void feedbackLoggedBeyondTheLinkHorizonOfItsInteractionIsNotAttributed() throws Exception {
        InteractionRecorded interaction = interaction("B1", START, "a-1", true, 100, true, false);
        FeedbackSubmitted soon =
                feedback("B1", START.plusSeconds(600), interaction.eventId().toString(), 5, 10);
        FeedbackSubmitted tooLate = feedback(
                "B1", START.plus(Duration.ofDays(9)), interaction.eventId().toString(), 1, 0);
        Counted counted = count(
                List.of(
                        new Logged(START.plusSeconds(1), interaction),
                        new Logged(START.plusSeconds(601), soon),
                        new Logged(START.plus(Duration.ofDays(9)).plusSeconds(1), tooLate)),
                0);

        StaffStatistics day =
                counted.stored().get(id("B1", "a-1", START, ZoneOffset.UTC)).statistics();
        assertThat(day.linkedFeedback()).isEqualTo(1);
        assertThat(day.csat()).isEqualTo(new CsatStatistics(1, 1, 5, 25));
        assertThat(counted.stored().keySet())
                .as("nothing counted for the feedback past the horizon")
                .containsExactly(id("B1", "a-1", START, ZoneOffset.UTC));
    }

    @Test
    void feedbackWaitingForItsInteractionIsAttributedOnceWhenTheInteractionArrives() throws Exception {
        InteractionRecorded interaction = interaction("B1", START, "a-2", true, 200, false, true);
        FeedbackSubmitted early =
                feedback("B1", START.plusSeconds(60), interaction.eventId().toString(), 2, 3);
        Counted counted = count(
                List.of(
                        new Logged(START.plusSeconds(61), early),
                        new Logged(START.plusSeconds(62), early),
                        new Logged(START.plusSeconds(3600), interaction),
                        new Logged(START.plusSeconds(3601), interaction)),
                0);

        StaffStatistics day =
                counted.stored().get(id("B1", "a-2", START, ZoneOffset.UTC)).statistics();
        assertThat(day.linkedFeedback()).isEqualTo(1);
        assertThat(day.nps()).isEqualTo(new NpsStatistics(1, 0, 0, 1));
        assertThat(day.interactions().offered()).isEqualTo(1);
        assertThat(day.interactions().handledWithinStandard())
                .as("200 s complex: within 300 s")
                .isEqualTo(1);
        assertThat(day.interactions().handledWithin180Seconds()).isZero();
    }

    private static Counted count(List<Logged> log, int generation) throws Exception {
        Path state = Files.createTempDirectory("staff-counting-test");
        try {
            return countIn(state, log, generation);
        } finally {
            FileSystemUtils.deleteRecursively(state);
        }
    }

    private static Counted countIn(Path state, List<Logged> log, int generation) throws Exception {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "staff-counting-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        CountingRules rules = TestEvents.countingRules(Duration.ofHours(48), generation);
        StreamsBuilder builder = new StreamsBuilder();
        CountingTopology.addTo(
                builder,
                rules,
                new TenantGate(Set.of(TENANT), new SimpleMeterRegistry()),
                JacksonMapperUtils.enhancedJsonMapper());
        Random pauses = new Random(log.size());
        try (var driver = new TopologyTestDriver(builder.build(), config, START)) {
            driver.createInputTopic(Topics.BRANCH_DIRECTORY, new StringSerializer(), new StringSerializer())
                    .pipeInput(
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
            TestOutputTopic<String, String> updates = driver.createOutputTopic(
                    Topics.STAFF_METRIC_UPDATED, new StringDeserializer(), new StringDeserializer());
            Map<String, StaffMetricUpdated> published = new HashMap<>();
            for (Logged record : log) {
                inputs.get(CountingAgainstReferenceTest.sourceOf(record.event()))
                        .pipeInput(
                                record.event().recordKey(), JSON.writeValueAsString(record.event()), record.loggedAt());
                if (pauses.nextInt(5) == 0) {
                    driver.advanceWallClockTime(rules.emitInterval());
                    collect(updates, published);
                }
            }
            driver.advanceWallClockTime(rules.emitInterval());
            collect(updates, published);

            Map<String, StaffState> stored = new HashMap<>();
            WindowStore<String, StaffState> store = driver.getWindowStore(CountingTopology.STAFF_DAY_BUCKETS);
            try (KeyValueIterator<Windowed<String>, StaffState> all = store.all()) {
                while (all.hasNext()) {
                    KeyValue<Windowed<String>, StaffState> day = all.next();
                    StaffDay staffDay =
                            StaffDay.ofStoreKey(day.key.key(), day.key.window().startTime());
                    stored.put(idOf(staffDay.branchId(), staffDay.staffId(), staffDay.start()), day.value);
                }
            }
            return new Counted(stored, published);
        }
    }

    private static void collect(TestOutputTopic<String, String> updates, Map<String, StaffMetricUpdated> published) {
        for (String value : updates.readValuesToList()) {
            StaffMetricUpdated update = JSON.readValue(value, StaffMetricUpdated.class);
            String id = idOf(update.branchId(), update.staffId(), update.dayStart());
            StaffMetricUpdated before = published.get(id);
            assertThat(before == null || before.revision() < update.revision())
                    .as("revisions of " + id + " increase")
                    .isTrue();
            published.put(id, update);
        }
    }

    /**
     * The plain computation from the raw fields: each distinct event once; an interaction to its agent's local day; a
     * feedback to the local day of its own time for the agent of the interaction of its branch whose event id it
     * names; a complaint step to its assignee.
     */
    private static Map<String, StaffStatistics> reference(List<PlatformEvent> distinct) {
        Map<String, InteractionRecorded> interactions = new HashMap<>();
        for (PlatformEvent event : distinct) {
            if (event instanceof InteractionRecorded i) {
                interactions.put(i.branchId() + "|" + i.eventId(), i);
            }
        }
        Map<String, StaffStatistics> expected = new LinkedHashMap<>();
        for (PlatformEvent event : distinct) {
            if (event instanceof InteractionRecorded i && i.agentId() != null) {
                boolean answered = i.answered();
                double handle = answered && i.handleSeconds() != null ? i.handleSeconds() : 0;
                boolean complex = answered && i.complex();
                var agent = new AgentStatistics(
                        1,
                        answered ? 1 : 0,
                        i.abandoned() ? 1 : 0,
                        answered && i.resolvedFirstContact() ? 1 : 0,
                        handle,
                        handle * handle,
                        complex ? 1 : 0,
                        complex ? handle : 0,
                        answered && handle <= 180 ? 1 : 0,
                        answered && handle <= 300 ? 1 : 0,
                        answered && handle <= (complex ? 300 : 180) ? 1 : 0);
                add(expected, i, i.agentId(), i.occurredAt(), new StaffStatistics(agent, null, null, 0, null));
            } else if (event instanceof FeedbackSubmitted f && f.interactionId() != null) {
                InteractionRecorded named = interactions.get(f.branchId() + "|" + f.interactionId());
                if (named == null || named.agentId() == null) {
                    continue;
                }
                Integer csat = f.csat();
                Integer nps = f.nps();
                var statistics = new StaffStatistics(
                        null,
                        csat == null ? null : new CsatStatistics(1, csat >= 4 ? 1 : 0, csat, (long) csat * csat),
                        nps == null
                                ? null
                                : new NpsStatistics(
                                        1, nps >= 9 ? 1 : 0, nps == 7 || nps == 8 ? 1 : 0, nps <= 6 ? 1 : 0),
                        1,
                        null);
                add(expected, f, named.agentId(), f.occurredAt(), statistics);
            } else if (event instanceof ComplaintChanged c && c.assignee() != null) {
                long within = Boolean.TRUE.equals(c.withinTarget()) ? 1 : 0;
                HandlerStatistics handler = switch (c.type()) {
                    case ACKNOWLEDGED -> new HandlerStatistics(1, within, 0, 0, 0);
                    case RESOLVED -> new HandlerStatistics(0, 0, 1, within, 0);
                    case REOPENED -> new HandlerStatistics(0, 0, 0, 0, 1);
                    default -> null;
                };
                if (handler != null) {
                    add(expected, c, c.assignee(), c.occurredAt(), new StaffStatistics(null, null, null, 0, handler));
                }
            }
        }
        return expected;
    }

    private static void add(
            Map<String, StaffStatistics> expected,
            PlatformEvent event,
            String staffId,
            Instant at,
            StaffStatistics statistics) {
        ZoneId zone = "B2".equals(event.branchId()) ? B2_ZONE : ZoneOffset.UTC;
        expected.merge(id(event.branchId(), staffId, at, zone), statistics, StaffStatistics::plus);
    }

    private static String id(String branchId, String staffId, Instant at, ZoneId zone) {
        return idOf(
                branchId,
                staffId,
                at.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant());
    }

    private static String idOf(String branchId, String staffId, Instant dayStart) {
        return branchId + "/" + staffId + "/" + dayStart;
    }

    /**
     * Every event logged a little after it happened (hours later for some, past the allowed lateness for a few), in
     * random order, so feedback often reaches the log before the interaction it names; some events again further
     * down.
     */
    private static List<Logged> logOf(List<PlatformEvent> events, Random random) {
        Map<UUID, Instant> loggedAt = new HashMap<>();
        List<Logged> log = new ArrayList<>();
        for (PlatformEvent event : events) {
            Instant at = event.occurredAt().plus(CountingAgainstReferenceTest.delay(random));
            loggedAt.put(event.eventId(), at);
            log.add(new Logged(at, event));
        }
        Collections.shuffle(log, random);
        List<Logged> withCopies = new ArrayList<>(log);
        Set<UUID> copied = new HashSet<>();
        for (Logged record : log) {
            if (random.nextDouble() < 0.15 && copied.add(record.event().eventId())) {
                int after = withCopies.indexOf(record) + 1;
                withCopies.add(
                        after + random.nextInt(withCopies.size() - after + 1),
                        new Logged(loggedAt.get(record.event().eventId()).plusSeconds(5), record.event()));
            }
        }
        return withCopies;
    }

    private static List<PlatformEvent> randomEvents(Random random) {
        int count = 1 + random.nextInt(100);
        List<PlatformEvent> events = new ArrayList<>();
        List<InteractionRecorded> interactions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String branch = BRANCHES.get(random.nextInt(BRANCHES.size()));
            Instant at = START.plusSeconds(random.nextInt(3 * 24 * 3600)).plusMillis(random.nextInt(1000));
            switch (random.nextInt(3)) {
                case 0 -> {
                    boolean answered = random.nextInt(10) < 8;
                    String agent = random.nextInt(10) == 0 ? null : STAFF.get(random.nextInt(STAFF.size()));
                    InteractionRecorded interaction = interaction(
                            branch,
                            at,
                            agent,
                            answered,
                            answered ? random.nextInt(600) : null,
                            random.nextBoolean(),
                            random.nextBoolean());
                    interactions.add(interaction);
                    events.add(interaction);
                }
                case 1 -> events.add(feedback(branch, at, interactionIdFor(random, branch, interactions), random));
                default -> events.add(complaint(random, branch, at));
            }
        }
        // feedback about interactions recorded later in the list (so often logged first)
        for (int i = 0; i < count / 5 && !interactions.isEmpty(); i++) {
            InteractionRecorded named = interactions.get(random.nextInt(interactions.size()));
            events.add(feedback(
                    named.branchId(),
                    named.occurredAt().plusSeconds(random.nextInt(3600)),
                    named.eventId().toString(),
                    random));
        }
        return events;
    }

    /** An interaction of this branch, another branch's, an unknown one, something that is no event id, or none. */
    private static String interactionIdFor(Random random, String branch, List<InteractionRecorded> interactions) {
        int roll = random.nextInt(10);
        if (roll < 5 && !interactions.isEmpty()) {
            return interactions
                    .get(random.nextInt(interactions.size()))
                    .eventId()
                    .toString();
        }
        return switch (roll) {
            case 5 -> UUID.randomUUID().toString();
            case 6 -> "i-20261120-0042";
            default -> null;
        };
    }

    private static InteractionRecorded interaction(
            String branch,
            Instant at,
            String agentId,
            boolean answered,
            Integer handleSeconds,
            boolean resolvedFirstContact,
            boolean complex) {
        return new InteractionRecorded(
                UUID.randomUUID(),
                TENANT,
                branch,
                at,
                1,
                Channel.PHONE,
                agentId,
                at.minusSeconds(30),
                answered,
                !answered,
                10,
                handleSeconds,
                resolvedFirstContact,
                complex,
                null,
                null);
    }

    private static FeedbackSubmitted feedback(String branch, Instant at, String interactionId, Random random) {
        return feedback(
                branch,
                at,
                interactionId,
                random.nextInt(4) == 0 ? null : 1 + random.nextInt(5),
                random.nextInt(4) == 0 ? null : random.nextInt(11));
    }

    private static FeedbackSubmitted feedback(
            String branch, Instant at, String interactionId, Integer csat, Integer nps) {
        return new FeedbackSubmitted(
                UUID.randomUUID(),
                TENANT,
                branch,
                at,
                1,
                at,
                Channel.PHONE,
                null,
                null,
                csat,
                nps,
                null,
                null,
                "c-1",
                interactionId,
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
                Channel.PHONE,
                ComplaintCategory.QUALITY,
                "billing",
                Severity.MEDIUM,
                "accounts",
                at.plusSeconds(3600),
                at.plusSeconds(48 * 3600),
                null,
                null,
                null,
                "api",
                random.nextBoolean(),
                type == ComplaintEventType.RESOLVED ? 60L : null,
                null,
                null,
                random.nextInt(4) == 0 ? null : STAFF.get(random.nextInt(STAFF.size())));
    }
}

package io.servicequality.scoring.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
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
import io.servicequality.contracts.PlatformEvent;
import io.servicequality.contracts.ServqualRatings;
import io.servicequality.embeddedstore.EmbeddedStore;
import java.time.Clock;
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
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The exactly-once property, against the store: for random event sets — duplicates at other offsets, out of event-time
 * order, some past the allowed lateness — delivered in random batches by a consumer that crashes at random instants
 * (after some buckets of a batch were written but before the offsets were committed, after the ledger step, after a
 * whole batch) and is finally replayed from the start, and whose batches go to either of two instances with bucket
 * caches of their own, the stored buckets equal a plain computation over the distinct raw events.
 */
class ExactlyOnceAgainstReferenceIT {

    private static final String TENANT = "acme-bank";
    private static final List<String> BRANCHES = List.of("B1", "B2");
    /** B2's local day is Shanghai's; B1 has no directory entry and counts in UTC. */
    private static final ZoneId B2_ZONE = ZoneId.of("Asia/Shanghai");

    private static final Instant START = Instant.parse("2026-11-20T00:00:00Z");
    private static final Duration ALLOWED_LATENESS = Duration.ofHours(48);

    private static EmbeddedStore store;
    private static MongoClient client;

    @BeforeContainer
    static void startStore() {
        store = EmbeddedStore.inMemory();
        client = MongoClients.create(store.connectionString());
    }

    @AfterContainer
    static void stopStore() {
        client.close();
        store.close();
    }

    /** A record in the simulated log of one topic partition. */
    record LogRecord(Source source, int partition, long offset, Instant loggedAt, PlatformEvent event) {}

    static final class SimulatedCrash extends RuntimeException {}

    @Property(tries = 25)
    void storedBucketsEqualThePlainComputationOverTheDistinctEvents(@ForAll long seed) {
        Random random = new Random(seed);
        MongoTemplate mongo = new MongoTemplate(client, "exactly-once-" + UUID.randomUUID());
        Clock clock = Clock.systemUTC();
        double crashRate = random.nextDouble() * 0.3;
        // two instances, each with its own bucket cache, share the store; batches go to either (a rebalance at every
        // batch), so each one's cache is often stale: the revision guard must make that harmless
        List<Buckets> instances = new ArrayList<>();
        for (int instance = 0; instance < 2; instance++) {
            instances.add(new Buckets(mongo, clock, new DirtyBuckets(), new BucketCache(1000)) {
                @Override
                Set<String> write(List<GuardedUpdate> updates) {
                    Set<String> collided = super.write(updates);
                    if (random.nextDouble() < crashRate) {
                        throw new SimulatedCrash(); // this granularity's buckets are written, the rest of the batch not
                    }
                    return collided;
                }
            });
        }
        var ledger = new EventLedger(mongo, clock) {
            @Override
            Set<SourcePosition> claimFirstOccurrences(List<Claim> claims) {
                Set<SourcePosition> first = super.claimFirstOccurrences(claims);
                if (random.nextDouble() < crashRate / 3) {
                    throw new SimulatedCrash();
                }
                return first;
            }
        };
        var directory = new BranchDirectory(mongo);
        directory.update(new BranchChanged(
                UUID.randomUUID(), TENANT, "B2", START, 1, "B2", "Branch 2", "east", B2_ZONE.getId(), false));
        List<BucketScoring> scoring = instances.stream()
                .map(buckets ->
                        new BucketScoring(ledger, buckets, directory, new ScoringProperties(20, ALLOWED_LATENESS)))
                .toList();

        List<PlatformEvent> distinct = randomEvents(random);
        Map<Source, List<List<LogRecord>>> log = logOf(distinct, random);

        consume(scoring, log, random, Map.of());
        // an operator resets the consumer group to the beginning: the replay must change nothing
        consume(scoring, log, random, Map.of());

        Map<String, BucketStatistics> expected = reference(distinct, log);
        Map<String, Bucket> stored =
                mongo.findAll(Bucket.class).stream().collect(Collectors.toMap(Bucket::id, Function.identity()));
        assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((id, statistics) ->
                assertThat(stored.get(id).statistics()).as(id).isEqualTo(statistics));
        assertThat(stored.values().stream()
                        .filter(bucket -> bucket.granularity() == Granularity.HOUR)
                        .mapToLong(Bucket::lateEvents)
                        .sum())
                .as("late events counted")
                .isEqualTo(lateDistinctEvents(distinct, log));
        assertHeadlineCountsFromTheRawEvents(distinct, stored.values());
    }

    /**
     * Reads every partition to its end in random batches (a batch holds records of one topic, from any of its
     * partitions, each partition in offset order), committing after a batch unless the batch crashed or the process
     * "died" before the commit; a crash redelivers from the last commit, with different batch boundaries.
     */
    private static void consume(
            List<BucketScoring> instances,
            Map<Source, List<List<LogRecord>>> log,
            Random random,
            Map<String, Long> unused) {
        Map<String, Integer> committed = new HashMap<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (var topic : log.entrySet()) {
                List<List<LogRecord>> partitions = topic.getValue();
                List<LogRecord> batch = new ArrayList<>();
                Map<String, Integer> next = new HashMap<>();
                for (int partition = 0; partition < partitions.size(); partition++) {
                    String key = topic.getKey() + "-" + partition;
                    int from = committed.getOrDefault(key, 0);
                    int to = Math.min(partitions.get(partition).size(), from + 1 + random.nextInt(12));
                    batch.addAll(partitions.get(partition).subList(from, to));
                    next.put(key, to);
                }
                if (batch.isEmpty()) {
                    continue;
                }
                progress = true;
                try {
                    BucketScoring scoring = instances.get(random.nextInt(instances.size()));
                    scoring.recordAll(batch.stream()
                            .map(ExactlyOnceAgainstReferenceIT::counted)
                            .toList());
                    if (random.nextDouble() < 0.9) {
                        committed.putAll(next);
                    }
                } catch (SimulatedCrash crash) {
                    // offsets not committed: the records are delivered again
                }
            }
        }
    }

    private static CountedRecord counted(LogRecord record) {
        PlatformEvent event = record.event();
        Contribution contribution;
        if (event instanceof FeedbackSubmitted feedback) {
            contribution = Contribution.of(feedback);
        } else if (event instanceof InteractionRecorded interaction) {
            contribution = Contribution.of(interaction, 20);
        } else {
            contribution = Contribution.of((ComplaintChanged) event).orElse(null);
        }
        return new CountedRecord(
                new SourcePosition(record.source(), record.partition(), record.offset()),
                record.loggedAt(),
                event.eventId(),
                contribution);
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
            CountedRecord record =
                    counted(new LogRecord(Source.FEEDBACK, 0, 0, firstLoggedAt.get(event.eventId()), event));
            if (!record.counts()) {
                continue;
            }
            Instant at = event.occurredAt();
            ZoneId zone = "B2".equals(event.branchId()) ? B2_ZONE : ZoneOffset.UTC;
            List<String> ids = new ArrayList<>();
            if (Duration.between(at, record.loggedAt()).compareTo(ALLOWED_LATENESS) <= 0) {
                ids.add(id(event, Granularity.MINUTE, at.truncatedTo(ChronoUnit.MINUTES)));
            }
            ids.add(id(event, Granularity.HOUR, at.truncatedTo(ChronoUnit.HOURS)));
            ids.add(id(
                    event,
                    Granularity.DAY,
                    at.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant()));
            for (String id : ids) {
                expected.merge(id, record.contribution().statistics(), BucketStatistics::plus);
            }
        }
        return expected;
    }

    private static long lateDistinctEvents(List<PlatformEvent> distinct, Map<Source, List<List<LogRecord>>> log) {
        Map<UUID, Instant> firstLoggedAt = firstLoggedAt(log);
        return distinct.stream()
                .filter(event -> counted(new LogRecord(Source.FEEDBACK, 0, 0, START, event))
                        .counts())
                .filter(event -> Duration.between(event.occurredAt(), firstLoggedAt.get(event.eventId()))
                                .compareTo(ALLOWED_LATENESS)
                        > 0)
                .count();
    }

    /** Counted straight from the raw fields, without the code under test's mapping. */
    private static void assertHeadlineCountsFromTheRawEvents(List<PlatformEvent> distinct, Iterable<Bucket> stored) {
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
        for (Bucket bucket : stored) {
            if (bucket.granularity() == Granularity.DAY) {
                allDays = allDays.plus(bucket.statistics());
            }
        }
        assertThat(allDays.feedbackCount()).isEqualTo(feedback);
        assertThat(allDays.csat().satisfied()).isEqualTo(satisfied);
        assertThat(allDays.interactions().offered()).isEqualTo(offered);
        assertThat(allDays.interactions().answeredWithinServiceLevel()).isEqualTo(answeredWithinServiceLevel);
        assertThat(allDays.complaints().opened()).isEqualTo(opened);
    }

    private static Map<UUID, Instant> firstLoggedAt(Map<Source, List<List<LogRecord>>> log) {
        Map<UUID, Instant> first = new HashMap<>();
        log.values()
                .forEach(partitions -> partitions.forEach(records -> records.forEach(
                        record -> first.putIfAbsent(record.event().eventId(), record.loggedAt()))));
        return first;
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

    private static Duration delay(Random random) {
        double roll = random.nextDouble();
        if (roll < 0.8) {
            return Duration.ofSeconds(random.nextInt(120));
        }
        if (roll < 0.93) {
            return Duration.ofMinutes(60 + random.nextInt(40 * 60));
        }
        return Duration.ofHours(49 + random.nextInt(60));
    }

    private static Source sourceOf(PlatformEvent event) {
        if (event instanceof FeedbackSubmitted) {
            return Source.FEEDBACK;
        }
        return event instanceof InteractionRecorded ? Source.INTERACTION : Source.COMPLAINT;
    }

    private static List<PlatformEvent> randomEvents(Random random) {
        int count = 1 + random.nextInt(80);
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
                Channel.COUNTER,
                servqual,
                importance,
                maybe(random, 1, 5),
                maybe(random, 0, 10),
                maybe(random, 1, 7),
                null,
                "c-1",
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
                Channel.PHONE,
                "a-1",
                at.minusSeconds(30),
                answered,
                abandoned,
                random.nextInt(400),
                answered ? random.nextInt(900) : null,
                random.nextBoolean(),
                random.nextBoolean());
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
                null);
    }

    private static Integer maybe(Random random, int min, int max) {
        return random.nextInt(4) == 0 ? null : min + random.nextInt(max - min + 1);
    }
}

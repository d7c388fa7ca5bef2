package io.servicequality.benchmark;

import io.servicequality.contracts.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./platform check-counts}: the exactly-once check against the running local stack. Registers branches in two
 * time zones, posts feedback and interactions through feedback-service's API — in batches and one by one, in random
 * time order, a share re-posted with the same {@code eventId} (as a client retrying would), some older than scoring's
 * allowed lateness — then reads every hour and local-day bucket of those branches from scoring-service and compares
 * it with a plain computation over the distinct events written here, independent of the platform's code. Exits 1 on
 * any difference. Options in {@link #USAGE}.
 */
public final class CountCheck {

    static final String USAGE = """
            ./platform check-counts [options]: post events with duplicates, out of order and late through the API of
            the running local stack and compare every counted bucket with a reference computation
            --events 20000        distinct events (feedback and interactions, half each)
            --branches 20         branches, half in Asia/Shanghai and half in America/New_York
            --duplicates 10       percent of posts that re-send an earlier event (same eventId)
            --late 3              percent of events older than scoring's allowed lateness (48 h): no minute bucket
            --batch-size 50       events per batch post; every tenth post is a single one
            --seed 1
            --timeout-seconds 300 how long to wait for every event to be counted
            --kill NAME           SIGKILL this process of ./platform up (e.g. scoring-service, kafka-2 with --cluster)
                                  once --kill-at percent of the posts are accepted; the platform starts it again
            --kill-at 50
            --freeze NAME         SIGSTOP this process once --freeze-at percent of the posts are accepted, SIGCONT
                                  after --freeze-seconds (the posts go on meanwhile)
            --freeze-at 30
            --freeze-seconds 30
            --complaints 0        complaint openings spread over the run (their counts are checked too)
            --live true           also follow every reporting instance's live stream and require the hour buckets it
                                  shows to equal the reference (an instance that restarted is checked by its read model)
            With ./platform up --cluster the posts go to both instances of feedback- and complaint-service in turn
            (the other one when one does not answer) and every reporting instance's live stream is followed.
            """;

    private static final String[] ZONES = {"Asia/Shanghai", "America/New_York"};
    private static final Duration LATE = Duration.ofHours(72);
    private static final Duration HISTORY = Duration.ofHours(30);
    /** How long a post is retried (with the same eventIds) before the check gives up. */
    private static final Duration RETRY_FOR = Duration.ofMinutes(3);

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = LocalStack.httpClient();

    /** What the reference counts per bucket: a few sums of each kind, straight from the posted fields. */
    record Expected(
            long feedbackCount,
            long csatN,
            long csatSum,
            long npsPromoters,
            long npsDetractors,
            long offered,
            long answered,
            long resolvedFirstContact,
            long handleSecondsSum,
            long lateEvents) {

        static final Expected NONE = new Expected(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        Expected plus(Expected other) {
            return new Expected(
                    feedbackCount + other.feedbackCount,
                    csatN + other.csatN,
                    csatSum + other.csatSum,
                    npsPromoters + other.npsPromoters,
                    npsDetractors + other.npsDetractors,
                    offered + other.offered,
                    answered + other.answered,
                    resolvedFirstContact + other.resolvedFirstContact,
                    handleSecondsSum + other.handleSecondsSum,
                    lateEvents + other.lateEvents);
        }

        static Expected of(JsonNode statistics, long lateEvents) {
            JsonNode interactions = statistics.path("interactions");
            return new Expected(
                    statistics.path("feedbackCount").asLong(),
                    statistics.path("csat").path("n").asLong(),
                    statistics.path("csat").path("sum").asLong(),
                    statistics.path("nps").path("promoters").asLong(),
                    statistics.path("nps").path("detractors").asLong(),
                    interactions.path("offered").asLong(),
                    interactions.path("answered").asLong(),
                    interactions.path("resolvedFirstContact").asLong(),
                    Math.round(interactions.path("handleSecondsSum").asDouble()),
                    lateEvents);
        }
    }

    private record Event(String kind, String branch, String body, Instant occurredAt, Expected contribution) {}

    /** What happens to one process during the run: SIGKILL, or SIGSTOP and SIGCONT {@code duration} later. */
    record Fault(String action, String victim, int atPercent, Duration duration) {

        static final Fault NONE = new Fault("none", "", 101, Duration.ZERO);

        String describe() {
            return switch (action) {
                case "kill" -> "SIGKILL " + victim + " at " + atPercent + " % of the posts";
                case "freeze" ->
                    "SIGSTOP " + victim + " at " + atPercent + " % of the posts, SIGCONT " + duration.toSeconds()
                            + " s later";
                case "partition" ->
                    "cut " + victim + " off the three brokers (packet filter) at " + atPercent + " % of the posts, for "
                            + duration.toSeconds() + " s";
                default -> "no fault";
            };
        }
    }

    /** What a run found, for a drill's row. */
    record Outcome(
            boolean exact,
            int distinctEvents,
            int posts,
            int retriedPosts,
            int buckets,
            int complaintsConfirmed,
            int complaintsUnknown,
            long complaintsCounted,
            List<String> liveStreams,
            Duration postingTook,
            Duration exactAfter,
            List<String> differences) {}

    /** Both instances of a service with {@code ./platform up --cluster} (the second on the first one's port + 100). */
    static List<String> instances(String firstUrl) {
        if (!clusterMode()) {
            return List.of(firstUrl);
        }
        int colon = firstUrl.lastIndexOf(':');
        int port = Integer.parseInt(firstUrl.substring(colon + 1));
        return List.of(firstUrl, firstUrl.substring(0, colon + 1) + (port + 100));
    }

    static boolean clusterMode() {
        return Files.exists(Path.of(LocalStack.env("PLATFORM_DATA_DIR", ".platform"), "cluster"));
    }

    private final List<String> feedbackUrls = instances(LocalStack.FEEDBACK_URL);
    private final List<String> complaintUrls = instances(LocalStack.COMPLAINT_URL);
    private int retriedPosts;
    private int complaintsConfirmed;
    private int complaintsUnknown;
    private final Map<String, Long> confirmedOpenings = new TreeMap<>();
    private long countedOpenings;

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args, USAGE);
        if (options == null) {
            return;
        }
        Fault fault = Fault.NONE;
        if (!options.get("kill", "").isBlank()) {
            fault = new Fault(
                    "kill", options.get("kill", ""), Integer.parseInt(options.get("kill-at", "50")), Duration.ZERO);
        } else if (!options.get("freeze", "").isBlank()) {
            fault = new Fault(
                    "freeze",
                    options.get("freeze", ""),
                    Integer.parseInt(options.get("freeze-at", "30")),
                    Duration.ofSeconds(Long.parseLong(options.get("freeze-seconds", "30"))));
        }
        Outcome outcome = new CountCheck()
                .run(
                        Integer.parseInt(options.get("events", "20000")),
                        Integer.parseInt(options.get("branches", "20")),
                        Integer.parseInt(options.get("duplicates", "10")),
                        Integer.parseInt(options.get("late", "3")),
                        Integer.parseInt(options.get("batch-size", "50")),
                        Long.parseLong(options.get("seed", "1")),
                        Duration.ofSeconds(Long.parseLong(options.get("timeout-seconds", "300"))),
                        fault,
                        Integer.parseInt(options.get("complaints", "0")),
                        Boolean.parseBoolean(options.get("live", "true")));
        System.exit(outcome.exact() ? 0 : 1);
    }

    Outcome run(
            int events,
            int branchCount,
            int duplicatePercent,
            int latePercent,
            int batchSize,
            long seed,
            Duration timeout,
            Fault fault,
            int complaints,
            boolean followLiveStreams)
            throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36).toUpperCase(Locale.ROOT);
        Map<String, ZoneId> branches = new TreeMap<>();
        for (int i = 0; i < branchCount; i++) {
            branches.put("CC-" + run + "-" + i, ZoneId.of(ZONES[i % ZONES.length]));
        }
        registerBranches(branches);
        List<LiveStreamWatch> watches = new ArrayList<>();
        if (followLiveStreams) {
            instances(LocalStack.REPORTING_URL)
                    .forEach(url -> watches.add(new LiveStreamWatch(url, "CC-" + run + "-")));
        }

        Instant now = Instant.now();
        List<Event> distinct = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            String branch = "CC-" + run + "-" + random.nextInt(branchCount);
            boolean late = random.nextInt(100) < latePercent;
            Instant at = late
                    ? now.minus(LATE).minusSeconds(random.nextLong(3600))
                    : now.minusSeconds(60 + random.nextLong(HISTORY.toSeconds()));
            distinct.add(i % 2 == 0 ? feedback(random, branch, at, late) : interaction(random, branch, at, late));
        }
        // random time order; a share posted again later (a client retrying with the same eventId)
        List<Event> posts = new ArrayList<>(distinct);
        for (int i = 0; i < events * duplicatePercent / 100; i++) {
            posts.add(distinct.get(random.nextInt(distinct.size())));
        }
        for (int i = posts.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Event swapped = posts.get(i);
            posts.set(i, posts.get(j));
            posts.set(j, swapped);
        }
        System.out.printf(
                Locale.ROOT,
                "%s; posting to %s%s%n",
                fault.describe(),
                String.join(" and ", feedbackUrls),
                followLiveStreams
                        ? "; following the live streams of " + String.join(" and ", instances(LocalStack.REPORTING_URL))
                        : "");
        Instant postStart = Instant.now();
        int posted;
        try {
            posted = post(posts, batchSize, fault, complaints, random, List.copyOf(branches.keySet()));
        } finally {
            FaultSchedule.resumeAll();
        }
        Instant postEnd = Instant.now();
        System.out.printf(
                Locale.ROOT,
                "posted %d events (%d distinct, %d re-posts, %d late) over %d branches in %.1f s (batches and single"
                        + " posts, one at a time); %d posts sent again after a 503, an UNAVAILABLE item or no answer;"
                        + " %d complaints opened (%d more of unknown outcome)%n",
                posted,
                distinct.size(),
                posts.size() - distinct.size(),
                distinct.stream().filter(e -> e.contribution().lateEvents() > 0).count(),
                branchCount,
                Duration.between(postStart, postEnd).toMillis() / 1000.0,
                retriedPosts,
                complaintsConfirmed,
                complaintsUnknown);

        Map<String, Expected> expected = reference(distinct, branches);
        Instant from = now.minus(LATE).minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        Instant to = now.plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        Instant deadline = Instant.now().plus(timeout);
        List<String> differences;
        while (true) {
            differences = compare(expected, branches.keySet(), from, to);
            if (differences.isEmpty()) {
                differences = compareLiveStreams(watches, expected);
            }
            if (differences.isEmpty()) {
                differences = compareReadModels(watches, expected, branches.keySet(), from, to);
            }
            if (differences.isEmpty() || Instant.now().isAfter(deadline)) {
                break;
            }
            Thread.sleep(2000); // polled: the counts have no notification, and the deadline bounds it
        }
        Duration exactAfter = Duration.between(postEnd, Instant.now());
        List<String> liveStreams = new ArrayList<>();
        for (LiveStreamWatch watch : watches) {
            liveStreams.add(watch.reportingUrl() + ": "
                    + (watch.resets() > 0
                            ? "reset after its restart (" + watch.reconnects()
                                    + " reconnection attempts): a dashboard reloads its view, and this instance's"
                                    + " scorecard of every branch equals the reference"
                            : "complete"
                                    + (watch.reconnects() > 0
                                            ? " (" + watch.reconnects() + " reconnections resumed)"
                                            : "")));
            watch.close();
        }
        liveStreams.forEach(line -> System.out.println("live stream " + line));
        Outcome outcome = new Outcome(
                differences.isEmpty(),
                distinct.size(),
                posted,
                retriedPosts,
                expected.size(),
                complaintsConfirmed,
                complaintsUnknown,
                countedOpenings,
                liveStreams,
                Duration.between(postStart, postEnd),
                exactAfter,
                differences);
        if (outcome.exact()) {
            System.out.printf(
                    Locale.ROOT,
                    "exact: all %d hour and local-day buckets of %d branches equal the reference%s (checked %.1f s"
                            + " after the last post)%n",
                    expected.size(),
                    branchCount,
                    complaints == 0
                            ? ""
                            : complaintsUnknown == 0
                                    ? ", and so do the complaint openings"
                                    : ", every confirmed complaint opening is counted once (" + countedOpenings
                                            + " counted: " + complaintsConfirmed + " confirmed, "
                                            + (countedOpenings - complaintsConfirmed) + " of the " + complaintsUnknown
                                            + " unanswered)",
                    exactAfter.toMillis() / 1000.0);
        } else {
            System.out.printf("NOT exact after %d s: %d differences%n", timeout.toSeconds(), differences.size());
            differences.stream().limit(20).forEach(System.out::println);
        }
        return outcome;
    }

    /**
     * An instance whose stream was reset (it restarted) is checked as a dashboard then reloads: its scorecard of every
     * branch over the whole period must hold every distinct event once (feedback, interactions offered and answered).
     */
    private List<String> compareReadModels(
            List<LiveStreamWatch> watches,
            Map<String, Expected> expected,
            Iterable<String> branches,
            Instant from,
            Instant to)
            throws Exception {
        List<String> differences = new ArrayList<>();
        for (LiveStreamWatch watch : watches) {
            if (watch.resets() == 0) {
                continue;
            }
            for (String branch : branches) {
                Expected total = expected.entrySet().stream()
                        .filter(bucket -> bucket.getKey().startsWith(branch + "|HOUR|"))
                        .map(Map.Entry::getValue)
                        .reduce(Expected.NONE, Expected::plus);
                HttpResponse<String> response;
                try {
                    response = send(
                            "GET",
                            watch.reportingUrl() + "/api/v1/reports/scorecard?branchId=" + branch + "&from=" + from
                                    + "&to=" + to,
                            null);
                } catch (java.io.IOException unreachable) {
                    return List.of(watch.reportingUrl() + " unreachable (restarting?): " + unreachable);
                }
                if (response.statusCode() != 200) {
                    return List.of(
                            watch.reportingUrl() + " answered " + response.statusCode() + ": " + response.body());
                }
                JsonNode scorecard = json.readTree(response.body());
                long feedback = scorecard.path("feedback").path("n").asLong();
                long offered = scorecard.path("interactions").path("offered").asLong();
                long answered = scorecard.path("interactions").path("answered").asLong();
                if (feedback != total.feedbackCount() || offered != total.offered() || answered != total.answered()) {
                    differences.add("read model of " + watch.reportingUrl() + " " + branch + ": feedback " + feedback
                            + ", offered " + offered + ", answered " + answered + "; expected " + total.feedbackCount()
                            + ", " + total.offered() + ", " + total.answered());
                }
            }
        }
        return differences;
    }

    /**
     * The hour buckets each live stream showed last must equal the reference (feedback count; complaint openings
     * where they are known) — except on an instance that restarted: it sent a reset and a dashboard reloads its view.
     */
    private List<String> compareLiveStreams(List<LiveStreamWatch> watches, Map<String, Expected> expected) {
        List<String> differences = new ArrayList<>();
        for (LiveStreamWatch watch : watches) {
            if (watch.resets() > 0) {
                continue;
            }
            Map<String, LiveStreamWatch.Shown> shown = watch.shown();
            for (var bucket : expected.entrySet()) {
                if (!bucket.getKey().contains("|HOUR|") || bucket.getValue().feedbackCount() == 0) {
                    continue;
                }
                LiveStreamWatch.Shown last = shown.get(bucket.getKey());
                long showed = last == null ? 0 : last.feedbackCount();
                if (showed != bucket.getValue().feedbackCount()) {
                    differences.add(
                            "live stream of " + watch.reportingUrl() + " " + bucket.getKey() + ": shows " + showed
                                    + " feedback, expected " + bucket.getValue().feedbackCount());
                }
            }
            if (complaintsUnknown == 0) {
                Map<String, Long> opened = new TreeMap<>();
                shown.forEach((key, value) ->
                        opened.merge(key.substring(0, key.indexOf('|')), value.complaintsOpened(), Long::sum));
                confirmedOpenings.forEach((branch, count) -> {
                    if (opened.getOrDefault(branch, 0L) != count) {
                        differences.add("live stream of " + watch.reportingUrl() + " " + branch + ": shows "
                                + opened.getOrDefault(branch, 0L) + " complaints opened, expected " + count);
                    }
                });
            }
        }
        return differences;
    }

    private void registerBranches(Map<String, ZoneId> branches) throws Exception {
        for (var branch : branches.entrySet()) {
            HttpResponse<String> response = send(
                    "POST",
                    LocalStack.REPORTING_URL + "/api/v1/branches",
                    "{\"branchId\":\"%s\",\"code\":\"%s\",\"name\":\"Count check %s\",\"regionId\":\"count-check\","
                                    .formatted(branch.getKey(), branch.getKey(), branch.getKey())
                            + "\"timeZone\":\"%s\"}".formatted(branch.getValue()));
            if (response.statusCode() != 201) {
                throw new IllegalStateException("could not register " + branch.getKey() + ": " + response.body());
            }
        }
        awaitDirectoryEntries(branches.keySet());
    }

    /**
     * Waits until reporting-service has published every registered branch to the branch directory topic, which
     * scoring reads continuously as a global table for the branches' time zones. An event counted before scoring has
     * read its branch's entry would be counted in UTC days, and the comparison would say so.
     */
    private static void awaitDirectoryEntries(java.util.Set<String> branches) {
        java.util.Set<String> missing = new java.util.HashSet<>(branches);
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(1));
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        "localhost:" + LocalStack.env("KAFKA_PORT", "9092"),
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.BRANCH_DIRECTORY).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!missing.isEmpty()) {
                if (Instant.now().isAfter(giveUp)) {
                    throw new IllegalStateException("not in the branch directory after a minute: " + missing);
                }
                consumer.poll(Duration.ofMillis(500))
                        .forEach(entry ->
                                missing.remove(entry.key().substring(entry.key().indexOf(':') + 1)));
            }
        }
    }

    private Event feedback(SplittableRandom random, String branch, Instant at, boolean late) {
        int csat = 1 + random.nextInt(5);
        int nps = random.nextInt(11);
        String body =
                "{\"eventId\":\"%s\",\"branchId\":\"%s\",\"occurredAt\":\"%s\",\"channel\":\"APP\",\"csat\":%d,\"nps\":%d}"
                        .formatted(UUID.randomUUID(), branch, at, csat, nps);
        return new Event(
                "feedback",
                branch,
                body,
                at,
                new Expected(1, 1, csat, nps >= 9 ? 1 : 0, nps <= 6 ? 1 : 0, 0, 0, 0, 0, late ? 1 : 0));
    }

    private Event interaction(SplittableRandom random, String branch, Instant at, boolean late) {
        boolean answered = random.nextInt(100) < 90;
        int wait = random.nextInt(120);
        int handle = answered ? 30 + random.nextInt(600) : 0;
        boolean resolved = answered && random.nextBoolean();
        String body = ("{\"eventId\":\"%s\",\"branchId\":\"%s\",\"occurredAt\":\"%s\",\"channel\":\"PHONE\","
                        + "\"offeredAt\":\"%s\",\"answered\":%b,\"abandoned\":%b,\"waitSeconds\":%d,%s"
                        + "\"resolvedFirstContact\":%b,\"complex\":false}")
                .formatted(
                        UUID.randomUUID(),
                        branch,
                        at,
                        at.minusSeconds(wait),
                        answered,
                        !answered,
                        wait,
                        answered ? "\"handleSeconds\":%d,".formatted(handle) : "",
                        resolved);
        return new Event(
                "interactions",
                branch,
                body,
                at,
                new Expected(0, 0, 0, 0, 0, 1, answered ? 1 : 0, resolved ? 1 : 0, handle, late ? 1 : 0));
    }

    /**
     * Posts every event; a post not (wholly) accepted is sent again with the same body — the same eventIds, as a
     * client retrying after a 503 or an {@code UNAVAILABLE} item should. The fault strikes once its share of the posts
     * is accepted; complaint openings are spread evenly over the run.
     */
    private int post(
            List<Event> posts,
            int batchSize,
            Fault fault,
            int complaints,
            SplittableRandom random,
            List<String> branches)
            throws Exception {
        // one kind per batch, as the API takes them; each kind keeps the shuffled order
        Map<String, List<Event>> byKind = new TreeMap<>();
        posts.forEach(event ->
                byKind.computeIfAbsent(event.kind(), kind -> new ArrayList<>()).add(event));
        int posted = 0;
        int postNumber = 0;
        int faultAfter = fault.atPercent() > 100 ? Integer.MAX_VALUE : posts.size() * fault.atPercent() / 100;
        int openEvery = complaints == 0 ? Integer.MAX_VALUE : Math.max(1, posts.size() / complaints);
        int opened = 0;
        Map<String, Integer> next = new HashMap<>();
        while (posted < posts.size()) {
            if (posted >= faultAfter) {
                FaultSchedule.strike(fault, posted);
                faultAfter = Integer.MAX_VALUE;
            }
            while (opened < complaints && posted >= (long) opened * openEvery) {
                openComplaint(branches.get(random.nextInt(branches.size())), opened++);
            }
            for (var kind : byKind.entrySet()) {
                List<Event> events = kind.getValue();
                int index = next.getOrDefault(kind.getKey(), 0);
                if (index == events.size()) {
                    continue;
                }
                if (postNumber++ % 10 == 9) {
                    postAccepted(kind.getKey(), events.get(index).body(), false, postNumber);
                    next.put(kind.getKey(), index + 1);
                    posted++;
                    continue;
                }
                List<String> bodies = new ArrayList<>();
                for (int i = index; i < Math.min(events.size(), index + batchSize); i++) {
                    bodies.add(events.get(i).body());
                }
                postAccepted(kind.getKey(), "[" + String.join(",", bodies) + "]", true, postNumber);
                next.put(kind.getKey(), index + bodies.size());
                posted += bodies.size();
            }
        }
        while (opened < complaints) {
            openComplaint(branches.get(random.nextInt(branches.size())), opened++);
        }
        return posted;
    }

    /**
     * Sends one post until it is wholly accepted, to the instances in turn (the other one when one does not answer),
     * always with the same body: the same eventIds, so a post whose outcome was unknown is counted once.
     */
    private void postAccepted(String kind, String body, boolean batch, int postNumber) throws Exception {
        Instant giveUp = Instant.now().plus(RETRY_FOR);
        for (int attempt = 1; ; attempt++) {
            String url = feedbackUrls.get((postNumber + attempt) % feedbackUrls.size()) + "/api/v1/" + kind
                    + (batch ? "/batch" : "");
            if (attempt > 1) {
                retriedPosts++;
            }
            HttpResponse<String> response;
            try {
                response = send("POST", url, body);
            } catch (java.io.IOException unreachable) {
                // an instance restarting or not answering: the same body again, to the other instance if there is one
                if (Instant.now().isAfter(giveUp)) {
                    throw unreachable;
                }
                Thread.sleep(feedbackUrls.size() > 1 ? 200 : 1000); // back-off before resending the same body
                continue;
            }
            boolean refused = response.statusCode() == 400
                    || response.body().contains("\"REJECTED\"")
                    || response.body().contains("\"FORBIDDEN\"");
            boolean accepted = batch
                    ? response.statusCode() == 200 && !response.body().contains("\"UNAVAILABLE\"")
                    : response.statusCode() == 202;
            if (accepted && !refused) {
                return;
            }
            if (refused || Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
            }
            Thread.sleep(Math.min(5000, 500L * attempt)); // back-off before resending the same body
        }
    }

    /**
     * Opens a complaint, to the complaint-service instances in turn, with an {@code Idempotency-Key} of its own: an
     * opening without an answer (a timeout, an instance that stopped, a store that froze) or answered 503 is sent again
     * with the same key until it is answered, and the service opens it once. Only an opening given up on is of unknown
     * outcome, and the check then allows for it rather than claim an exact count.
     */
    private void openComplaint(String branch, int number) throws Exception {
        String body = ("{\"branchId\":\"%s\",\"channel\":\"PHONE\",\"category\":\"QUALITY\","
                        + "\"severity\":\"MEDIUM\",\"subject\":\"Drill complaint %d\"}")
                .formatted(branch, number);
        String key = branch + "-opening-" + number;
        Instant giveUp = Instant.now().plus(RETRY_FOR);
        for (int attempt = 0; ; attempt++) {
            String url = complaintUrls.get((number + attempt) % complaintUrls.size()) + "/api/v1/complaints";
            HttpResponse<String> response = null;
            try {
                response = http.send(
                        Credentials.authorise(HttpRequest.newBuilder(URI.create(url))
                                        .timeout(Duration.ofSeconds(30))
                                        .header("Content-Type", "application/json")
                                        .header("Idempotency-Key", key)
                                        .POST(HttpRequest.BodyPublishers.ofString(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException noAnswer) {
                // unknown whether it was opened: the same key again settles it
            }
            if (response != null && response.statusCode() == 201) {
                complaintsConfirmed++;
                confirmedOpenings.merge(branch, 1L, Long::sum);
                return;
            }
            if (response != null && response.statusCode() != 503) {
                throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
            }
            if (Instant.now().isAfter(giveUp)) {
                complaintsUnknown++;
                return;
            }
            Thread.sleep(1000); // back-off before sending the same opening again
        }
    }

    /** Hour buckets in UTC hours, day buckets from the branch's local midnight; late events count in both. */
    private static Map<String, Expected> reference(List<Event> distinct, Map<String, ZoneId> zones) {
        Map<String, Expected> expected = new HashMap<>();
        for (Event event : distinct) {
            Instant hour = event.occurredAt().truncatedTo(ChronoUnit.HOURS);
            Instant day = event.occurredAt()
                    .atZone(zones.get(event.branch()))
                    .toLocalDate()
                    .atStartOfDay(zones.get(event.branch()))
                    .toInstant();
            expected.merge(key(event.branch(), "HOUR", hour), event.contribution(), Expected::plus);
            expected.merge(key(event.branch(), "DAY", day), event.contribution(), Expected::plus);
        }
        return expected;
    }

    private List<String> compare(Map<String, Expected> expected, Iterable<String> branches, Instant from, Instant to)
            throws Exception {
        Map<String, Expected> counted = new HashMap<>();
        Map<String, Long> openedPerBranch = new TreeMap<>();
        for (String branch : branches) {
            for (String granularity : List.of("HOUR", "DAY")) {
                HttpResponse<String> response;
                try {
                    response = send(
                            "GET",
                            LocalStack.SCORING_URL + "/api/v1/buckets?branchId=" + branch + "&granularity="
                                    + granularity + "&from=" + from + "&to=" + to,
                            null);
                } catch (java.io.IOException unreachable) {
                    return List.of("scoring-service unreachable (restarting?): " + unreachable);
                }
                if (response.statusCode() != 200) {
                    return List.of("scoring answered " + response.statusCode() + ": " + response.body());
                }
                for (JsonNode bucket : json.readTree(response.body())) {
                    if (granularity.equals("HOUR")) {
                        openedPerBranch.merge(
                                branch,
                                bucket.path("statistics")
                                        .path("complaints")
                                        .path("opened")
                                        .asLong(),
                                Long::sum);
                    }
                    counted.put(
                            key(
                                    branch,
                                    granularity,
                                    Instant.parse(bucket.path("bucketStart").asString())),
                            Expected.of(
                                    bucket.path("statistics"),
                                    bucket.path("lateEvents").asLong()));
                }
            }
        }
        List<String> differences = new ArrayList<>();
        for (var bucket : expected.entrySet()) {
            Expected actual = counted.getOrDefault(bucket.getKey(), Expected.NONE);
            if (!Objects.equals(actual, bucket.getValue())) {
                differences.add(bucket.getKey() + ": expected " + bucket.getValue() + ", counted " + actual);
            }
        }
        counted.keySet().stream()
                .filter(key -> !expected.containsKey(key) && !counted.get(key).equals(Expected.NONE))
                .forEach(key -> differences.add(key + ": counted, but no event belongs there"));
        countedOpenings =
                openedPerBranch.values().stream().mapToLong(Long::longValue).sum();
        for (String branch : branches) {
            long opened = openedPerBranch.getOrDefault(branch, 0L);
            long confirmed = confirmedOpenings.getOrDefault(branch, 0L);
            // an opening of unknown outcome may or may not be there; every confirmed one must be, once
            if (opened < confirmed || opened > confirmed + complaintsUnknown) {
                differences.add(
                        branch + ": " + opened + " complaints counted as opened, " + confirmed + " openings confirmed"
                                + (complaintsUnknown > 0 ? " (+ up to " + complaintsUnknown + " unknown)" : ""));
            }
        }
        return differences;
    }

    private static String key(String branch, String granularity, Instant start) {
        return branch + "|" + granularity + "|" + start;
    }

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        return http.send(
                Credentials.jsonRequest(method, url, body, Duration.ofSeconds(30)),
                HttpResponse.BodyHandlers.ofString());
    }
}

package io.servicequality.benchmark;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./platform simulate}: realistic demo traffic for the running local stack, until Ctrl-C; options in {@link
 * #USAGE}.
 *
 * It registers 16 branches in four regions and time zones in the branch directory, adds quality targets and alert
 * rules when the tenant has none, then posts traffic in which every branch has its own service quality (one branch,
 * {@code W-04}, slides from good to poor over twenty minutes so that alerts fire), and walks the complaints it
 * opened through assignment to one of the branch's agents, acknowledge, resolve and follow-up like a quality team would. Addresses come from the same
 * environment variables as {@code ./platform up}; {@code SQP_TOKEN}, when set, is sent as the bearer token.
 */
public final class Simulation {

    static final String USAGE = """
            ./platform simulate [options]: realistic demo traffic for the running local stack, until Ctrl-C
            --rate 10             events per second (feedback 59 %, interactions 40 %, new complaints 1 %)
            --minutes 0           stop after this many minutes (0: run until stopped)
            --seed 1              the same seed gives the same branches and the same traffic
            --history-days 0      first post this many past days of feedback and interactions (40 responses and
                                  30 interactions per branch and day, in its opening hours; the week before last a
                                  little worse than the last), so that weekly and monthly reports have data at once
            """;

    private static final String[][] REGIONS = {
        {"north", "N", "Europe/Berlin"},
        {"south", "S", "Europe/Madrid"},
        {"east", "E", "Asia/Shanghai"},
        {"west", "W", "America/New_York"}
    };
    private static final String[] DIMENSIONS = {"tangibles", "reliability", "responsiveness", "assurance", "empathy"};
    private static final String[] SEVERITIES = {"LOW", "MEDIUM", "MEDIUM", "HIGH", "CRITICAL"};
    private static final String[] DEPARTMENTS = {"accounts", "front-desk", "cards", "loans"};
    private static final Pattern COMPLAINT_ID = Pattern.compile("\"complaintId\"\\s*:\\s*\"([^\"]+)\"");
    private static final String SLIPPING_BRANCH = "W-04";
    private static final int AGENTS_PER_BRANCH = 8;
    private static final int RECENT_INTERACTIONS = 50;

    private final HttpClient http = LocalStack.httpClient();
    private final SplittableRandom random;
    private final List<Branch> branches = new ArrayList<>();
    private final Deque<OpenComplaint> complaints = new ArrayDeque<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Instant started = Instant.now();
    /** Per branch, its last answered interactions' event ids: what simulated feedback names as interactionId. */
    private final Map<String, List<UUID>> answeredByBranch = new HashMap<>();

    /** A branch and how good its service is: 0 is average, +1 excellent, -1 poor. */
    private record Branch(String id, String region, String zone, double quality) {}

    private record OpenComplaint(String id, Instant actAt, String nextStep) {}

    private Simulation(long seed) {
        this.random = new SplittableRandom(seed);
        for (String[] region : REGIONS) {
            for (int i = 1; i <= 4; i++) {
                String id = "%s-%02d".formatted(region[1], i);
                double quality = id.equals(SLIPPING_BRANCH) ? 0.8 : random.nextDouble(-0.8, 0.9);
                branches.add(new Branch(id, region[0], region[2], quality));
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args, USAGE);
        if (options == null) {
            return;
        }
        double rate = Double.parseDouble(options.get("rate", "10"));
        long minutes = Long.parseLong(options.get("minutes", "0"));
        Simulation simulation = new Simulation(Long.parseLong(options.get("seed", "1")));
        simulation.setUp();
        simulation.postHistory(Integer.parseInt(options.get("history-days", "0")));
        simulation.run(rate, minutes == 0 ? null : Duration.ofMinutes(minutes));
    }

    private void setUp() {
        for (Branch branch : branches) {
            int status = send(
                    "POST",
                    LocalStack.REPORTING_URL + "/api/v1/branches",
                    "{\"branchId\":\"%s\",\"code\":\"%s\",\"name\":\"Branch %s\",\"regionId\":\"%s\",\"timeZone\":\"%s\"}"
                            .formatted(branch.id(), branch.id(), branch.id(), branch.region(), branch.zone()));
            if (status != 201 && status != 409) {
                throw new IllegalStateException("could not register branch " + branch.id() + ": HTTP " + status);
            }
        }
        if (isEmptyList(LocalStack.SCORING_URL + "/api/v1/targets")) {
            for (String target : List.of(
                    "{\"metric\":\"interactions.answerRate\",\"bound\":\"AT_LEAST\",\"value\":95}",
                    "{\"metric\":\"csat.percent\",\"bound\":\"AT_LEAST\",\"value\":80}",
                    "{\"metric\":\"nps.score\",\"bound\":\"AT_LEAST\",\"value\":20}",
                    "{\"metric\":\"complaints.resolutionCompliance\",\"bound\":\"AT_LEAST\",\"value\":90}")) {
                send("POST", LocalStack.SCORING_URL + "/api/v1/targets", target);
            }
        }
        if (isEmptyList(LocalStack.SCORING_URL + "/api/v1/alert-rules")) {
            send(
                    "POST",
                    LocalStack.SCORING_URL + "/api/v1/alert-rules",
                    "{\"metric\":\"csat.percent\",\"kind\":\"THRESHOLD\",\"direction\":\"BELOW\",\"threshold\":60,"
                            + "\"window\":\"PT1H\",\"minN\":20,\"hysteresis\":5,\"severity\":\"WARNING\"}");
            send(
                    "POST",
                    LocalStack.SCORING_URL + "/api/v1/alert-rules",
                    "{\"metric\":\"interactions.answerRate\",\"kind\":\"THRESHOLD\",\"direction\":\"BELOW\","
                            + "\"threshold\":85,\"window\":\"PT1H\",\"minN\":20,\"hysteresis\":3,"
                            + "\"severity\":\"CRITICAL\"}");
        }
        System.err.printf(
                "simulate: %d branches in %d regions registered; dashboard in the staff console %s%n",
                branches.size(), REGIONS.length, LocalStack.CONSOLE_URL);
    }

    /**
     * The last {@code days} local days before today of every branch: 40 responses and 30 interactions a day between
     * 08:00 and 18:00 in the branch's time zone, posted in batches of 100; days more than a week ago at a slightly
     * lower quality, so that a report shows a change against its previous period.
     */
    private void postHistory(int days) {
        if (days <= 0) {
            return;
        }
        List<String> feedback = new ArrayList<>();
        List<String> interactions = new ArrayList<>();
        for (int daysAgo = days; daysAgo >= 1; daysAgo--) {
            for (Branch branch : branches) {
                java.time.ZoneId zone = java.time.ZoneId.of(branch.zone());
                Instant opening = java.time.LocalDate.now(zone)
                        .minusDays(daysAgo)
                        .atTime(8, 0)
                        .atZone(zone)
                        .toInstant();
                double quality = branch.quality() - (daysAgo > 7 ? 0.4 : 0.0);
                for (int i = 0; i < 30; i++) {
                    interactions.add(interaction(branch, quality, opening.plusSeconds(random.nextInt(10 * 3600))));
                }
                for (int i = 0; i < 40; i++) {
                    feedback.add(feedback(branch, quality, opening.plusSeconds(random.nextInt(10 * 3600))));
                }
                if (interactions.size() >= 100) {
                    postBatch(LocalStack.FEEDBACK_URL + "/api/v1/interactions/batch", interactions);
                    interactions.clear();
                }
                if (feedback.size() >= 100) {
                    postBatch(LocalStack.FEEDBACK_URL + "/api/v1/feedback/batch", feedback);
                    feedback.clear();
                }
            }
        }
        postBatch(LocalStack.FEEDBACK_URL + "/api/v1/interactions/batch", interactions);
        postBatch(LocalStack.FEEDBACK_URL + "/api/v1/feedback/batch", feedback);
        System.err.printf(
                "simulate: %d past days posted (%d accepted, %d failed)%n", days, accepted.get(), failed.get());
    }

    private void run(double rate, Duration limit) throws InterruptedException {
        long tick = 0;
        while (limit == null || Duration.between(started, Instant.now()).compareTo(limit) < 0) {
            long due = System.nanoTime() + 1_000_000_000L;
            postOneSecondOfTraffic(rate);
            workOnComplaints();
            if (++tick % 10 == 0) {
                System.err.printf(
                        "simulate: %d accepted, %d failed, %d complaints in progress%n",
                        accepted.get(), failed.get(), complaints.size());
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    }

    private void postOneSecondOfTraffic(double rate) {
        int events = (int) rate + (random.nextDouble() < rate - Math.floor(rate) ? 1 : 0);
        List<String> feedback = new ArrayList<>();
        List<String> interactions = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            Branch branch = branches.get(random.nextInt(branches.size()));
            double quality = qualityNow(branch);
            Instant at = Instant.now().minusMillis(random.nextInt(2000));
            int roll = random.nextInt(100);
            if (roll < 59) {
                feedback.add(feedback(branch, quality, at));
            } else if (roll < 99) {
                interactions.add(interaction(branch, quality, at));
            } else {
                openComplaint(branch, at);
            }
        }
        postBatch(LocalStack.FEEDBACK_URL + "/api/v1/feedback/batch", feedback);
        postBatch(LocalStack.FEEDBACK_URL + "/api/v1/interactions/batch", interactions);
    }

    /**
     * One of the branch's eight agents: the first is named as the development authorization server names a branch's
     * demo agent ({@code agent.n01} for N-01), so that signing in as it shows its own staff metrics.
     */
    private String agentOf(Branch branch) {
        int agent = random.nextInt(AGENTS_PER_BRANCH);
        String branchCode = branch.id().toLowerCase(Locale.ROOT).replace("-", "");
        return agent == 0 ? "agent." + branchCode : branchCode + "-a" + agent;
    }

    /** Keeps the branch's last {@value #RECENT_INTERACTIONS} answered interactions for feedback to name. */
    private void rememberAnswered(Branch branch, UUID eventId) {
        List<UUID> recent = answeredByBranch.computeIfAbsent(branch.id(), id -> new ArrayList<>());
        if (recent.size() == RECENT_INTERACTIONS) {
            recent.remove(0);
        }
        recent.add(eventId);
    }

    /** {@code W-04} slides from good to poor over twenty minutes, then stays poor. */
    private double qualityNow(Branch branch) {
        if (!branch.id().equals(SLIPPING_BRANCH)) {
            return branch.quality();
        }
        double minutes = Duration.between(started, Instant.now()).toSeconds() / 60.0;
        return branch.quality() - Math.min(1.0, minutes / 20) * 1.8;
    }

    private String feedback(Branch branch, double quality, Instant at) {
        StringBuilder servqual = new StringBuilder();
        for (String dimension : DIMENSIONS) {
            if (random.nextInt(100) < 85) {
                int expectation = clamp(6 + random.nextInt(-1, 2), 1, 7);
                int perception = clamp((int) Math.round(5 + 1.5 * quality + random.nextGaussian()), 1, 7);
                servqual.append(servqual.isEmpty() ? "" : ",")
                        .append("\"%s\":{\"expectation\":%d,\"perception\":%d}"
                                .formatted(dimension, expectation, perception));
            }
        }
        int csat = clamp((int) Math.round(3.8 + 1.2 * quality + random.nextGaussian() * 0.9), 1, 5);
        int nps = clamp((int) Math.round(7.5 + 2.5 * quality + random.nextGaussian() * 1.8), 0, 10);
        String ces = random.nextInt(100) < 40
                ? ",\"ces\":%d".formatted(clamp((int) Math.round(5 + quality + random.nextGaussian()), 1, 7))
                : "";
        String importance = random.nextInt(100) < 30
                ? ",\"importance\":{\"tangibles\":10,\"reliability\":30,\"responsiveness\":25,\"assurance\":20,"
                        + "\"empathy\":15}"
                : "";
        // half the feedback is about one of the branch's recent answered interactions (linked to its agent)
        List<UUID> recent = answeredByBranch.getOrDefault(branch.id(), List.of());
        String interaction = !recent.isEmpty() && random.nextBoolean()
                ? ",\"interactionId\":\"%s\"".formatted(recent.get(random.nextInt(recent.size())))
                : "";
        return "{\"branchId\":\"%s\",\"occurredAt\":\"%s\",\"channel\":\"%s\",\"servqual\":{%s}%s,\"csat\":%d,\"nps\":%d%s%s}"
                .formatted(
                        branch.id(),
                        at,
                        random.nextBoolean() ? "APP" : "COUNTER",
                        servqual,
                        importance,
                        csat,
                        nps,
                        ces,
                        interaction);
    }

    private String interaction(Branch branch, double quality, Instant at) {
        boolean answered = random.nextDouble() < 0.93 + 0.06 * quality;
        int wait = (int) Math.max(0, random.nextGaussian() * 10 + 22 - 14 * quality);
        String handle = answered ? "\"handleSeconds\":%d,".formatted(90 + random.nextInt(240)) : "";
        UUID eventId = UUID.randomUUID();
        if (answered) {
            rememberAnswered(branch, eventId);
        }
        return ("{\"eventId\":\"%s\",\"branchId\":\"%s\",\"occurredAt\":\"%s\",\"channel\":\"PHONE\","
                        + "\"agentId\":\"%s\",\"offeredAt\":\"%s\",\"answered\":%b,\"abandoned\":%b,"
                        + "\"waitSeconds\":%d,%s\"resolvedFirstContact\":%b,\"complex\":%b}")
                .formatted(
                        eventId,
                        branch.id(),
                        at,
                        agentOf(branch),
                        at.minusSeconds(wait),
                        answered,
                        !answered,
                        wait,
                        handle,
                        answered && random.nextDouble() < 0.7 + 0.2 * quality,
                        random.nextInt(100) < 15);
    }

    private void openComplaint(Branch branch, Instant at) {
        String body = ("{\"branchId\":\"%s\",\"occurredAt\":\"%s\",\"channel\":\"PHONE\",\"category\":\"%s\","
                        + "\"subcategory\":\"simulated\",\"severity\":\"%s\",\"department\":\"%s\","
                        + "\"subject\":\"Simulated complaint\"}")
                .formatted(
                        branch.id(),
                        at,
                        random.nextBoolean() ? "QUALITY" : "NON_QUALITY",
                        SEVERITIES[random.nextInt(SEVERITIES.length)],
                        DEPARTMENTS[random.nextInt(DEPARTMENTS.length)]);
        HttpResponse<String> response = request("POST", LocalStack.COMPLAINT_URL + "/api/v1/complaints", body);
        if (response != null && response.statusCode() == 201) {
            Matcher id = COMPLAINT_ID.matcher(response.body());
            if (id.find()) {
                // handled by one of the branch's agents: their complaint-handling metrics
                send(
                        "POST",
                        LocalStack.COMPLAINT_URL + "/api/v1/complaints/" + id.group(1) + "/assign",
                        "{\"assignee\":\"%s\"}".formatted(agentOf(branch)));
                complaints.add(new OpenComplaint(id.group(1), later(5, 60), "acknowledge"));
            }
        }
    }

    /** Acknowledge, then resolve, then ask the customer: each complaint takes its steps some seconds apart. */
    private void workOnComplaints() {
        int size = complaints.size();
        for (int i = 0; i < size; i++) {
            OpenComplaint complaint = complaints.poll();
            if (Instant.now().isBefore(complaint.actAt())) {
                complaints.add(complaint);
                continue;
            }
            String path =
                    LocalStack.COMPLAINT_URL + "/api/v1/complaints/" + complaint.id() + "/" + complaint.nextStep();
            switch (complaint.nextStep()) {
                case "acknowledge" -> {
                    send("POST", path, "{\"note\":\"called the customer back\"}");
                    complaints.add(new OpenComplaint(complaint.id(), later(20, 180), "resolve"));
                }
                case "resolve" -> {
                    send("POST", path, "{\"rootCause\":\"process gap\",\"correctiveAction\":\"briefed the team\"}");
                    complaints.add(new OpenComplaint(complaint.id(), later(10, 60), "follow-up"));
                }
                default -> send("POST", path, "{\"satisfaction\":%d}".formatted(1 + random.nextInt(5)));
            }
        }
    }

    private Instant later(int minSeconds, int maxSeconds) {
        return Instant.now().plusSeconds(minSeconds + random.nextInt(maxSeconds - minSeconds));
    }

    private void postBatch(String url, List<String> items) {
        if (!items.isEmpty()) {
            HttpResponse<String> response = request("POST", url, "[" + String.join(",", items) + "]");
            if (response != null && response.statusCode() == 200) {
                accepted.addAndGet(items.size());
            } else {
                failed.addAndGet(items.size());
            }
        }
    }

    private boolean isEmptyList(String url) {
        HttpResponse<String> response = request("GET", url, null);
        return response != null
                && response.statusCode() == 200
                && response.body().strip().equals("[]");
    }

    private int send(String method, String url, String body) {
        HttpResponse<String> response = request(method, url, body);
        if (response == null) {
            return -1;
        }
        if (response.statusCode() < 300) {
            accepted.incrementAndGet();
        } else if (response.statusCode() != 409) {
            failed.incrementAndGet();
        }
        return response.statusCode();
    }

    private HttpResponse<String> request(String method, String url, String body) {
        try {
            return http.send(
                    Credentials.jsonRequest(method, url, body, Duration.ofSeconds(10)),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            failed.incrementAndGet();
            System.err.println("simulate: " + url + ": " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}

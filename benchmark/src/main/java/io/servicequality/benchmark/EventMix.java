package io.servicequality.benchmark;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * A mix of events across many branches, by default the realistic one: feedback 50 %, interactions 48 %, complaints
 * 2 % (issue 13). Bodies are the REST shapes of SPEC §3; every feedback carries SERVQUAL ratings, csat and nps, as a
 * full survey would.
 */
final class EventMix {

    enum Kind {
        FEEDBACK("/api/v1/feedback"),
        INTERACTION("/api/v1/interactions"),
        COMPLAINT("/api/v1/complaints");

        final String path;

        Kind(String path) {
            this.path = path;
        }
    }

    private static final String[] DIMENSIONS = {"tangibles", "reliability", "responsiveness", "assurance", "empathy"};
    private static final String[] CHANNELS = {"PHONE", "CHAT", "EMAIL", "COUNTER", "APP", "WEB"};
    private static final String[] SEVERITIES = {"LOW", "MEDIUM", "HIGH", "CRITICAL"};

    /** Shares of feedback, interactions and complaint openings, in percent (summing to 100). */
    record Shares(int feedback, int interactions, int complaints) {

        static final Shares REALISTIC = new Shares(50, 48, 2);
        static final Shares COMPLAINTS_ONLY = new Shares(0, 0, 100);

        Shares {
            if (feedback < 0 || interactions < 0 || complaints < 0 || feedback + interactions + complaints != 100) {
                throw new IllegalArgumentException("the mix must be three non-negative percentages summing to 100");
            }
        }

        /** {@code full} (the realistic mix), {@code complaints} (openings only) or {@code F,I,C} percentages. */
        static Shares parse(String mix) {
            return switch (mix) {
                case "full" -> REALISTIC;
                case "complaints" -> COMPLAINTS_ONLY;
                default -> {
                    String[] parts = mix.split(",");
                    if (parts.length != 3) {
                        throw new IllegalArgumentException("--mix is full, complaints or F,I,C (e.g. 50,48,2)");
                    }
                    yield new Shares(
                            Integer.parseInt(parts[0].trim()),
                            Integer.parseInt(parts[1].trim()),
                            Integer.parseInt(parts[2].trim()));
                }
            };
        }

        @Override
        public String toString() {
            return "feedback %d %%, interactions %d %%, complaints %d %%".formatted(feedback, interactions, complaints);
        }
    }

    private final SplittableRandom random;
    private final int branches;
    private final Shares shares;

    /** The realistic mix. */
    EventMix(long seed, int branches) {
        this(seed, branches, Shares.REALISTIC);
    }

    EventMix(long seed, int branches, Shares shares) {
        this.random = new SplittableRandom(seed);
        this.branches = branches;
        this.shares = shares;
    }

    Kind nextKind() {
        int roll = random.nextInt(100);
        return roll < shares.feedback()
                ? Kind.FEEDBACK
                : roll < shares.feedback() + shares.interactions() ? Kind.INTERACTION : Kind.COMPLAINT;
    }

    String branch() {
        return "BENCH-%03d".formatted(1 + random.nextInt(branches));
    }

    String body(Kind kind, Instant occurredAt) {
        return switch (kind) {
            case FEEDBACK -> feedback(branch(), occurredAt);
            case INTERACTION -> interaction(branch(), occurredAt);
            case COMPLAINT -> complaint(branch(), occurredAt);
        };
    }

    String feedback(String branch, Instant occurredAt) {
        StringBuilder servqual = new StringBuilder();
        for (String dimension : DIMENSIONS) {
            if (servqual.length() > 0) {
                servqual.append(',');
            }
            servqual.append("\"%s\":{\"expectation\":%d,\"perception\":%d}"
                    .formatted(dimension, 4 + random.nextInt(4), 2 + random.nextInt(6)));
        }
        return ("{\"branchId\":\"%s\",\"occurredAt\":\"%s\",\"channel\":\"%s\",\"servqual\":{%s},"
                        + "\"importance\":{\"tangibles\":10,\"reliability\":30,\"responsiveness\":25,\"assurance\":20,"
                        + "\"empathy\":15},\"csat\":%d,\"nps\":%d,\"ces\":%d,\"comment\":\"benchmark\"}")
                .formatted(
                        branch,
                        occurredAt,
                        CHANNELS[random.nextInt(CHANNELS.length)],
                        servqual,
                        1 + random.nextInt(5),
                        random.nextInt(11),
                        1 + random.nextInt(7));
    }

    private String interaction(String branch, Instant occurredAt) {
        boolean answered = random.nextInt(100) < 95;
        int wait = random.nextInt(90);
        return ("{\"branchId\":\"%s\",\"occurredAt\":\"%s\",\"channel\":\"%s\",\"agentId\":\"a-%d\","
                        + "\"offeredAt\":\"%s\",\"answered\":%b,\"abandoned\":%b,\"waitSeconds\":%d,%s"
                        + "\"resolvedFirstContact\":%b,\"complex\":%b}")
                .formatted(
                        branch,
                        occurredAt,
                        CHANNELS[random.nextInt(CHANNELS.length)],
                        random.nextInt(500),
                        occurredAt.minusSeconds(wait),
                        answered,
                        !answered,
                        wait,
                        answered ? "\"handleSeconds\":%d,".formatted(60 + random.nextInt(400)) : "",
                        answered && random.nextInt(100) < 75,
                        random.nextInt(100) < 20);
    }

    private String complaint(String branch, Instant occurredAt) {
        return ("{\"branchId\":\"%s\",\"occurredAt\":\"%s\",\"channel\":\"PHONE\",\"category\":\"%s\","
                        + "\"severity\":\"%s\",\"department\":\"accounts\",\"subject\":\"Benchmark complaint\","
                        + "\"description\":\"generated by the benchmark\"}")
                .formatted(
                        branch,
                        occurredAt,
                        random.nextBoolean() ? "QUALITY" : "NON_QUALITY",
                        SEVERITIES[random.nextInt(SEVERITIES.length)]);
    }
}

package io.servicequality.scoring.bucket;

import io.servicequality.contracts.Channel;
import io.servicequality.contracts.DimensionRating;
import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.InteractionRecorded;
import io.servicequality.contracts.PlatformEvent;
import io.servicequality.contracts.ServqualRatings;
import io.servicequality.contracts.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures how many events per second a running scoring-service counts: produces {@code events} distinct events
 * (alternately feedback and interactions, over {@code branches} branches, event times spread over the last {@code
 * spreadSeconds}, i.e. live traffic by default) to the
 * broker as fast as it takes them, then polls the service's day buckets until every event is counted. Not a test: run
 * it against a running stack (see the README's "Measured throughput").
 *
 * <p>Arguments: {@code [events (100000)] [branches (20)] [spreadSeconds (60)]}. Environment: {@code KAFKA_BOOTSTRAP_SERVERS}
 * (localhost:9092), {@code SCORING_URL} (http://localhost:8083), {@code LOAD_TENANT} (demo, a tenant the service
 * serves), {@code SCORING_TOKEN} (a staff JWT of that tenant, for the bucket reads).
 */
public final class ScoringLoad {

    private ScoringLoad() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int branches = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int spreadSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        String bootstrap = env("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        String scoring = env("SCORING_URL", "http://localhost:8083");
        String tenant = env("LOAD_TENANT", "demo");
        String token = env("SCORING_TOKEN", "");
        String run = UUID.randomUUID().toString().substring(0, 6);
        JsonMapper json = JsonMapper.builder().build();
        Random random = new Random(42);
        Instant now = Instant.now();

        Instant start = Instant.now();
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        10,
                        ProducerConfig.BATCH_SIZE_CONFIG,
                        256 * 1024),
                new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < events; i++) {
                String branch = "LOAD-" + run + "-" + (i % branches);
                Instant at = now.minusSeconds(random.nextInt(spreadSeconds));
                PlatformEvent event =
                        i % 2 == 0 ? feedback(tenant, branch, at, random) : interaction(tenant, branch, at, random);
                String topic = i % 2 == 0 ? Topics.FEEDBACK_SUBMITTED : Topics.INTERACTION_RECORDED;
                producer.send(new ProducerRecord<>(topic, event.recordKey(), json.writeValueAsString(event)));
            }
            producer.flush();
        }
        Instant produced = Instant.now();
        System.out.printf("produced %d events in %.1f s%n", events, seconds(start, produced));

        HttpClient http = HttpClient.newHttpClient();
        long counted = 0;
        while (counted < events) {
            Thread.sleep(250); // polling a remote service's progress; not test synchronisation
            counted = 0;
            for (int b = 0; b < branches; b++) {
                String uri = scoring + "/api/v1/buckets?granularity=DAY&branchId=LOAD-" + run + "-" + b + "&from="
                        + now.minus(Duration.ofDays(2)) + "&to=" + now.plus(Duration.ofDays(1));
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(uri))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("GET " + uri + " answered " + response.statusCode());
                }
                for (JsonNode bucket : json.readTree(response.body())) {
                    counted += bucket.path("statistics").path("feedbackCount").asLong()
                            + bucket.path("statistics")
                                    .path("interactions")
                                    .path("offered")
                                    .asLong();
                }
            }
        }
        Instant done = Instant.now();
        System.out.printf(
                "counted %d events %.1f s after the first send: %.0f events/s end to end%n",
                counted, seconds(start, done), events / seconds(start, done));
    }

    static FeedbackSubmitted feedback(String tenant, String branch, Instant at, Random random) {
        var rating = new DimensionRating(1 + random.nextInt(7), 1 + random.nextInt(7));
        return new FeedbackSubmitted(
                UUID.randomUUID(),
                tenant,
                branch,
                at,
                FeedbackSubmitted.SCHEMA_VERSION,
                at,
                Channel.APP,
                new ServqualRatings(rating, rating, rating, rating, rating),
                null,
                1 + random.nextInt(5),
                random.nextInt(11),
                1 + random.nextInt(7),
                null,
                null,
                null,
                null);
    }

    static InteractionRecorded interaction(String tenant, String branch, Instant at, Random random) {
        boolean answered = random.nextInt(10) < 9;
        return new InteractionRecorded(
                UUID.randomUUID(),
                tenant,
                branch,
                at,
                InteractionRecorded.SCHEMA_VERSION,
                Channel.PHONE,
                "a-" + random.nextInt(50),
                at.minusSeconds(60),
                answered,
                !answered,
                random.nextInt(120),
                answered ? 60 + random.nextInt(400) : null,
                random.nextBoolean(),
                random.nextInt(5) == 0,
                null,
                null);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

package io.servicequality.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.servicequality.contracts.AlertEvent;
import io.servicequality.contracts.AlertRaised;
import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.ComplaintStatistics;
import io.servicequality.contracts.BucketStatistics.CsatStatistics;
import io.servicequality.contracts.BucketStatistics.DimensionStatistics;
import io.servicequality.contracts.BucketStatistics.InteractionStatistics;
import io.servicequality.contracts.BucketStatistics.MeanStatistics;
import io.servicequality.contracts.BucketStatistics.NpsStatistics;
import io.servicequality.contracts.BucketStatistics.ServqualStatistics;
import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.ComplaintChanged.ComplaintEventType;
import io.servicequality.contracts.EventSample;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.contracts.QualityTargetChanged;
import io.servicequality.contracts.Topics;
import io.servicequality.platform.test.PrometheusScrape;
import io.servicequality.reporting.bucket.InvalidMetricUpdateException;
import io.servicequality.reporting.complaint.InvalidComplaintEventException;
import io.servicequality.reporting.qualitytarget.InvalidQualityTargetException;
import io.servicequality.security.Role;
import io.servicequality.security.test.TestCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Metric updates published to Kafka, read back through the scorecard endpoint. The subclasses choose the
 * infrastructure (embedded broker and store, or containers). The tenant is the contract sample's, so the sample can
 * be fed as it is; every test uses its own branch.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sqp.live.heartbeat=1s")
@AutoConfigureMockMvc
@Import(TestCredentials.DefaultAdmin.class)
abstract class ReportingServiceIT {

    /** The tenant of the tests' default caller (an ADMIN token, see {@link TestCredentials}). */
    static final String TENANT = TestCredentials.TENANT;

    private static final Offset<Double> EXACT = within(1e-9);
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Instant NINE = Instant.parse("2026-11-20T09:00:00Z");
    private static final Instant TEN = NINE.plus(Duration.ofHours(1));
    private static final Instant ELEVEN = TEN.plus(Duration.ofHours(1));

    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    KafkaConnectionDetails kafka;

    @LocalServerPort
    int port;

    @Autowired
    MongoOperations mongo;

    private final HttpClient http = HttpClient.newHttpClient();

    private KafkaProducer<String, String> producer;

    @BeforeEach
    void openProducer() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", kafka.getBootstrapServers()),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class));
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    /**
     * The bucket collections carry only the indexes MongoDB needs: the compare-and-set filters name {@code _id}, so no
     * unique {@code {_id, revision}} index is rewritten on every write (the embedded store finds them by {@code _id}).
     */
    @Test
    void theBucketCollectionsCarryOnlyTheIndexesMongoDbNeeds() {
        List<String> bucketIndexes = mongo.indexOps("metricBuckets").getIndexInfo().stream()
                .map(IndexInfo::getName)
                .toList();
        List<String> rollupIndexes = mongo.indexOps("metricRollups").getIndexInfo().stream()
                .map(IndexInfo::getName)
                .toList();

        assertThat(bucketIndexes).contains("scope_granularity_start").doesNotContain("id_revision");
        assertThat(rollupIndexes).contains("scope_period_start").doesNotContain("id_revision_sum");
    }

    @Test
    void scorecardSumsTheHourBucketsStartingInTheRangeExactly() {
        String branch = newBranch();
        // outside [09:00, 11:00): the hour before, and the hour starting at `to`
        publish(update(branch, NINE.minus(Duration.ofHours(1)), 1, onlyComplaints(100)));
        publish(update(branch, ELEVEN, 1, onlyComplaints(1000)));
        publish(update(branch, NINE, 1, nineOClock()));
        publish(update(branch, TEN, 1, tenOClock()));
        publish(update(newBranch(), NINE, 1, nineOClock()));

        JsonNode scorecard = awaitScorecard(
                branch, NINE, ELEVEN, card -> card.at("/feedback/n").asLong() == 4);

        // reliability: n 3, E 19/3, P 17/3, gap −2/3, importance 80/2 = 40; tangibles: n 2, E 5, P 5.5, gap 0.5
        JsonNode servqual = scorecard.at("/feedback/servqual");
        assertThat(servqual.get("dimensions").propertyNames()).containsExactly("tangibles", "reliability");
        JsonNode reliability = servqual.at("/dimensions/reliability");
        assertThat(reliability.get("n").asLong()).isEqualTo(3);
        assertThat(reliability.get("expectation").asDouble()).isCloseTo(19.0 / 3, EXACT);
        assertThat(reliability.get("perception").asDouble()).isCloseTo(17.0 / 3, EXACT);
        assertThat(reliability.get("gap").asDouble()).isCloseTo(-2.0 / 3, EXACT);
        assertThat(reliability.get("importance").asDouble()).isEqualTo(40.0);
        assertThat(servqual.at("/dimensions/tangibles/importance").isNull()).isTrue();
        // unweighted (−2/3 + 1/2) / 2 = −1/12; weighted 0.4 and default 0.2 → 2/3 · −2/3 + 1/3 · 1/2 = −5/18
        assertThat(servqual.get("unweighted").asDouble()).isCloseTo(-1.0 / 12, EXACT);
        assertThat(servqual.get("weighted").asDouble()).isCloseTo(-5.0 / 18, EXACT);
        // CSAT 3 of 4 = 75 %; Wilson: centre (0.75 + 0.4802) / 1.9604 = 0.6274740, half 0.3268890
        JsonNode csat = scorecard.at("/feedback/csat");
        assertThat(csat.get("n").asLong()).isEqualTo(4);
        assertThat(csat.get("percent").asDouble()).isCloseTo(75.0, EXACT);
        assertThat(csat.at("/ci95/0").asDouble()).isCloseTo(30.06360524426366, EXACT);
        assertThat(csat.at("/ci95/1").asDouble()).isCloseTo(95.44139373553637, EXACT);
        // NPS: 2 promoters, 1 passive, 1 detractor of 4 = 25; p̃ 2.75/7, d̃ 1.75/7, NPS̃ 14.2857 ± 58.4466
        JsonNode nps = scorecard.at("/feedback/nps");
        assertThat(nps.get("score").asDouble()).isCloseTo(25.0, EXACT);
        assertThat(List.of(
                        nps.get("promoters").asLong(),
                        nps.get("passives").asLong(),
                        nps.get("detractors").asLong()))
                .containsExactly(2L, 1L, 1L);
        assertThat(nps.at("/ci95/0").asDouble()).isCloseTo(-44.160842499095544, EXACT);
        assertThat(nps.at("/ci95/1").asDouble()).isCloseTo(72.73227107052412, EXACT);
        assertThat(scorecard.at("/feedback/ces/n").asLong()).isEqualTo(2);
        assertThat(scorecard.at("/feedback/ces/mean").asDouble()).isCloseTo(6.0, EXACT);
        assertThat(scorecard.at("/complaints/opened").asLong()).isEqualTo(3);
        // SQI (0.3 · 75 + 0.2 · 62.5 + 0.2 · (−5/18 + 6) / 12 · 100) / 0.7
        assertThat(scorecard.get("sqi").asDouble()).isCloseTo((22.5 + 12.5 + 0.2 * (103.0 / 216 * 100)) / 0.7, EXACT);
    }

    @Test
    void theSameRevisionTwiceOrAnOlderOneLateChangesNothing() throws Exception {
        String branch = newBranch();
        publish(update(branch, NINE, 2, onlyComplaints(2)));
        publish(update(branch, NINE, 2, onlyComplaints(2)));
        publish(update(branch, NINE, 1, onlyComplaints(1)));
        // Same key, same partition: once this marker is visible, every record before it has been handled.
        publish(update(branch, TEN, 1, onlyComplaints(7)));
        awaitScorecard(
                branch, TEN, ELEVEN, card -> card.at("/complaints/opened").asLong() == 7);

        assertThat(scorecard(branch, NINE, TEN).at("/complaints/opened").asLong())
                .isEqualTo(2);

        publish(update(branch, NINE, 3, onlyComplaints(3)));
        awaitScorecard(branch, NINE, TEN, card -> card.at("/complaints/opened").asLong() == 3);
    }

    @Test
    void poisonAndInvalidRecordsLandOnTheDeadLetterTopicAndLaterRecordsAreStillApplied() {
        String branch = newBranch();
        String key = Topics.recordKey(TENANT, branch);
        ObjectNode withoutBucketStart = json.valueToTree(update(branch, NINE, 1, onlyComplaints(9)));
        withoutBucketStart.remove("bucketStart");
        try (KafkaConsumer<String, String> deadLetters = deadLetterConsumer()) {
            producer.send(new ProducerRecord<>(Topics.METRIC_UPDATED, key, "{ not json"));
            producer.send(
                    new ProducerRecord<>(Topics.METRIC_UPDATED, key, json.writeValueAsString(withoutBucketStart)));
            publish(update(branch, NINE, 1, onlyComplaints(5)));

            awaitScorecard(
                    branch, NINE, TEN, card -> card.at("/complaints/opened").asLong() == 5);
            List<ConsumerRecord<String, String>> dead = new ArrayList<>();
            await().atMost(DEADLINE).untilAsserted(() -> {
                deadLetters.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(record.key())) {
                        dead.add(record);
                    }
                });
                assertThat(dead).hasSize(2);
            });
            assertThat(dead.get(0).value()).isEqualTo("{ not json");
            assertThat(causeOf(dead.get(0))).isEqualTo(DeserializationException.class.getName());
            JsonNode invalid = json.readTree(dead.get(1).value());
            assertThat(invalid.get("branchId").asString()).isEqualTo(branch);
            assertThat(invalid.get("bucketStart").isNull()).isTrue();
            assertThat(causeOf(dead.get(1))).isEqualTo(InvalidMetricUpdateException.class.getName());
        }
    }

    @Test
    void theContractSampleIsAppliedAsPublished() throws Exception {
        MetricUpdated sample = json.readValue(EventSample.METRIC_UPDATED.json(), MetricUpdated.class);
        producer.send(new ProducerRecord<>(
                EventSample.METRIC_UPDATED.topic(), sample.recordKey(), EventSample.METRIC_UPDATED.json()));

        JsonNode scorecard = awaitScorecard(
                sample.branchId(), NINE, TEN, card -> card.at("/feedback/n").asLong() == 3);

        assertThat(scorecard.at("/feedback/servqual/dimensions").propertyNames())
                .containsExactly("reliability", "responsiveness", "empathy");
        assertThat(scorecard.at("/feedback/servqual/weighted").asDouble()).isCloseTo(-1.0, EXACT);
        assertThat(scorecard.at("/feedback/csat/percent").asDouble()).isCloseTo(200.0 / 3, EXACT);
        assertThat(scorecard.at("/complaints/opened").asLong()).isEqualTo(1);
        // histograms, maps and every interaction count survive the store: waits 9, 14, 31, 45 s
        assertThat(scorecard.at("/interactions/answerRate").asDouble()).isCloseTo(75.0, EXACT);
        assertThat(scorecard.at("/interactions/waitSeconds/p50").asDouble()).isEqualTo(14.0);
        assertThat(scorecard.at("/interactions/waitSeconds/p90").asDouble()).isEqualTo(45.0);
        assertThat(scorecard.at("/complaints/p90BusinessHoursToResolve").asDouble())
                .isEqualTo(33.0);
        assertThat(scorecard.at("/complaints/firstResponseCompliance").asDouble())
                .isEqualTo(100.0);
        // distributions and the channel breakdown survive the store (field names "1".."7", "COUNTER", "PHONE")
        assertThat(scorecard.at("/feedback/csat/distribution/4").asLong()).isEqualTo(2);
        assertThat(scorecard.at("/feedback/csat/stdDev").asDouble()).isCloseTo(Math.sqrt(1.0 / 3), EXACT);
        assertThat(scorecard.at("/feedback/nps/stdDev").asDouble()).isCloseTo(2.0, EXACT);
        assertThat(scorecard
                        .at("/feedback/servqual/dimensions/empathy/perceptionDistribution/5")
                        .asLong())
                .isEqualTo(1);
        assertThat(scorecard.at("/byChannel").propertyNames()).containsExactly("COUNTER", "PHONE");
        assertThat(scorecard.at("/byChannel/COUNTER/feedback/csat/percent").asDouble())
                .isCloseTo(200.0 / 3, EXACT);
        assertThat(scorecard.at("/byChannel/PHONE/interactions/waitSeconds/p90").asDouble())
                .isEqualTo(45.0);
        assertThat(scorecard.at("/byChannel/PHONE/complaints/opened").asLong()).isEqualTo(1);
        JsonNode report =
                getJson("/api/v1/reports/complaints?branchId=" + sample.branchId() + "&from=" + NINE + "&to=" + TEN);
        assertThat(report.at("/openedByDepartment/accounts").asLong()).isEqualTo(1);
    }

    @Test
    void theLivePushMeasuresFreshnessFromTheAcceptanceOfTheEarliestEventAnUpdateReflects() throws Exception {
        PrometheusScrape before = scrape();
        String branch = newBranch();
        var record = new ProducerRecord<>(
                Topics.METRIC_UPDATED,
                Topics.recordKey(TENANT, branch),
                json.writeValueAsString(update(branch, NINE, 1, onlyComplaints(1))));
        // accepted 400 ms before it is published: at least that, and well under a second to the push here
        record.headers()
                .add(
                        "sqp-accepted-at",
                        Long.toString(System.currentTimeMillis() - 400).getBytes(StandardCharsets.UTF_8));
        producer.send(record);

        await().atMost(DEADLINE).untilAsserted(() -> {
            PrometheusScrape after = scrape();
            assertThat(after.sum("sqp_freshness_seconds_count", Map.of())
                            - before.sum("sqp_freshness_seconds_count", Map.of()))
                    .isEqualTo(1);
            assertThat(after.sum("sqp_freshness_seconds_sum", Map.of())
                            - before.sum("sqp_freshness_seconds_sum", Map.of()))
                    .isGreaterThanOrEqualTo(0.4);
            assertThat(after.has("sqp_freshness_seconds_bucket", Map.of("le", "1.0")))
                    .isTrue();
            assertThat(after.has("sqp_live_subscribers", Map.of("application", "reporting-service")))
                    .isTrue();
        });
    }

    private PrometheusScrape scrape() throws Exception {
        return new PrometheusScrape(mvc.perform(get("/actuator/prometheus"))
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    @Test
    void fieldsAddedByANewerProducerAreIgnored() {
        String branch = newBranch();
        ObjectNode newer = json.valueToTree(update(branch, NINE, 1, onlyComplaints(6)));
        newer.put("addedLater", "by a newer producer");
        newer.withObject("statistics").withObject("complaints").put("escalated", 2);

        producer.send(new ProducerRecord<>(
                Topics.METRIC_UPDATED, Topics.recordKey(TENANT, branch), json.writeValueAsString(newer)));

        awaitScorecard(branch, NINE, TEN, card -> card.at("/complaints/opened").asLong() == 6);
    }

    @Test
    void reportsHealthAndPublishesTheScorecardInItsOpenApiDocument() throws Exception {
        JsonNode health = json.readTree(
                mvc.perform(get("/actuator/health")).andReturn().getResponse().getContentAsString());
        JsonNode openApi = json.readTree(
                mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());

        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(openApi.at("/paths").has("/api/v1/reports/scorecard")).isTrue();
    }

    @Test
    void aRegionScorecardSumsItsBranchesAcrossDaysAndMonthsExactlyAndFollowsNewerRevisions() throws Exception {
        String region = "region-" + UUID.randomUUID().toString().substring(0, 6);
        String north = newBranch();
        String south = newBranch();
        String elsewhere = newBranch();
        createBranch(north, region, "Europe/Berlin");
        createBranch(south, region, "UTC");
        createBranch(elsewhere, "other-" + region, "UTC");
        Instant janLastHour = Instant.parse("2026-01-31T23:00:00Z");
        Instant febFirst = Instant.parse("2026-02-01T00:00:00Z");
        Instant febMid = Instant.parse("2026-02-15T10:00:00Z");
        Instant marFirst = Instant.parse("2026-03-01T05:00:00Z");
        publish(update(north, janLastHour, 1, onlyComplaints(1)));
        publish(update(north, febFirst, 1, onlyComplaints(10)));
        publish(update(north, febMid, 1, onlyComplaints(100)));
        publish(update(south, febMid, 1, onlyComplaints(1000)));
        publish(update(south, marFirst, 1, onlyComplaints(10_000)));
        publish(update(elsewhere, febMid, 1, onlyComplaints(100_000)));
        // outside the range: 06:00 on 1 March is its end
        publish(update(south, Instant.parse("2026-03-01T06:00:00Z"), 1, onlyComplaints(1_000_000)));
        Instant from = Instant.parse("2026-01-31T20:00:00Z");
        Instant to = Instant.parse("2026-03-01T06:00:00Z");

        // hours of 31 Jan + the February month roll-up + hours of 1 March, summed over the region's two branches
        awaitJson(
                "/api/v1/reports/scorecard?regionId=" + region + "&from=" + from + "&to=" + to,
                card -> card.at("/complaints/opened").asLong() == 11_111);

        // a newer revision of one hour changes the day and month roll-ups it falls in
        publish(update(north, febMid, 2, onlyComplaints(300)));
        JsonNode card = awaitJson(
                "/api/v1/reports/scorecard?regionId=" + region + "&from=" + from + "&to=" + to,
                c -> c.at("/complaints/opened").asLong() == 11_311);
        assertThat(card.at("/scope/level").asString()).isEqualTo("REGION");
        assertThat(card.at("/scope/regionId").asString()).isEqualTo(region);
        assertThat(card.at("/interactions").isNull()).isTrue();
        // a whole year, read through roll-ups, equals the same sum
        awaitJson(
                "/api/v1/reports/scorecard?branchId=" + north + "&from=2025-06-01T07:00:00Z&to=2026-06-01T07:00:00Z",
                c -> c.at("/complaints/opened").asLong() == 311);
        // the daily trend counts the local days of Berlin for the Berlin branch: 23:00Z on 31 Jan is 1 Feb there
        JsonNode trend = getJson("/api/v1/reports/trends?branchId=" + north
                + "&granularity=day&from=2026-01-31T00:00:00Z&to=2026-02-16T00:00:00Z");
        assertThat(trend.get("zone").asString()).isEqualTo("Europe/Berlin");
        assertThat(trend.get("points").findValuesAsString("start"))
                .containsExactly("2026-01-31T23:00:00Z", "2026-02-14T23:00:00Z");
        assertThat(trend.at("/points/0/complaintsOpened").asLong()).isEqualTo(11);
    }

    @Test
    void rankingsOfARegionShowIntervalsTiesAndLeaveOutSmallSamples() throws Exception {
        String region = "region-" + UUID.randomUUID().toString().substring(0, 6);
        String[] branches = {newBranch(), newBranch(), newBranch(), newBranch()};
        for (String branch : branches) {
            createBranch(branch, region, "UTC");
        }
        // CSAT 100/100, 90/100, 85/100 and 29/29 (below the minimum n of 30)
        publish(update(branches[0], NINE, 1, csatOnly(100, 100)));
        publish(update(branches[1], NINE, 1, csatOnly(100, 90)));
        publish(update(branches[2], NINE, 1, csatOnly(100, 85)));
        publish(update(branches[3], NINE, 1, csatOnly(29, 29)));
        String url = "/api/v1/reports/rankings?metric=csat&regionId=" + region + "&from=" + NINE + "&to=" + TEN;

        JsonNode ranking = awaitJson(
                url, r -> r.get("entries").size() == 3 && r.get("excluded").size() == 1);

        assertThat(ranking.get("entries").findValuesAsString("branchId"))
                .containsExactly(branches[0], branches[1], branches[2]);
        assertThat(ranking.get("entries").findValues("rank"))
                .extracting(JsonNode::asInt)
                .containsExactly(1, 2, 2);
        assertThat(ranking.at("/entries/1/ci95/0").asDouble()).isCloseTo(82.56326956323346, EXACT);
        assertThat(ranking.at("/entries/0").propertyNames())
                .containsExactly("rank", "tieGroup", "branchId", "value", "n", "ci95");
        assertThat(ranking.at("/excluded/0/branchId").asString()).isEqualTo(branches[3]);
        assertThat(ranking.at("/excluded/0/n").asLong()).isEqualTo(29);
        String csv = getText(url + "&format=csv");
        assertThat(csv.lines().toList()).first().isEqualTo("rank,tieGroup,branchId,csat,n,ci95Low,ci95High");
        assertThat(csv.lines().toList().get(2)).startsWith("2,2," + branches[1] + ",90.0,100,82.563");
    }

    @Test
    void theBranchDirectoryIsEditableAndPublishedOnACompactedTopic() throws Exception {
        String branch = newBranch();
        try (KafkaConsumer<String, String> directory = consumerOf(Topics.BRANCH_DIRECTORY)) {
            HttpResponse<String> created = send("POST", "/api/v1/branches", """
                    {"branchId": "%s", "code": "%s", "name": "Lujiazui", "regionId": "east",
                     "timeZone": "Asia/Shanghai"}""".formatted(branch, branch));
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.headers().firstValue("Location")).contains("/api/v1/branches/" + branch);

            HttpResponse<String> sameCode = send("POST", "/api/v1/branches", """
                    {"branchId": "%s-b", "code": "%s", "name": "Copy", "regionId": "east"}""".formatted(branch, branch));
            assertThat(sameCode.statusCode()).isEqualTo(409);
            assertThat(json.readTree(sameCode.body()).at("/errors/0/field").asString())
                    .isEqualTo("code");

            HttpResponse<String> badZone = send("PUT", "/api/v1/branches/" + branch, """
                    {"code": "%s", "name": "Lujiazui", "regionId": "east", "timeZone": "Mars/Olympus"}""".formatted(branch));
            assertThat(badZone.statusCode()).isEqualTo(400);
            assertThat(json.readTree(badZone.body()).at("/errors/0/field").asString())
                    .isEqualTo("timeZone");

            HttpResponse<String> moved = send("PUT", "/api/v1/branches/" + branch, """
                    {"code": "%s", "name": "Lujiazui", "regionId": "west", "timeZone": "Asia/Shanghai"}""".formatted(branch));
            assertThat(moved.statusCode()).isEqualTo(200);
            assertThat(json.readTree(moved.body()).get("version").asLong()).isEqualTo(2);
            assertThat(getJson("/api/v1/branches?regionId=west").findValuesAsString("branchId"))
                    .contains(branch);

            assertThat(send("DELETE", "/api/v1/branches/" + branch, null).statusCode())
                    .isEqualTo(204);
            assertThat(send("GET", "/api/v1/branches/" + branch, null).statusCode())
                    .isEqualTo(404);

            // every version reaches the topic, keyed by tenant:branch; the last one says it was removed. At least once:
            // the sweep may send a version again (same eventId) while the first send's acknowledgement is recorded
            Map<String, JsonNode> byEventId = new LinkedHashMap<>();
            await().atMost(DEADLINE).untilAsserted(() -> {
                directory.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (Topics.recordKey(TENANT, branch).equals(record.key())) {
                        JsonNode event = json.readTree(record.value());
                        byEventId.putIfAbsent(event.get("eventId").asString(), event);
                    }
                });
                assertThat(byEventId).hasSize(3);
            });
            List<JsonNode> published = new ArrayList<>(byEventId.values());
            assertThat(published)
                    .extracting(event -> event.get("regionId").asString())
                    .containsExactly("east", "west", "west");
            assertThat(published)
                    .extracting(event -> event.get("removed").asBoolean())
                    .containsExactly(false, false, true);
            assertThat(published.get(2).get("code").asString()).isEqualTo(branch);
            assertThat(published.get(0).get("timeZone").asString()).isEqualTo("Asia/Shanghai");
        }
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers())))) {
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.BRANCH_DIRECTORY);
            String policy = admin.describeConfigs(List.of(resource))
                    .all()
                    .get()
                    .get(resource)
                    .get("cleanup.policy")
                    .value();
            assertThat(policy).isEqualTo("compact");
        }
    }

    @Test
    void complaintEventsKeepTheOpenBacklogAndTheOverdueCountOnceEach() throws Exception {
        String branch = newBranch();
        ComplaintChanged sample = json.readValue(EventSample.COMPLAINT_CHANGED.json(), ComplaintChanged.class);
        ComplaintChanged late =
                complaint(sample, branch, "c-late", ComplaintEventType.OPENED, Instant.parse("2020-01-01T00:00:00Z"));
        ComplaintChanged onTime = complaint(
                sample, branch, "c-on-time", ComplaintEventType.OPENED, Instant.parse("2099-01-01T00:00:00Z"));
        ComplaintChanged resolved =
                complaint(sample, branch, "c-done", ComplaintEventType.OPENED, Instant.parse("2020-01-01T00:00:00Z"));
        // one partition, in this order: no state before the last event has 2 open and 1 overdue
        publishComplaint(resolved);
        publishComplaint(complaint(sample, branch, "c-done", ComplaintEventType.RESOLVED, null));
        publishComplaint(late);
        publishComplaint(late);
        publishComplaint(onTime);

        JsonNode card = awaitScorecard(
                branch,
                NINE,
                TEN,
                c -> c.at("/complaints/open").asLong() == 2
                        && c.at("/complaints/overdue").asLong() == 1);

        assertThat(card.at("/complaints/opened").asLong()).isZero();
        // they came by phone (the sample's channel): the channel's open and overdue complaints, with no event in range
        assertThat(card.at("/byChannel/PHONE/complaints/open").asLong()).isEqualTo(2);
        assertThat(card.at("/byChannel/PHONE/complaints/overdue").asLong()).isEqualTo(1);
        assertThat(card.at("/byChannel/PHONE/complaints/opened").asLong()).isZero();
        JsonNode report = getJson("/api/v1/reports/complaints?branchId=" + branch + "&from=" + NINE + "&to=" + TEN);
        assertThat(report.get("openComplaints").findValuesAsString("complaintId"))
                .containsExactly("c-late", "c-on-time");
        assertThat(report.at("/openComplaints/0/overdue").asBoolean()).isTrue();
        assertThat(report.at("/openComplaints/1/overdue").asBoolean()).isFalse();
        assertThat(getText("/api/v1/reports/complaints?branchId=" + branch + "&from=" + NINE + "&to=" + TEN
                                + "&format=csv")
                        .lines())
                .hasSize(3)
                .first()
                .isEqualTo("branchId,number,complaintId,category,severity,department,channel,resolutionDueAt,overdue");
    }

    @Test
    void metricUpdatesAndAlertsStreamLiveFilteredByBranchAndResumeFromLastEventId() throws Exception {
        String branch = newBranch();
        String other = newBranch();
        AlertRaised sample = (AlertRaised) json.readValue(EventSample.ALERT_RAISED.json(), AlertEvent.class);
        try (SseReader stream = SseReader.open(http, uri("/api/v1/live?branchId=" + branch), null)) {
            await().atMost(DEADLINE).until(stream::connected);
            publish(update(other, NINE, 1, onlyComplaints(1)));
            publish(update(branch, NINE, 1, nineOClock()));
            String alert = json.writeValueAsString(alertFor(sample, branch));
            producer.send(new ProducerRecord<>(Topics.ALERTS, Topics.recordKey(TENANT, branch), alert))
                    .get();
            producer.send(new ProducerRecord<>(Topics.ALERTS, Topics.recordKey(TENANT, branch), alert))
                    .get();

            // two topics: the metric and the alert may arrive in either order, and the branch's first risk grade
            // (assessed from them) may come in between
            List<SseReader.Event> received = new java.util.ArrayList<>();
            while (received.size() < 6
                    && !(received.stream().anyMatch(event -> event.name().equals("metric"))
                            && received.stream().anyMatch(event -> event.name().equals("alert")))) {
                received.add(stream.next(DEADLINE));
            }
            SseReader.Event metric = received.stream()
                    .filter(event -> event.name().equals("metric"))
                    .findFirst()
                    .orElseThrow();
            SseReader.Event raised = received.stream()
                    .filter(event -> event.name().equals("alert"))
                    .findFirst()
                    .orElseThrow();
            SseReader.Event first = received.get(0);
            SseReader.Event second = received.get(1);
            assertThat(json.readTree(metric.data()).get("branchId").asString()).isEqualTo(branch);
            assertThat(json.readTree(metric.data()).get("csat").asDouble()).isCloseTo(50.0, EXACT);
            assertThat(raised.name()).isEqualTo("alert");
            assertThat(json.readTree(raised.data()).get("state").asString()).isEqualTo("RAISED");
            assertThat(json.readTree(raised.data()).get("metric").asString()).isEqualTo("csat.percent");
            await().atMost(DEADLINE).until(() -> stream.heartbeats() > 0);

            try (SseReader resumed = SseReader.open(http, uri("/api/v1/live?branchId=" + branch), first.id())) {
                SseReader.Event replayed = resumed.next(DEADLINE);
                assertThat(replayed.id()).isEqualTo(second.id());
                assertThat(replayed.name()).isEqualTo(second.name());
            }
            try (SseReader unknown = SseReader.open(http, uri("/api/v1/live"), "from-another-run-7")) {
                assertThat(unknown.next(DEADLINE).name()).isEqualTo("reset");
            }
        }
        // the duplicate delivery was stored once; the alert is active (tenant-scoped alerts of other tests show too)
        JsonNode alerts = getJson("/api/v1/alerts?branchId=" + branch);
        assertThat(ofBranch(alerts.get("recent"), branch)).hasSize(1);
        assertThat(ofBranch(alerts.get("active"), branch))
                .singleElement()
                .satisfies(
                        active -> assertThat(active.get("alertId").asString()).isEqualTo("rule-csat-85:" + branch));
    }

    @Test
    void poisonAlertsAndComplaintEventsLandOnTheirDeadLetterTopics() throws Exception {
        String branch = newBranch();
        String key = Topics.recordKey(TENANT, branch);
        try (KafkaConsumer<String, String> alertDead = consumerOf(Topics.deadLetterTopicOf(Topics.ALERTS));
                KafkaConsumer<String, String> complaintDead =
                        consumerOf(Topics.deadLetterTopicOf(Topics.COMPLAINT_CHANGED))) {
            producer.send(new ProducerRecord<>(Topics.ALERTS, key, "{\"type\": \"AlertRaised\", \"oops\""));
            ObjectNode withoutComplaintId = (ObjectNode) json.readTree(EventSample.COMPLAINT_CHANGED.json());
            withoutComplaintId.remove("complaintId");
            producer.send(
                    new ProducerRecord<>(Topics.COMPLAINT_CHANGED, key, json.writeValueAsString(withoutComplaintId)));
            AlertRaised sample = (AlertRaised) json.readValue(EventSample.ALERT_RAISED.json(), AlertEvent.class);
            producer.send(new ProducerRecord<>(Topics.ALERTS, key, json.writeValueAsString(alertFor(sample, branch))))
                    .get();

            awaitJson(
                    "/api/v1/alerts?branchId=" + branch,
                    a -> ofBranch(a.get("recent"), branch).size() == 1);
            assertThat(deadLettersOf(alertDead, key))
                    .singleElement()
                    .satisfies(dead -> assertThat(causeOf(dead)).isEqualTo(DeserializationException.class.getName()));
            assertThat(deadLettersOf(complaintDead, key))
                    .singleElement()
                    .satisfies(dead ->
                            assertThat(causeOf(dead)).isEqualTo(InvalidComplaintEventException.class.getName()));
        }
    }

    /**
     * The staff read model keeps the newest revision of each staff day: the contract sample is applied as published, a
     * redelivery and an older revision change nothing, a newer one replaces it; an update without a staff id and bytes
     * that are no update land on the dead-letter topic, and later updates are still applied.
     */
    @Test
    void staffDaysKeepTheirNewestRevisionAndUnusableUpdatesAreDeadLettered() throws Exception {
        String branch = newBranch();
        String key = Topics.recordKey(TENANT, branch);
        ObjectNode sample = (ObjectNode) json.readTree(EventSample.STAFF_METRIC_UPDATED.json());
        sample.put("tenantId", TENANT).put("branchId", branch);
        String range = "from=2026-11-19T16:00:00Z&to=2026-11-20T16:00:00Z&branchId=" + branch;
        try (KafkaConsumer<String, String> dead = consumerOf(Topics.deadLetterTopicOf(Topics.STAFF_METRIC_UPDATED))) {
            publishStaffDay(key, sample, 5, 4);
            publishStaffDay(key, sample, 5, 4);
            publishStaffDay(key, sample, 3, 99);
            ObjectNode withoutStaff = sample.deepCopy();
            withoutStaff.remove("staffId");
            producer.send(
                    new ProducerRecord<>(Topics.STAFF_METRIC_UPDATED, key, json.writeValueAsString(withoutStaff)));
            producer.send(new ProducerRecord<>(Topics.STAFF_METRIC_UPDATED, key, "{\"staffId\": "));

            JsonNode first = awaitJson(
                    "/api/v1/reports/staff?" + range,
                    report -> report.get("staff").size() == 1);
            JsonNode agent = first.at("/staff/0");
            assertThat(agent.get("staffId").asString()).isEqualTo("a-12");
            assertThat(agent.at("/interactions/offered").asLong()).isEqualTo(4);
            assertThat(agent.at("/interactions/avgHandleSeconds").asDouble()).isEqualTo(610.0 / 3);
            assertThat(agent.at("/interactions/standardHandleSeconds").asDouble())
                    .isEqualTo((180.0 * 2 + 300) / 3);
            assertThat(agent.at("/interactions/handledWithinStandardRate").asDouble())
                    .isEqualTo(100.0);
            assertThat(agent.at("/feedback/csat/percent").asDouble()).isEqualTo(100.0);
            assertThat(agent.at("/complaints/firstResponseCompliance").asDouble())
                    .isEqualTo(100.0);
            assertThat(deadLettersOf(dead, key, 2).stream().map(ReportingServiceIT::causeOf))
                    .containsExactlyInAnyOrder(
                            DeserializationException.class.getName(),
                            "io.servicequality.reporting.staff.InvalidStaffMetricUpdateException");
            assertThat(getJson("/api/v1/reports/staff?" + range)
                            .at("/staff/0/interactions/offered")
                            .asLong())
                    .as("the older revision 3 changed nothing")
                    .isEqualTo(4);

            publishStaffDay(key, sample, 6, 5);
            awaitJson(
                    "/api/v1/reports/staff?" + range,
                    report -> report.at("/staff/0/interactions/offered").asLong() == 5);
        }
    }

    private void publishStaffDay(String key, ObjectNode sample, long revision, long offered) throws Exception {
        ObjectNode update = sample.deepCopy();
        update.put("revision", revision);
        ((ObjectNode) update.get("statistics").get("interactions")).put("offered", offered);
        producer.send(new ProducerRecord<>(Topics.STAFF_METRIC_UPDATED, key, json.writeValueAsString(update)))
                .get();
    }

    /**
     * Quality targets arrive on the compacted topic as scoring-service publishes them: a tenant-wide CSAT target that
     * one branch overrides with its own, a tenant-wide answer-rate target, and a target that is removed (a late, older
     * event does not bring it back). Hand-computed attainment of a region's three branches.
     */
    @Test
    void targetAttainmentFollowsTheCompactedTargetTopicPerBranchAndPerTarget() throws Exception {
        String region = "targets-" + UUID.randomUUID().toString().substring(0, 6);
        String prefix = newBranch();
        String a = prefix + "-a";
        String b = prefix + "-b";
        String c = prefix + "-c";
        for (String branch : List.of(a, b, c)) {
            createBranch(branch, region, "UTC");
        }
        // A: CSAT 3/4 = 75 %, answered 9/10 = 90 %; B: CSAT 4/5 = 80 %, answered 19/20 = 95 %; C: CSAT 1/2, no calls
        publish(update(a, NINE, 1, csatAndCalls(4, 3, 10, 9)));
        publish(update(b, NINE, 1, csatAndCalls(5, 4, 20, 19)));
        publish(update(c, NINE, 1, csatOnly(2, 1)));
        // the buckets first (the targets travel on another topic and may be applied sooner)
        awaitJson(
                "/api/v1/reports/scorecard?regionId=" + region + "&from=" + NINE + "&to=" + TEN,
                r -> r.at("/feedback/csat/n").asLong() == 11);
        String csatAll = "csat-all-" + region;
        String csatOfA = "csat-a-" + region;
        String answerRateAll = "answer-all-" + region;
        String removedCes = "ces-removed-" + region;
        Instant t0 = Instant.parse("2026-11-19T08:00:00Z");
        publishTarget(target(csatAll, null, "csat.percent", "AT_LEAST", 80, t0, false));
        publishTarget(target(csatAll, null, "csat.percent", "AT_LEAST", 80, t0, false));
        publishTarget(target(csatOfA, a, "csat.percent", "AT_LEAST", 70, t0, false));
        publishTarget(target(answerRateAll, null, "interactions.answerRate", "AT_LEAST", 95, t0, false));
        // one partition, in this order: created, removed, an older update arriving late, then a marker
        publishTarget(0, target(removedCes, null, "ces.mean", "AT_MOST", 3, t0, false));
        publishTarget(0, target(removedCes, null, "ces.mean", "AT_MOST", 3, t0.plusSeconds(120), true));
        publishTarget(0, target(removedCes, null, "ces.mean", "AT_MOST", 2, t0.plusSeconds(60), false));
        String marker = "marker-" + region;
        publishTarget(0, target(marker, "elsewhere-" + region, "nps.score", "AT_LEAST", 0, t0, false));

        String path = "/api/v1/reports/targets?regionId=" + region + "&from=" + NINE + "&to=" + TEN;
        JsonNode report = awaitJson(
                path,
                r -> r.get("branches").size() == 3
                        && r.at("/branches/0/targets").size() == 2
                        && r.get("targets").size() == 3
                        && getUnchecked("/api/v1/reports/targets?branchId=elsewhere-" + region + "&from=" + NINE
                                        + "&to=" + TEN)
                                .at("/targets")
                                .findValuesAsString("targetId")
                                .contains(marker));

        // per target: the share of the branches it applies to (with data) that attain it, tenant-wide first per metric
        assertThat(report.get("targets").findValuesAsString("targetId"))
                .containsExactly(csatAll, csatOfA, answerRateAll);
        assertThat(summary(report, 0)).containsExactly(2L, 2L, 1L); // B (80 ≥ 80) and C (50); A has its own target
        assertThat(report.at("/targets/0/attainingPercent").asDouble()).isCloseTo(50.0, EXACT);
        assertThat(summary(report, 1)).containsExactly(1L, 1L, 1L); // A: 75 ≥ 70
        assertThat(report.at("/targets/1/attainingPercent").asDouble()).isCloseTo(100.0, EXACT);
        assertThat(summary(report, 2)).containsExactly(3L, 2L, 1L); // A 90 no, B 95 yes, C no calls
        assertThat(report.at("/targets/2/attainingPercent").asDouble()).isCloseTo(50.0, EXACT);
        // per branch, by id
        assertThat(report.get("branches")
                        .valueStream()
                        .map(branch -> branch.get("branchId").asString()))
                .containsExactly(a, b, c);
        JsonNode ofA = report.at("/branches/0/targets");
        assertThat(ofA.findValuesAsString("targetId")).containsExactly(csatOfA, answerRateAll);
        assertThat(ofA.at("/0/observed").asDouble()).isCloseTo(75.0, EXACT);
        assertThat(ofA.at("/0/n").asLong()).isEqualTo(4);
        assertThat(ofA.at("/0/attained").asBoolean()).isTrue();
        assertThat(ofA.at("/1/observed").asDouble()).isCloseTo(90.0, EXACT);
        assertThat(ofA.at("/1/n").asLong()).isEqualTo(10);
        assertThat(ofA.at("/1/attained").asBoolean()).isFalse();
        JsonNode ofC = report.at("/branches/2/targets");
        assertThat(ofC.at("/0/attained").asBoolean()).isFalse();
        assertThat(ofC.at("/1/observed").isNull()).isTrue();
        assertThat(ofC.at("/1/attained").isNull()).isTrue();

        // the branch scorecard shows the targets that apply to it; the region's the tenant-wide ones on its sums
        JsonNode cardOfA = scorecard(a, NINE, TEN);
        assertThat(cardOfA.get("targets").findValuesAsString("targetId")).containsExactly(csatOfA, answerRateAll);
        assertThat(cardOfA.at("/targets/0/attained").asBoolean()).isTrue();
        JsonNode regionCard = getJson("/api/v1/reports/scorecard?regionId=" + region + "&from=" + NINE + "&to=" + TEN);
        assertThat(regionCard.get("targets").findValuesAsString("targetId")).containsExactly(csatAll, answerRateAll);
        // CSAT (3 + 4 + 1) / 11 = 72.7 % < 80; answered (9 + 19) / 30 = 93.3 % < 95
        assertThat(regionCard.at("/targets/0/observed").asDouble()).isCloseTo(800.0 / 11, EXACT);
        assertThat(regionCard.at("/targets/0/attained").asBoolean()).isFalse();
        assertThat(regionCard.at("/targets/1/observed").asDouble()).isCloseTo(280.0 / 3, EXACT);
        assertThat(regionCard.at("/targets/1/n").asLong()).isEqualTo(30);

        List<String> csv = getText(path + "&format=csv").lines().toList();
        assertThat(csv.get(0)).isEqualTo("branchId,targetId,targetScope,metric,bound,value,observed,n,attained");
        assertThat(csv)
                .hasSize(7)
                .contains(b + "," + csatAll + ",TENANT,csat.percent,AT_LEAST,80.0,80.0,5,true")
                .contains(c + "," + answerRateAll + ",TENANT,interactions.answerRate,AT_LEAST,95.0,,0,");
    }

    /**
     * The complaint report's compliance by category, severity and department, counted from the complaint events as
     * complaint-service publishes them (a later event without category takes the complaint's), against hand counts.
     */
    @Test
    void complaintComplianceIsBrokenDownByCategorySeverityAndDepartment() throws Exception {
        String branch = newBranch();
        Instant longAgo = Instant.parse("2020-01-01T00:00:00Z");
        Instant later = Instant.parse("2099-01-01T00:00:00Z");
        var quality = ComplaintChanged.ComplaintCategory.QUALITY;
        var nonQuality = ComplaintChanged.ComplaintCategory.NON_QUALITY;
        var high = ComplaintChanged.Severity.HIGH;
        var low = ComplaintChanged.Severity.LOW;
        // c1: quality, high, Lending: acknowledged in time (the event names no category), resolved late
        publishComplaint(lifecycle(branch, "c1", ComplaintEventType.OPENED, 0, quality, high, "Lending", null, later));
        publishComplaint(lifecycle(branch, "c1", ComplaintEventType.ACKNOWLEDGED, 10, null, null, null, true, null));
        ComplaintChanged lateResolution =
                lifecycle(branch, "c1", ComplaintEventType.RESOLVED, 50, null, null, null, false, null);
        publishComplaint(lateResolution);
        publishComplaint(lateResolution);
        // c2: non-quality, low, Cards: acknowledged late, still open and overdue
        publishComplaint(
                lifecycle(branch, "c2", ComplaintEventType.OPENED, 0, nonQuality, low, "Cards", null, longAgo));
        publishComplaint(
                lifecycle(branch, "c2", ComplaintEventType.ACKNOWLEDGED, 20, nonQuality, low, "Cards", false, null));
        // c3: quality, low, Cards: acknowledged and resolved in time
        publishComplaint(lifecycle(branch, "c3", ComplaintEventType.OPENED, 30, quality, low, "Cards", null, later));
        publishComplaint(
                lifecycle(branch, "c3", ComplaintEventType.ACKNOWLEDGED, 35, quality, low, "Cards", true, null));
        publishComplaint(lifecycle(branch, "c3", ComplaintEventType.RESOLVED, 40, quality, low, "Cards", true, null));
        // c4: opened at 10:00, outside [09:00, 10:00), open and overdue now
        publishComplaint(
                lifecycle(branch, "c4", ComplaintEventType.OPENED, 60, quality, high, "Lending", null, longAgo));

        JsonNode report = awaitJson(
                "/api/v1/reports/complaints?branchId=" + branch + "&from=" + NINE + "&to=" + TEN,
                // c4 is the last event on the branch's partition; only once it is applied is QUALITY open again
                // after both of its complaints were resolved (an earlier state can show one open, too)
                r -> r.at("/byCategory/QUALITY/resolved").asLong() == 2
                        && r.at("/byCategory/QUALITY/open").asLong() == 1
                        && r.at("/bySeverity/HIGH/open").asLong() == 1);

        // opened, acknowledged, within, resolved, within, open now, overdue now
        assertThat(group(report, "/byCategory/QUALITY")).containsExactly(2L, 2L, 2L, 2L, 1L, 1L, 1L);
        assertThat(report.at("/byCategory/QUALITY/firstResponseCompliance").asDouble())
                .isCloseTo(100.0, EXACT);
        assertThat(report.at("/byCategory/QUALITY/resolutionCompliance").asDouble())
                .isCloseTo(50.0, EXACT);
        assertThat(group(report, "/byCategory/NON_QUALITY")).containsExactly(1L, 1L, 0L, 0L, 0L, 1L, 1L);
        assertThat(report.at("/byCategory/NON_QUALITY/firstResponseCompliance").asDouble())
                .isCloseTo(0.0, EXACT);
        assertThat(report.at("/byCategory/NON_QUALITY/resolutionCompliance").isNull())
                .isTrue();
        assertThat(group(report, "/bySeverity/HIGH")).containsExactly(1L, 1L, 1L, 1L, 0L, 1L, 1L);
        assertThat(group(report, "/bySeverity/LOW")).containsExactly(2L, 2L, 1L, 1L, 1L, 1L, 1L);
        assertThat(report.at("/bySeverity/LOW/firstResponseCompliance").asDouble())
                .isCloseTo(50.0, EXACT);
        assertThat(group(report, "/byDepartment/Cards")).containsExactly(2L, 2L, 1L, 1L, 1L, 1L, 1L);
        assertThat(group(report, "/byDepartment/Lending")).containsExactly(1L, 1L, 1L, 1L, 0L, 1L, 1L);
        assertThat(report.at("/byDepartment/Lending/resolutionCompliance").asDouble())
                .isCloseTo(0.0, EXACT);

        List<String> csv = getText("/api/v1/reports/complaints?branchId=" + branch + "&from=" + NINE + "&to=" + TEN
                        + "&format=csv&table=compliance")
                .lines()
                .toList();
        assertThat(csv)
                .hasSize(7)
                .contains("category,QUALITY,2,2,2,100.0,2,1,50.0,0,1,1", "department,Cards,2,2,1,50.0,1,1,100.0,0,1,1");
    }

    @Test
    void invalidQualityTargetEventsLandOnTheirDeadLetterTopicAndLaterOnesAreApplied() throws Exception {
        String branch = newBranch();
        QualityTargetChanged vague = target("vague-" + branch, branch, "csat.percent", "ABOUT", 80, NINE, false);
        QualityTargetChanged valid = target("valid-" + branch, branch, "csat.percent", "AT_LEAST", 80, NINE, false);
        try (KafkaConsumer<String, String> dead = consumerOf(Topics.deadLetterTopicOf(Topics.QUALITY_TARGETS))) {
            publishTarget(0, vague);
            producer.send(new ProducerRecord<>(Topics.QUALITY_TARGETS, 0, vague.recordKey(), "{ not json"))
                    .get();
            publishTarget(0, valid);

            awaitJson(
                    "/api/v1/reports/targets?branchId=" + branch + "&from=" + NINE + "&to=" + TEN,
                    r -> r.get("targets").findValuesAsString("targetId").contains(valid.targetId()));
            List<String> causes = deadLettersOf(dead, vague.recordKey(), 2).stream()
                    .map(ReportingServiceIT::causeOf)
                    .toList();
            assertThat(causes)
                    .containsExactlyInAnyOrder(
                            InvalidQualityTargetException.class.getName(), DeserializationException.class.getName());
        }
        assertThat(getJson("/api/v1/reports/targets?branchId=" + branch + "&from=" + NINE + "&to=" + TEN)
                        .get("targets")
                        .findValuesAsString("targetId"))
                .doesNotContain(vague.targetId());
    }

    /**
     * Region- and tenant-scoped alerts (branchId null): a branch's stream and alert list show its region's and the
     * tenant's; a region's show its own and the tenant's, never another region's.
     */
    @Test
    void regionAndTenantAlertsReachTheBranchesAndRegionsTheyConcern() throws Exception {
        String regionOne = "alerts-" + UUID.randomUUID().toString().substring(0, 6);
        String regionTwo = regionOne + "-two";
        String branchOne = newBranch();
        String branchTwo = newBranch();
        createBranch(branchOne, regionOne, "UTC");
        createBranch(branchTwo, regionTwo, "UTC");
        AlertRaised sample = (AlertRaised) json.readValue(EventSample.ALERT_RAISED.json(), AlertEvent.class);
        AlertRaised ofRegionOne = scopedAlert(sample, AlertEvent.AlertScope.Level.REGION, regionOne);
        AlertRaised ofRegionTwo = scopedAlert(sample, AlertEvent.AlertScope.Level.REGION, regionTwo);
        AlertRaised ofTenant = scopedAlert(sample, AlertEvent.AlertScope.Level.TENANT, TENANT);
        try (SseReader ofBranchOne = SseReader.open(http, uri("/api/v1/live?branchId=" + branchOne), null);
                SseReader ofSecondRegion = SseReader.open(http, uri("/api/v1/live?regionId=" + regionTwo), null)) {
            await().atMost(DEADLINE).until(() -> ofBranchOne.connected() && ofSecondRegion.connected());
            // one after the other, so the streams see them in this order
            for (AlertRaised alert : List.of(ofRegionTwo, ofRegionOne, ofTenant)) {
                producer.send(new ProducerRecord<>(
                                Topics.ALERTS,
                                TENANT + ":" + alert.scope().level() + ":"
                                        + alert.scope().id(),
                                json.writeValueAsString(alert)))
                        .get();
                awaitJson(
                        "/api/v1/alerts",
                        a -> a.get("recent").findValuesAsString("alertId").contains(alert.alertId()));
            }

            assertThat(alertIdOf(ofBranchOne.next(DEADLINE))).isEqualTo(ofRegionOne.alertId());
            assertThat(alertIdOf(ofBranchOne.next(DEADLINE))).isEqualTo(ofTenant.alertId());
            assertThat(alertIdOf(ofSecondRegion.next(DEADLINE))).isEqualTo(ofRegionTwo.alertId());
            assertThat(alertIdOf(ofSecondRegion.next(DEADLINE))).isEqualTo(ofTenant.alertId());
        }
        JsonNode branchAlerts = getJson("/api/v1/alerts?branchId=" + branchOne);
        assertThat(branchAlerts.get("recent").findValuesAsString("alertId"))
                .containsExactlyInAnyOrder(ofRegionOne.alertId(), ofTenant.alertId());
        assertThat(branchAlerts.get("active").findValuesAsString("alertId"))
                .containsExactlyInAnyOrder(ofRegionOne.alertId(), ofTenant.alertId());
        assertThat(getJson("/api/v1/alerts?regionId=" + regionTwo).get("recent").findValuesAsString("alertId"))
                .containsExactlyInAnyOrder(ofRegionTwo.alertId(), ofTenant.alertId());
        assertThat(getJson("/api/v1/alerts?limit=500").get("recent").findValuesAsString("alertId"))
                .contains(ofRegionOne.alertId(), ofRegionTwo.alertId(), ofTenant.alertId());
    }

    /**
     * The dashboard moved to the staff console: its old addresses here send a browser there (no page, no login form, no
     * session endpoint turning a pasted token into a cookie).
     */
    @Test
    void theOldDashboardAddressesRedirectToTheStaffConsoleAndThereIsNoSessionEndpoint() throws Exception {
        for (String path : List.of("/", "/dashboard", "/dashboard/", "/dashboard/index.html")) {
            HttpResponse<String> browser = browserGet(path);
            assertThat(browser.statusCode()).as(path).isEqualTo(302);
            assertThat(browser.headers().firstValue("Location")).as(path).contains("http://127.0.0.1:8090/");
        }
        assertThat(send("POST", "/api/v1/session", "{\"token\": \"x\"}", null).statusCode())
                .isEqualTo(401);
        assertThat(send("GET", "/api/v1/session", null).statusCode()).isIn(403, 404);
    }

    @Test
    void aBranchManagersViewsAndLiveStreamCarryOnlyHisBranchesAndAnotherTenantSeesNothing() throws Exception {
        String own = newBranch();
        String other = newBranch();
        String region = "bm-" + own;
        createBranch(own, region, "UTC");
        createBranch(other, region, "UTC");
        String manager = TestCredentials.bearer(TENANT, List.of(own), Role.BRANCH_MANAGER);
        String foreignAdmin = TestCredentials.bearer("other-bank", Role.ADMIN);
        try (SseReader mine = SseReader.open(http, uri("/api/v1/live"), null, manager);
                SseReader foreign = SseReader.open(http, uri("/api/v1/live"), null, foreignAdmin);
                SseReader everything = SseReader.open(http, uri("/api/v1/live?regionId=" + region), null)) {
            await().atMost(DEADLINE).until(() -> mine.connected() && foreign.connected() && everything.connected());
            publish(update(other, NINE, 1, onlyComplaints(20)));
            publish(update(own, NINE, 1, onlyComplaints(3)));
            // the admin's stream subscribed last: each event reaches it after the other two streams
            List<String> seenByAdmin = new ArrayList<>();
            await().atMost(DEADLINE).until(() -> {
                everything.drain().stream()
                        .filter(event -> event.name().equals("metric"))
                        .forEach(event -> seenByAdmin.add(branchOf(event)));
                return seenByAdmin.containsAll(List.of(own, other));
            });
            List<String> seenByManager = mine.drain().stream()
                    .filter(event -> event.name().equals("metric"))
                    .map(this::branchOf)
                    .toList();
            assertThat(seenByManager).contains(own).doesNotContain(other);
            assertThat(foreign.drain()).isEmpty();
        }

        // views: his region is the sum over his branches in it; the tenant only his branches; others 404
        JsonNode regionCard = awaitAs(
                manager,
                "/api/v1/reports/scorecard?regionId=" + region + "&from=" + NINE + "&to=" + TEN,
                card -> card.at("/complaints/opened").asLong() == 3);
        assertThat(regionCard.at("/scope/limitedTo").toString()).isEqualTo("[\"" + own + "\"]");
        assertThat(getJson("/api/v1/reports/scorecard?regionId=" + region + "&from=" + NINE + "&to=" + TEN)
                        .at("/complaints/opened")
                        .asLong())
                .isEqualTo(23);
        publish(update(other, TEN, 1, csatOnly(4, 3)));
        publish(update(own, TEN, 1, csatOnly(2, 1)));
        String rankings = "/api/v1/reports/rankings?metric=csat&minN=1&from=" + NINE + "&to=" + ELEVEN;
        awaitJson(rankings + "&regionId=" + region, r -> r.get("entries").size() == 2);
        JsonNode ranking = json.readTree(send("GET", rankings, null, manager).body());
        assertThat(ranking.get("entries").findValuesAsString("branchId")).containsExactly(own);
        assertThat(ranking.toString()).doesNotContain(other);
        assertThat(send(
                                "GET",
                                "/api/v1/reports/scorecard?branchId=" + other + "&from=" + NINE + "&to=" + TEN,
                                null,
                                manager)
                        .statusCode())
                .isEqualTo(404);
        assertThat(send("GET", "/api/v1/live?branchId=" + other, null, manager).statusCode())
                .isEqualTo(404);
        JsonNode directory =
                json.readTree(send("GET", "/api/v1/branches", null, manager).body());
        assertThat(directory.findValuesAsString("branchId")).containsExactly(own);
        assertThat(send("GET", "/api/v1/branches/" + other, null, manager).statusCode())
                .isEqualTo(404);
        assertThat(send("GET", "/api/v1/branches/" + own, null, foreignAdmin).statusCode())
                .isEqualTo(404);
        assertThat(json.readTree(send("GET", "/api/v1/branches", null, foreignAdmin)
                                .body())
                        .toString())
                .doesNotContain(own, other);
    }

    @Test
    void everyViewIsInTheOpenApiDocument() throws Exception {
        JsonNode paths = getJson("/v3/api-docs").get("paths");

        assertThat(paths.propertyNames())
                .contains(
                        "/api/v1/reports/scorecard",
                        "/api/v1/reports/rankings",
                        "/api/v1/reports/trends",
                        "/api/v1/reports/servqual-gaps",
                        "/api/v1/reports/key-drivers",
                        "/api/v1/reports/complaints",
                        "/api/v1/reports/targets",
                        "/api/v1/branches",
                        "/api/v1/alerts",
                        "/api/v1/live");
    }

    private static BucketStatistics csatAndCalls(long n, long satisfied, long offered, long answered) {
        return new BucketStatistics(
                n,
                null,
                new CsatStatistics(n, satisfied, 0, 0),
                null,
                null,
                null,
                new InteractionStatistics(offered, answered, offered - answered, answered, 0, 0, 0, 0, 0, null, null),
                null);
    }

    private static QualityTargetChanged target(
            String targetId,
            String branchId,
            String metric,
            String bound,
            double value,
            Instant occurredAt,
            boolean removed) {
        return new QualityTargetChanged(
                UUID.randomUUID(),
                TENANT,
                branchId,
                occurredAt,
                QualityTargetChanged.SCHEMA_VERSION,
                targetId,
                metric,
                bound,
                value,
                removed);
    }

    private void publishTarget(QualityTargetChanged target) throws Exception {
        producer.send(new ProducerRecord<>(Topics.QUALITY_TARGETS, target.recordKey(), json.writeValueAsString(target)))
                .get();
    }

    /** On one chosen partition, so that the records are consumed in the order sent. */
    private void publishTarget(int partition, QualityTargetChanged target) throws Exception {
        producer.send(new ProducerRecord<>(
                        Topics.QUALITY_TARGETS, partition, target.recordKey(), json.writeValueAsString(target)))
                .get();
    }

    /** branches, branchesWithData, attaining of the report's target at {@code index}. */
    private static List<Long> summary(JsonNode report, int index) {
        JsonNode target = report.get("targets").get(index);
        return List.of(
                target.get("branches").asLong(),
                target.get("branchesWithData").asLong(),
                target.get("attaining").asLong());
    }

    /** opened, acknowledged, acknowledgedWithinTarget, resolved, resolvedWithinTarget, open, overdue. */
    private static List<Long> group(JsonNode report, String pointer) {
        JsonNode group = report.at(pointer);
        return List.of(
                group.get("opened").asLong(),
                group.get("acknowledged").asLong(),
                group.get("acknowledgedWithinTarget").asLong(),
                group.get("resolved").asLong(),
                group.get("resolvedWithinTarget").asLong(),
                group.get("open").asLong(),
                group.get("overdue").asLong());
    }

    /** An event of complaint {@code id}, {@code minutes} after 09:00. */
    private static ComplaintChanged lifecycle(
            String branch,
            String id,
            ComplaintEventType type,
            int minutes,
            ComplaintChanged.ComplaintCategory category,
            ComplaintChanged.Severity severity,
            String department,
            Boolean withinTarget,
            Instant resolutionDue) {
        return new ComplaintChanged(
                UUID.randomUUID(),
                TENANT,
                branch,
                NINE.plus(Duration.ofMinutes(minutes)),
                ComplaintChanged.SCHEMA_VERSION,
                id,
                branch + "-202611-" + id,
                type,
                null,
                category,
                null,
                severity,
                department,
                null,
                resolutionDue,
                null,
                null,
                null,
                "it",
                withinTarget,
                type == ComplaintEventType.RESOLVED ? 60L : null,
                null,
                null,
                null);
    }

    private static AlertRaised scopedAlert(AlertRaised sample, AlertEvent.AlertScope.Level level, String id) {
        return new AlertRaised(
                UUID.randomUUID(),
                TENANT,
                null,
                sample.occurredAt(),
                sample.schemaVersion(),
                "rule-" + level + ":" + id,
                "rule-" + level,
                sample.ruleKind(),
                new AlertEvent.AlertScope(level, id),
                sample.metric(),
                sample.observedValue(),
                sample.threshold(),
                sample.baseline(),
                sample.n(),
                sample.severity(),
                sample.window());
    }

    /** The alerts of the list that are about {@code branch} itself. */
    private static List<JsonNode> ofBranch(JsonNode alerts, String branch) {
        return alerts.valueStream()
                .filter(alert -> branch.equals(alert.path("branchId").asString(null)))
                .toList();
    }

    private String alertIdOf(SseReader.Event event) throws Exception {
        assertThat(event.name()).isEqualTo("alert");
        return json.readTree(event.data()).get("alertId").asString();
    }

    private JsonNode getUnchecked(String path) {
        try {
            return getJson(path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Two feedbacks: reliability rated twice (E 6 + 6, P 5 + 5, importance 40 + 40), CSAT 1 of 2, NPS 1 + 1 −. */
    private static BucketStatistics nineOClock() {
        return new BucketStatistics(
                2,
                new ServqualStatistics(null, new DimensionStatistics(2, 12, 10, 72, 50, 2, 80), null, null, null),
                new CsatStatistics(2, 1, 7, 25),
                new NpsStatistics(2, 1, 0, 1),
                new MeanStatistics(1, 5, 25),
                new ComplaintStatistics(1),
                null,
                null);
    }

    /** Two feedbacks: reliability once (7, 7), tangibles twice (E 10, P 11, no importance), CSAT 2 of 2. */
    private static BucketStatistics tenOClock() {
        return new BucketStatistics(
                2,
                new ServqualStatistics(
                        new DimensionStatistics(2, 10, 11, 50, 61, 0, 0),
                        new DimensionStatistics(1, 7, 7, 49, 49, 0, 0),
                        null,
                        null,
                        null),
                new CsatStatistics(2, 2, 9, 41),
                new NpsStatistics(2, 1, 1, 0),
                new MeanStatistics(1, 7, 49),
                new ComplaintStatistics(2),
                null,
                null);
    }

    private static BucketStatistics onlyComplaints(long opened) {
        return new BucketStatistics(0, null, null, null, null, new ComplaintStatistics(opened), null, null);
    }

    private static MetricUpdated update(
            String branch, Instant bucketStart, long revision, BucketStatistics statistics) {
        return new MetricUpdated(
                MetricUpdated.eventIdOf(TENANT, branch, Granularity.HOUR, bucketStart, revision),
                TENANT,
                branch,
                bucketStart.plusSeconds(90),
                MetricUpdated.SCHEMA_VERSION,
                Granularity.HOUR,
                bucketStart,
                revision,
                statistics);
    }

    private void publish(MetricUpdated update) {
        try {
            producer.send(new ProducerRecord<>(
                            Topics.METRIC_UPDATED, update.recordKey(), json.writeValueAsString(update)))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + update, e);
        }
    }

    private JsonNode awaitScorecard(String branch, Instant from, Instant to, Predicate<JsonNode> condition) {
        return await().atMost(DEADLINE).until(() -> scorecard(branch, from, to), condition);
    }

    private JsonNode scorecard(String branch, Instant from, Instant to) throws Exception {
        String body = mvc.perform(get("/api/v1/reports/scorecard")
                        .param("branchId", branch)
                        .param("from", from.toString())
                        .param("to", to.toString()))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        return json.readTree(body);
    }

    private KafkaConsumer<String, String> deadLetterConsumer() {
        var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", kafka.getBootstrapServers()),
                ConsumerConfig.GROUP_ID_CONFIG,
                "dead-letter-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
        consumer.subscribe(List.of(Topics.deadLetterTopicOf(Topics.METRIC_UPDATED)));
        return consumer;
    }

    private static String causeOf(ConsumerRecord<String, String> deadLetter) {
        return new String(
                deadLetter
                        .headers()
                        .lastHeader(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN)
                        .value(),
                StandardCharsets.UTF_8);
    }

    private static BucketStatistics csatOnly(long n, long satisfied) {
        return new BucketStatistics(n, null, new CsatStatistics(n, satisfied, 0, 0), null, null, null, null, null);
    }

    private static ComplaintChanged complaint(
            ComplaintChanged sample,
            String branch,
            String complaintId,
            ComplaintEventType type,
            Instant resolutionDue) {
        return new ComplaintChanged(
                UUID.randomUUID(),
                TENANT,
                branch,
                type == ComplaintEventType.OPENED ? NINE : TEN,
                ComplaintChanged.SCHEMA_VERSION,
                complaintId,
                branch + "-202611-" + complaintId,
                type,
                sample.channel(),
                sample.category(),
                sample.subcategory(),
                sample.severity(),
                sample.department(),
                sample.firstResponseDueAt(),
                resolutionDue,
                null,
                null,
                null,
                "it",
                null,
                null,
                null,
                null,
                null);
    }

    private static AlertRaised alertFor(AlertRaised sample, String branch) {
        return new AlertRaised(
                UUID.nameUUIDFromBytes(branch.getBytes(StandardCharsets.UTF_8)),
                TENANT,
                branch,
                sample.occurredAt(),
                sample.schemaVersion(),
                "rule-csat-85:" + branch,
                sample.ruleId(),
                sample.ruleKind(),
                new AlertEvent.AlertScope(AlertEvent.AlertScope.Level.BRANCH, branch),
                sample.metric(),
                sample.observedValue(),
                sample.threshold(),
                sample.baseline(),
                sample.n(),
                sample.severity(),
                sample.window());
    }

    private void publishComplaint(ComplaintChanged event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.COMPLAINT_CHANGED, event.recordKey(), json.writeValueAsString(event)))
                .get();
    }

    private void createBranch(String branch, String region, String zone) throws Exception {
        HttpResponse<String> created =
                send("POST", "/api/v1/branches", """
                {"branchId": "%s", "code": "%s", "name": "Branch %s", "regionId": "%s", "timeZone": "%s"}""".formatted(branch, branch, branch, region, zone));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private String branchOf(SseReader.Event event) {
        return json.readTree(event.data()).get("branchId").asString();
    }

    /** A GET as a browser sends it (HTML first), without a credential. */
    private HttpResponse<String> browserGet(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode awaitAs(String authorization, String path, Predicate<JsonNode> condition) {
        return await().atMost(DEADLINE)
                .until(
                        () -> json.readTree(
                                send("GET", path, null, authorization).body()),
                        condition);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** As the tests' default caller, an ADMIN of {@link #TENANT}. */
    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(method, path, body, TestCredentials.admin());
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String getText(String path) throws Exception {
        HttpResponse<String> response = send("GET", path, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private JsonNode getJson(String path) throws Exception {
        return json.readTree(getText(path));
    }

    private JsonNode awaitJson(String path, Predicate<JsonNode> condition) {
        return await().atMost(DEADLINE).until(() -> getJson(path), condition);
    }

    private KafkaConsumer<String, String> consumerOf(String topic) {
        var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", kafka.getBootstrapServers()),
                ConsumerConfig.GROUP_ID_CONFIG,
                "it-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static List<ConsumerRecord<String, String>> deadLettersOf(
            KafkaConsumer<String, String> consumer, String key) {
        return deadLettersOf(consumer, key, 1);
    }

    /** At least {@code count} dead letters with {@code key}. */
    private static List<ConsumerRecord<String, String>> deadLettersOf(
            KafkaConsumer<String, String> consumer, String key, int count) {
        List<ConsumerRecord<String, String>> dead = new ArrayList<>();
        await().atMost(DEADLINE).untilAsserted(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                if (key.equals(record.key())) {
                    dead.add(record);
                }
            });
            assertThat(dead).hasSizeGreaterThanOrEqualTo(count);
        });
        return dead;
    }

    private static String newBranch() {
        return "IT-" + UUID.randomUUID().toString().substring(0, 8);
    }
}

package io.servicequality.reporting.periodicreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.ComplaintStatistics;
import io.servicequality.contracts.BucketStatistics.CsatStatistics;
import io.servicequality.contracts.BucketStatistics.InteractionStatistics;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.contracts.Topics;
import io.servicequality.embeddedstore.EmbeddedStore;
import io.servicequality.security.Role;
import io.servicequality.security.test.TestCredentials;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A periodic report end to end: hour statistics of a month, the month before and the same month a year before go
 * through Kafka into the read model; a report of the month is generated through the API, archived and listed, and its
 * PDF says what the scorecard API says of the same three periods — values, changes, and whether the intervals overlap.
 */
@SpringBootTest(properties = "sqp.reports.schedule-interval=1h")
@AutoConfigureMockMvc
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeriodicReportIT {

    static final String ACME = TestCredentials.TENANT;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final EmbeddedStore STORE = EmbeddedStore.inMemory();
    static final String BRANCH =
            "PR-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", STORE::connectionString);
    }

    @AfterAll
    static void stopStore() {
        STORE.close();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    KafkaConnectionDetails kafka;

    @Autowired
    PeriodicReportSchedule schedule;

    @Autowired
    ReportDefinitions definitions;

    @Autowired
    ReportArchive archive;

    @Autowired
    ReportWriter writer;

    @Autowired
    ReportDeliveries deliveries;

    @Autowired
    PeriodicReportBuilder builder;

    @Autowired
    io.servicequality.reporting.scope.Scopes scopes;

    @Autowired
    java.time.Clock clock;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    final String qualityManager = bearer(List.of(), Role.QUALITY_MANAGER);
    ReportPeriod month;

    @BeforeAll
    void publishThreeMonths() throws Exception {
        month = ReportPeriod.lastCompleteBefore(ReportPeriod.Kind.MONTH, LocalDate.now(ZoneOffset.UTC));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", kafka.getBootstrapServers()),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class))) {
            // this month: 160 of 200 satisfied, 470 of 500 answered, 6 + 2 complaints; the month before: 100 of 160
            // satisfied (intervals apart), 290 of 300 answered (intervals overlap); a year before: 60 of 80 satisfied
            publish(
                    producer,
                    hourOf(month, 1),
                    statistics(200, 160, 500, 470, Map.of("QUALITY", 6L, "NON_QUALITY", 2L)));
            publish(producer, hourOf(month.previous(), 2), statistics(160, 100, 300, 290, Map.of("QUALITY", 3L)));
            publish(producer, hourOf(month.yearBefore(), 3), statistics(80, 60, 0, 0, Map.of()));
        }
        for (ReportPeriod period : List.of(month, month.previous(), month.yearBefore())) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> scorecard(period).at("/feedback/n").asLong() > 0);
        }
    }

    @Test
    void aMonthlyReportSaysWhatTheScorecardsOfItsThreePeriodsSay() throws Exception {
        MockHttpServletResponse created = perform(
                post("/api/v1/reports/periodic")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"branchId\": \"" + BRANCH + "\", \"period\": \"MONTH\", \"start\": \""
                                + month.start() + "\", \"language\": \"en\"}"),
                qualityManager);
        assertThat(created.getStatus()).isEqualTo(201);
        JsonNode report = JSON.readTree(created.getContentAsString());
        String id = report.get("id").asString();
        assertThat(created.getHeader("Location")).isEqualTo("/api/v1/reports/periodic/" + id);
        assertThat(report.get("start").asString()).isEqualTo(month.start().toString());
        assertThat(report.get("end").asString()).isEqualTo(month.end().toString());
        assertThat(report.get("language").asString()).isEqualTo("en");

        JsonNode now = scorecard(month);
        JsonNode before = scorecard(month.previous());
        JsonNode aYearAgo = scorecard(month.yearBefore());
        String text = pdfText(id);
        double csat = now.at("/feedback/csat/percent").asDouble();
        assertThat(csat).isEqualTo(80.0);
        assertThat(text)
                .contains(line(
                        "CSAT (% satisfied)", csat, now.at("/feedback/csat/n").asLong()))
                .contains(interval(now.at("/feedback/csat/ci95")))
                .contains(signed(csat - before.at("/feedback/csat/percent").asDouble()))
                .contains(signed(csat - aYearAgo.at("/feedback/csat/percent").asDouble()));
        // the CSAT intervals of this month and the month before do not overlap; those of a year before do
        assertThat(overlap(now.at("/feedback/csat/ci95"), before.at("/feedback/csat/ci95")))
                .isFalse();
        assertThat(overlap(now.at("/feedback/csat/ci95"), aYearAgo.at("/feedback/csat/ci95")))
                .isTrue();
        assertThat(text).containsSubsequence("CSAT (% satisfied)", "significant", "not significant");
        // answer rate 94.0 % of 500 against 96.7 % of 300: Wilson intervals overlap; nothing offered a year before
        assertThat(now.at("/interactions/answerRate").asDouble()).isEqualTo(94.0);
        assertThat(text)
                .contains("Answer rate (%) 94.0 500")
                .containsSubsequence("Answer rate (%)", "−2.7", "not significant", "no data");
        // complaints: 8 opened, the Pareto 75 % quality then 100 %
        assertThat(text)
                .contains("Complaints opened 8 8")
                .contains("Quality 6 75.0 % 75.0 %")
                .contains("Non-quality 2 25.0 % 100.0 %");

        JsonNode listed = json(get("/api/v1/reports/periodic?branchId=" + BRANCH), qualityManager);
        assertThat(listed.findValuesAsString("id")).contains(id);
        MockHttpServletResponse html = perform(get("/api/v1/reports/periodic/" + id + "/html"), qualityManager);
        assertThat(html.getContentType()).startsWith("text/html");
        assertThat(html.getContentAsString()).contains("Service quality report").contains(BRANCH);
    }

    @Test
    void aChineseReportOfTheSameMonthIsInChinese() throws Exception {
        MockHttpServletResponse created = perform(
                post("/api/v1/reports/periodic")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"branchId\": \"" + BRANCH + "\", \"period\": \"MONTH\", \"language\": \"zh-CN\"}"),
                qualityManager);
        assertThat(created.getStatus()).isEqualTo(201);
        String text = nfkc(
                pdfText(JSON.readTree(created.getContentAsString()).get("id").asString()));
        assertThat(text)
                .contains(nfkc("服务质量报告"))
                .contains(nfkc("网点 " + BRANCH))
                .contains(nfkc("月报：" + month.start() + " 至 " + month.lastDay()))
                .contains("80.0")
                .contains(nfkc("不显著"))
                .contains(nfkc("质量类"));
    }

    @Test
    void whatCannotBeReportedIsRefusedWithAProblemAndNothingArchived() throws Exception {
        int before = json(get("/api/v1/reports/periodic?branchId=" + BRANCH), qualityManager)
                .size();
        for (String body : List.of(
                "{\"branchId\": \"" + BRANCH + "\", \"period\": \"YEAR\", \"language\": \"en\"}",
                "{\"branchId\": \"" + BRANCH + "\", \"period\": \"MONTH\", \"language\": \"fr\"}",
                "{\"branchId\": \"" + BRANCH + "\", \"period\": \"WEEK\", \"start\": \"" + nonMonday() + "\","
                        + " \"language\": \"en\"}",
                "{\"branchId\": \"" + BRANCH + "\", \"period\": \"MONTH\", \"start\": \"" + month.end()
                        + "\", \"language\": \"en\"}")) {
            MockHttpServletResponse refused = perform(
                    post("/api/v1/reports/periodic")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(body),
                    qualityManager);
            assertThat(refused.getStatus()).as(body).isEqualTo(400);
            assertThat(refused.getContentType()).isEqualTo("application/problem+json");
        }
        assertThat(json(get("/api/v1/reports/periodic?branchId=" + BRANCH), qualityManager)
                        .size())
                .isEqualTo(before);
        String agent = bearer(List.of(BRANCH), Role.AGENT);
        assertThat(perform(
                                post("/api/v1/reports/periodic")
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .content("{\"branchId\": \"" + BRANCH + "\", \"period\": \"MONTH\","
                                                + " \"language\": \"en\"}"),
                                agent)
                        .getStatus())
                .isEqualTo(403);
    }

    /**
     * Two instances' schedules find the same definition due at the same moment: one archives the report, the other
     * finds it archived (or loses the insert); later checks of either change nothing.
     */
    @Test
    void aDefinedReportIsGeneratedOncePerPeriodByTwoInstances() throws Exception {
        MockHttpServletResponse created = perform(
                post("/api/v1/reports/definitions")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"Monthly, " + BRANCH + "\", \"branchId\": \"" + BRANCH
                                + "\", \"period\": \"MONTH\", \"language\": \"zh-CN\"}"),
                qualityManager);
        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
        String definitionId =
                JSON.readTree(created.getContentAsString()).get("id").asString();
        ReportDefinition definition = definitions.all().stream()
                .filter(d -> d.id().equals(definitionId))
                .findFirst()
                .orElseThrow();
        PeriodicReportSchedule other =
                new PeriodicReportSchedule(definitions, archive, writer, deliveries, scopes, clock, meters);

        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService instances = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = instances.submit(() -> {
                start.await();
                return schedule.generateDue(definition);
            });
            var second = instances.submit(() -> {
                start.await();
                return other.generateDue(definition);
            });
            assertThat(List.of(first.get(), second.get())).containsExactlyInAnyOrder(true, false);
        } finally {
            instances.shutdown();
        }
        assertThat(schedule.generateDue(definition)).isFalse();
        assertThat(other.generateDue(definition)).isFalse();

        JsonNode listed = json(get("/api/v1/reports/periodic?branchId=" + BRANCH), qualityManager);
        List<JsonNode> scheduled = new java.util.ArrayList<>();
        listed.forEach(report -> {
            if (report.path("definitionId").isString()
                    && definitionId.equals(report.get("definitionId").asString())) {
                scheduled.add(report);
            }
        });
        assertThat(scheduled).hasSize(1);
        assertThat(scheduled.get(0).get("start").asString())
                .isEqualTo(month.start().toString());
        assertThat(scheduled.get(0).get("generatedBy").asString()).isEqualTo("schedule: Monthly, " + BRANCH);
        String text = nfkc(pdfText(scheduled.get(0).get("id").asString()));
        assertThat(text).contains(nfkc("服务质量报告")).contains("80.0");

        assertThat(perform(delete("/api/v1/reports/definitions/" + definitionId), qualityManager)
                        .getStatus())
                .isEqualTo(204);
        assertThat(json(get("/api/v1/reports/definitions"), qualityManager).findValuesAsString("id"))
                .doesNotContain(definitionId);
    }

    /**
     * Corrective actions reach the report from complaint-service's topic: the newest version of an action planned,
     * checked and found effective in the month is what the report counts and lists, whatever order the versions
     * arrive in.
     */
    @Test
    void theCorrectiveActionsOfTheMonthAreInItsReport() throws Exception {
        String actionId = UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        Instant planned = hourOf(month, 2);
        Instant checked = hourOf(month, 6);
        io.servicequality.contracts.CorrectiveActionChanged effective = action(
                actionId,
                3,
                "EFFECTIVE",
                planned,
                checked,
                List.of(new io.servicequality.contracts.CorrectiveActionChanged.Check(1, true, "quality", checked)));
        io.servicequality.contracts.CorrectiveActionChanged first =
                action(actionId, 0, "PLANNED", planned, null, List.of());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", kafka.getBootstrapServers()),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class))) {
            // the newest first, then an older version late: the newest stays
            org.apache.kafka.clients.producer.RecordMetadata late = null;
            for (var version : List.of(effective, first)) {
                late = producer.send(new ProducerRecord<>(
                                Topics.CORRECTIVE_ACTIONS, version.recordKey(), JSON.writeValueAsString(version)))
                        .get();
            }
            awaitConsumedPast(late);
        }
        io.servicequality.reporting.scope.Scope scope = scopes.ofTenant(ACME, BRANCH, null, null);
        PeriodicReport.ActionSummary summary = builder.build(ACME, scope, month).actions();
        assertThat(summary.planned()).isEqualTo(1);
        assertThat(summary.completed()).isEqualTo(1);
        assertThat(summary.checks()).isEqualTo(1);
        assertThat(summary.effectiveChecks()).isEqualTo(1);
        assertThat(summary.openAtEnd()).isZero();
        assertThat(summary.listed()).singleElement().satisfies(row -> {
            assertThat(row.title()).isEqualTo("Queue tickets at the counter");
            assertThat(row.status()).isEqualTo("EFFECTIVE");
            assertThat(row.lastCheck()).isEqualTo("EFFECTIVE");
        });
    }

    /** Until the read model's consumer group has committed past {@code record}: it has applied it. */
    private void awaitConsumedPast(org.apache.kafka.clients.producer.RecordMetadata record) {
        var partition = new org.apache.kafka.common.TopicPartition(record.topic(), record.partition());
        try (var admin = org.apache.kafka.clients.admin.AdminClient.create(Map.of(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", kafka.getBootstrapServers())))) {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        var committed = admin.listConsumerGroupOffsets("reporting-service.corrective-actions")
                                .partitionsToOffsetAndMetadata()
                                .get()
                                .get(partition);
                        return committed != null && committed.offset() > record.offset();
                    });
        }
    }

    private io.servicequality.contracts.CorrectiveActionChanged action(
            String actionId,
            long version,
            String status,
            Instant planned,
            Instant completed,
            List<io.servicequality.contracts.CorrectiveActionChanged.Check> checks) {
        return new io.servicequality.contracts.CorrectiveActionChanged(
                io.servicequality.contracts.CorrectiveActionChanged.eventIdOf(ACME, actionId, version),
                ACME,
                BRANCH,
                completed == null ? planned : completed,
                io.servicequality.contracts.CorrectiveActionChanged.SCHEMA_VERSION,
                actionId,
                version,
                null,
                "interactions.answerRate",
                "Queue tickets at the counter",
                "manager",
                month.start().plusDays(10).toString(),
                status,
                1,
                planned,
                completed,
                checks);
    }

    @Test
    void aDefinitionNeedsANameAPeriodALanguageAndTheWholeTenant() throws Exception {
        for (String body : List.of(
                "{\"branchId\": \"" + BRANCH + "\", \"period\": \"MONTH\", \"language\": \"en\"}",
                "{\"name\": \"x\", \"branchId\": \"" + BRANCH + "\", \"period\": \"DAY\", \"language\": \"en\"}",
                "{\"name\": \"x\", \"branchId\": \"" + BRANCH + "\", \"period\": \"MONTH\"}")) {
            assertThat(perform(
                                    post("/api/v1/reports/definitions")
                                            .contentType(MediaType.APPLICATION_JSON)
                                            .content(body),
                                    qualityManager)
                            .getStatus())
                    .as(body)
                    .isEqualTo(400);
        }
        // the schedule reports with the whole tenant's view: a quality manager bound to branches may not define one
        String boundManager = bearer(List.of(BRANCH), Role.QUALITY_MANAGER);
        assertThat(perform(
                                post("/api/v1/reports/definitions")
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .content("{\"name\": \"x\", \"branchId\": \"" + BRANCH
                                                + "\", \"period\": \"MONTH\", \"language\": \"en\"}"),
                                boundManager)
                        .getStatus())
                .isEqualTo(403);
    }

    // ---- helpers ----

    private static LocalDate nonMonday() {
        return ReportPeriod.lastCompleteBefore(ReportPeriod.Kind.WEEK, LocalDate.now(ZoneOffset.UTC))
                .start()
                .plusDays(2);
    }

    private static Instant hourOf(ReportPeriod period, int day) {
        return period.start().plusDays(day).atTime(9, 0).toInstant(ZoneOffset.UTC);
    }

    private static BucketStatistics statistics(
            long responses, long satisfied, long offered, long answered, Map<String, Long> openedByCategory) {
        long opened =
                openedByCategory.values().stream().mapToLong(Long::longValue).sum();
        // satisfied answered 5, the rest 2: sum and sum of squares follow
        long sum = 5 * satisfied + 2 * (responses - satisfied);
        long squares = 25 * satisfied + 4 * (responses - satisfied);
        return new BucketStatistics(
                responses,
                null,
                new CsatStatistics(responses, satisfied, sum, squares),
                null,
                null,
                opened == 0
                        ? null
                        : new ComplaintStatistics(
                                opened, 0, 0, 0, 0, 0, null, 0, 0, 0, 0, openedByCategory, null, null),
                offered == 0
                        ? null
                        : new InteractionStatistics(
                                offered, answered, offered - answered, answered, 0, 0, 0, 0, 0, null, null),
                null);
    }

    private void publish(KafkaProducer<String, String> producer, Instant hour, BucketStatistics statistics)
            throws Exception {
        MetricUpdated update = new MetricUpdated(
                MetricUpdated.eventIdOf(ACME, BRANCH, Granularity.HOUR, hour, 1),
                ACME,
                BRANCH,
                hour.plusSeconds(60),
                MetricUpdated.SCHEMA_VERSION,
                Granularity.HOUR,
                hour,
                1,
                statistics);
        producer.send(new ProducerRecord<>(Topics.METRIC_UPDATED, update.recordKey(), JSON.writeValueAsString(update)))
                .get();
    }

    private JsonNode scorecard(ReportPeriod period) throws Exception {
        return json(
                get("/api/v1/reports/scorecard?branchId=" + BRANCH + "&from=" + period.from(ZoneOffset.UTC) + "&to="
                        + period.to(ZoneOffset.UTC)),
                qualityManager);
    }

    private String pdfText(String id) throws Exception {
        MockHttpServletResponse pdf = perform(get("/api/v1/reports/periodic/" + id + "/pdf"), qualityManager);
        assertThat(pdf.getStatus()).isEqualTo(200);
        assertThat(pdf.getContentType()).isEqualTo("application/pdf");
        try (PDDocument document = Loader.loadPDF(pdf.getContentAsByteArray())) {
            return new PDFTextStripper().getText(document).replace('\n', ' ');
        }
    }

    /** A headline row's first cells as the PDF's text has them. */
    private static String line(String metric, double value, long n) {
        return metric + " " + String.format(java.util.Locale.ENGLISH, "%.1f", value) + " " + n;
    }

    /** The interval as the report prints it; the en dash comes out of the PDF as the figure dash sharing its glyph. */
    private static String interval(JsonNode ci95) {
        return String.format(java.util.Locale.ENGLISH, "%.1f", ci95.get(0).asDouble()) + " ‒ "
                + String.format(java.util.Locale.ENGLISH, "%.1f", ci95.get(1).asDouble());
    }

    private static String signed(double change) {
        String magnitude = String.format(java.util.Locale.ENGLISH, "%.1f", Math.abs(change));
        return (change > 0 ? "+" : "−") + magnitude;
    }

    private static boolean overlap(JsonNode a, JsonNode b) {
        return a.get(0).asDouble() <= b.get(1).asDouble()
                && b.get(0).asDouble() <= a.get(1).asDouble();
    }

    private static String nfkc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC);
    }

    private JsonNode json(MockHttpServletRequestBuilder request, String authorization) throws Exception {
        MockHttpServletResponse response = perform(request, authorization);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return JSON.readTree(response.getContentAsString());
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, String authorization)
            throws Exception {
        return mvc.perform(request.header("Authorization", authorization))
                .andReturn()
                .getResponse();
    }

    private static String bearer(List<String> branches, Role role) {
        return "Bearer " + TestCredentials.token(ACME, branches, List.of(), role);
    }
}

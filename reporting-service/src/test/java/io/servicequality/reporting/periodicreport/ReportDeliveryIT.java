package io.servicequality.reporting.periodicreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import io.servicequality.embeddedstore.EmbeddedStore;
import io.servicequality.security.Role;
import io.servicequality.security.test.TestCredentials;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
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
 * Scheduled reports reach their recipients: by e-mail through a real SMTP server (GreenMail, in this JVM) with the
 * archived PDF attached, and to a webhook receiver (a real HTTP server) as a signed message that verifies with the
 * Standard Webhooks reference library. A receiver that fails is retried with back-off under the same webhook-id, every
 * attempt logged; one that keeps failing ends FAILED after max-attempts, and a resend once it is back delivers it.
 */
@SpringBootTest(
        properties = {
            "sqp.reports.schedule-interval=1h",
            "sqp.reports.delivery.poll-interval=100ms",
            "sqp.reports.delivery.first-retry-after=200ms",
            "sqp.reports.delivery.max-attempts=3",
            "sqp.reports.delivery.allow-http-localhost=true",
            "sqp.reports.delivery.mail-from=reports@acme.example"
        })
@AutoConfigureMockMvc
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportDeliveryIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final EmbeddedStore STORE = EmbeddedStore.inMemory();
    static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    static final Receiver RECEIVER = new Receiver();
    static final String BRANCH =
            "RD-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", STORE::connectionString);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
        RECEIVER.server.stop(0);
        STORE.close();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    PeriodicReportSchedule schedule;

    @Autowired
    ReportDefinitions definitions;

    @Autowired
    ReportDeliverySender sender;

    final String qualityManager =
            "Bearer " + TestCredentials.token(TestCredentials.TENANT, List.of(), List.of(), Role.QUALITY_MANAGER);

    @Test
    void aScheduledReportIsMailedWithItsPdfAndPostedSignedToAWebhookThatFailsTwiceFirst() throws Exception {
        RECEIVER.failFirst("/flaky", 2, 503);
        JsonNode created = create("{\"name\": \"Weekly " + BRANCH + "\", \"branchId\": \"" + BRANCH
                + "\", \"period\": \"WEEK\", \"language\": \"zh-CN\", \"emails\": [\"manager@acme.example\","
                + " \"quality@acme.example\", \"manager@acme.example\"], \"webhookUrl\": \"" + RECEIVER.url("/flaky")
                + "\"}");
        String definitionId = created.get("id").asString();
        String secret = created.get("webhookSecret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(created.get("emails").size()).isEqualTo(2);
        // the secret is shown once: not in the listing
        assertThat(json(get("/api/v1/reports/definitions")).toString()).doesNotContain(secret);

        assertThat(schedule.generateDue(definition(definitionId))).isTrue();
        String reportId = reportOf(definitionId);
        byte[] pdf =
                perform(get("/api/v1/reports/periodic/" + reportId + "/pdf")).getContentAsByteArray();

        // e-mail: one message per distinct address, the PDF attached as archived, the subject in the report's language
        assertThat(SMTP.waitForIncomingEmail(30_000, 2)).isTrue();
        MimeMessage[] mails = SMTP.getReceivedMessages();
        assertThat(mails).hasSize(2);
        List<String> to = new ArrayList<>();
        for (MimeMessage mail : mails) {
            to.add(mail.getRecipients(Message.RecipientType.TO)[0].toString());
            assertThat(mail.getFrom()[0].toString()).isEqualTo("reports@acme.example");
            assertThat(mail.getSubject()).contains("服务质量报告", "网点 " + BRANCH, "周报");
            assertThat(attachedPdf(mail)).isEqualTo(pdf);
        }
        assertThat(to).containsExactlyInAnyOrder("manager@acme.example", "quality@acme.example");

        // webhook: 503, 503, then 200, each attempt the same message under the same id, each signature valid
        await().atMost(Duration.ofSeconds(30))
                .until(() -> RECEIVER.received("/flaky").size() == 3);
        List<Receiver.Request> posts = RECEIVER.received("/flaky");
        assertThat(posts.stream().map(p -> p.headers().get("webhook-id")).distinct())
                .hasSize(1);
        Webhook reference = new Webhook(secret);
        for (Receiver.Request request : posts) {
            reference.verify(request.body(), request.headerLists());
            assertThat(request.body()).isEqualTo(posts.get(0).body());
        }
        JsonNode message = JSON.readTree(posts.get(0).body());
        assertThat(message.get("type").asString()).isEqualTo("report.generated");
        assertThat(message.at("/data/reportId").asString()).isEqualTo(reportId);
        assertThat(message.at("/data/branchId").asString()).isEqualTo(BRANCH);
        assertThat(message.at("/data/period/kind").asString()).isEqualTo("WEEK");
        assertThat(Base64.getDecoder().decode(message.at("/data/pdf").asString()))
                .isEqualTo(pdf);

        // the log: three deliveries, the webhook's three attempts
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> json(get("/api/v1/reports/deliveries?definitionId=" + definitionId))
                                .findValuesAsString("status")
                                .stream()
                                .allMatch("DELIVERED"::equals));
        JsonNode log = json(get("/api/v1/reports/deliveries?definitionId=" + definitionId));
        assertThat(log).hasSize(3);
        for (JsonNode delivery : log) {
            assertThat(delivery.get("reportId").asString()).isEqualTo(reportId);
            assertThat(delivery.has("claimToken")).isFalse();
            if (delivery.get("channel").asString().equals("WEBHOOK")) {
                assertThat(delivery.get("attemptCount").asInt()).isEqualTo(3);
                assertThat(delivery.at("/attempts/0/error").asString()).isEqualTo("HTTP 503");
                assertThat(delivery.at("/attempts/1/error").asString()).isEqualTo("HTTP 503");
                assertThat(delivery.at("/attempts/2/error").isNull()).isTrue();
                assertThat(delivery.get("attempts").findValues("statusCode").stream()
                                .map(JsonNode::asInt))
                        .containsExactly(503, 503, 200);
            } else {
                assertThat(delivery.get("attemptCount").asInt()).isEqualTo(1);
            }
        }

        // the next checks of the schedule queue nothing again, and a pass of the sender finds nothing due
        assertThat(schedule.generateDue(definition(definitionId))).isFalse();
        sender.sendDue();
        assertThat(SMTP.getReceivedMessages()).hasSize(2);
        assertThat(RECEIVER.received("/flaky")).hasSize(3);
        assertThat(json(get("/api/v1/reports/deliveries?reportId=" + reportId))).hasSize(3);
    }

    @Test
    void aWebhookThatKeepsFailingEndsFailedWithEveryAttemptLoggedAndAResendDeliversItOnceItIsBack() throws Exception {
        RECEIVER.failFirst("/down", Integer.MAX_VALUE, 500);
        String definitionId = create("{\"name\": \"Monthly " + BRANCH + "\", \"branchId\": \"" + BRANCH
                        + "\", \"period\": \"MONTH\", \"language\": \"en\", \"webhookUrl\": \"" + RECEIVER.url("/down")
                        + "\"}")
                .get("id")
                .asString();
        assertThat(schedule.generateDue(definition(definitionId))).isTrue();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> json(get("/api/v1/reports/deliveries?definitionId=" + definitionId))
                        .at("/0/status")
                        .asString()
                        .equals("FAILED"));
        JsonNode failed = json(get("/api/v1/reports/deliveries?definitionId=" + definitionId))
                .get(0);
        assertThat(failed.get("attemptCount").asInt()).isEqualTo(3);
        assertThat(failed.get("lastError").asString()).isEqualTo("HTTP 500");
        assertThat(failed.get("attempts").findValuesAsString("error"))
                .containsExactly("HTTP 500", "HTTP 500", "HTTP 500");
        assertThat(RECEIVER.received("/down")).hasSize(3);

        RECEIVER.failFirst("/down", 0, 500);
        JsonNode resent =
                json(post("/api/v1/reports/deliveries/" + failed.get("id").asString() + "/resend"));
        assertThat(resent.get("status").asString()).isEqualTo("DELIVERED");
        assertThat(resent.get("attemptCount").asInt()).isEqualTo(4);
        assertThat(resent.at("/attempts/3/manual").asBoolean()).isTrue();
        assertThat(resent.at("/attempts/3/statusCode").asInt()).isEqualTo(200);
        assertThat(RECEIVER.received("/down")).hasSize(4);
    }

    @Test
    void recipientsThatCannotBeReachedAreRefusedWithAProblem() throws Exception {
        for (String recipients : List.of(
                "\"emails\": [\"not an address\"]",
                "\"emails\": [\"Manager <manager@acme.example>\"]",
                "\"webhookUrl\": \"http://hooks.example.com/reports\"",
                "\"webhookUrl\": \"https://user:pw@hooks.example.com/reports\"")) {
            MockHttpServletResponse response = perform(post("/api/v1/reports/definitions")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"name\": \"x\", \"branchId\": \"" + BRANCH
                            + "\", \"period\": \"WEEK\", \"language\": \"en\", " + recipients + "}"));
            assertThat(response.getStatus()).as(recipients).isEqualTo(400);
            assertThat(response.getContentType()).isEqualTo("application/problem+json");
        }
        assertThat(json(get("/api/v1/reports/definitions")).findValuesAsString("name"))
                .doesNotContain("x");
    }

    // ---- helpers ----

    private ReportDefinition definition(String id) {
        return definitions.find(TestCredentials.TENANT, id).orElseThrow();
    }

    private String reportOf(String definitionId) throws Exception {
        for (JsonNode report : json(get("/api/v1/reports/periodic?branchId=" + BRANCH))) {
            if (definitionId.equals(report.path("definitionId").asString(null))) {
                return report.get("id").asString();
            }
        }
        throw new AssertionError("no report of definition " + definitionId);
    }

    private static byte[] attachedPdf(MimeMessage mail) throws Exception {
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                assertThat(part.getFileName()).endsWith(".pdf");
                assertThat(part.getContentType()).startsWith("application/pdf");
                return part.getInputStream().readAllBytes();
            }
        }
        throw new AssertionError("no attachment");
    }

    private JsonNode create(String body) throws Exception {
        MockHttpServletResponse response = perform(post("/api/v1/reports/definitions")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
        return JSON.readTree(response.getContentAsString());
    }

    private JsonNode json(MockHttpServletRequestBuilder request) throws Exception {
        MockHttpServletResponse response = perform(request);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return JSON.readTree(response.getContentAsString());
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.header("Authorization", qualityManager))
                .andReturn()
                .getResponse();
    }

    /** A webhook receiver on this machine: per path, the first n requests answer a failure, the rest 200. */
    static final class Receiver {

        record Request(Map<String, String> headers, String body) {
            Map<String, List<String>> headerLists() {
                Map<String, List<String>> lists = new java.util.HashMap<>();
                headers.forEach((name, value) -> lists.put(name, List.of(value)));
                return lists;
            }
        }

        final HttpServer server;
        final Map<String, List<Request>> requests = new java.util.concurrent.ConcurrentHashMap<>();
        final Map<String, int[]> failures = new java.util.concurrent.ConcurrentHashMap<>();

        Receiver() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                Map<String, String> headers = new java.util.HashMap<>();
                for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
                    headers.put(name, exchange.getRequestHeaders().getFirst(name));
                }
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                requests.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
                        .add(new Request(headers, body));
                int[] failing = failures.getOrDefault(path, new int[] {0, 500});
                int status;
                synchronized (failing) {
                    status = failing[0] > 0 ? failing[1] : 200;
                    if (failing[0] > 0 && failing[0] != Integer.MAX_VALUE) {
                        failing[0]--;
                    }
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        void failFirst(String path, int times, int status) {
            failures.put(path, new int[] {times, status});
        }

        List<Request> received(String path) {
            return requests.getOrDefault(path, List.of());
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }
    }
}

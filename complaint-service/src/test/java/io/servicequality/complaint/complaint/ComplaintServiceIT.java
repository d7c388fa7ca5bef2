package io.servicequality.complaint.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.servicequality.complaint.tenant.TenantProperties;
import io.servicequality.contracts.Channel;
import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.ComplaintChanged.ComplaintCategory;
import io.servicequality.contracts.ComplaintChanged.ComplaintEventType;
import io.servicequality.contracts.ComplaintChanged.Severity;
import io.servicequality.contracts.EventSample;
import io.servicequality.contracts.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service against a real Kafka broker and store: embedded here ({@link ComplaintServiceOnEmbeddedInfrastructureIT}),
 * containers where Docker runs ({@link ComplaintServiceOnContainersIT}). The clock stands still at {@link FixedClock#NOW}; each
 * test uses its own branches, so numbers do not depend on test order.
 */
@SpringBootTest(properties = {"sqp.tenant-id=acme-bank", "sqp.complaints.outbox.sweep-interval=200ms"})
@AutoConfigureMockMvc
@Import(FixedClock.class)
abstract class ComplaintServiceIT {

    private static final Instant NOW = FixedClock.NOW;

    private static final JsonMapper strictJson = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final ComplaintDetails DETAILS = new ComplaintDetails(
            Channel.COUNTER,
            ComplaintCategory.NON_QUALITY,
            "staff-conduct",
            Severity.MEDIUM,
            "front-office",
            "Rude answer at the counter",
            null,
            null);

    @Autowired
    private MockMvc mvc;

    @Autowired
    private ComplaintService service;

    @Autowired
    private Complaints complaints;

    @Autowired
    private MongoOperations mongo;

    @Autowired
    private KafkaTemplate<String, ComplaintChanged> kafka;

    @Autowired
    private KafkaAdmin kafkaAdmin;

    @Autowired
    private OutboxProperties outboxProperties;

    @Autowired
    private Clock clock;

    private PublishedEvents published;

    @BeforeEach
    void readTheTopic() {
        published = new PublishedEvents(
                kafkaAdmin.getConfigurationProperties().get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
    }

    @AfterEach
    void stopReading() {
        published.close();
    }

    @Test
    void opensAComplaintAndPublishesOpenedKeyedByTenantAndBranch() throws Exception {
        MockHttpServletResponse created = mvc.perform(post("/api/v1/complaints")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                { "branchId": "SH-001", "occurredAt": "2026-11-20T10:00:00Z", "channel": "PHONE",
                                  "category": "QUALITY", "subcategory": "billing-error", "severity": "HIGH",
                                  "department": "accounts", "subject": "Charged twice", "description": "…",
                                  "customerRef": "c-77f1" }
                                """))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.number").value("SH-001-202611-1"))
                .andExpect(jsonPath("$.status").value("OPEN"))
                .andExpect(jsonPath("$.openedAt").value("2026-11-20T10:00:00Z"))
                .andExpect(jsonPath("$.firstResponseDueAt").value("2026-11-20T14:00:00Z"))
                .andExpect(jsonPath("$.resolutionDueAt").value("2026-11-22T10:00:00Z"))
                .andReturn()
                .getResponse();
        String complaintId = JsonPath.read(created.getContentAsString(), "$.complaintId");
        assertThat(created.getHeader("Location")).isEqualTo("/api/v1/complaints/" + complaintId);

        mvc.perform(get("/api/v1/complaints/" + complaintId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.number").value("SH-001-202611-1"))
                .andExpect(jsonPath("$.subject").value("Charged twice"))
                .andExpect(jsonPath("$.resolutionDueAt").value("2026-11-22T10:00:00Z"));

        ConsumerRecord<String, String> record =
                single(published.awaitMatching(r -> r.value().contains(complaintId), 1));
        assertThat(record.key()).isEqualTo("acme-bank:SH-001");
        assertThat(record.headers().toArray())
                .as("no Java type names on the wire")
                .isEmpty();
        assertThat(strictJson.readTree(record.value()).propertyNames())
                .as("the same fields as the contracts sample")
                .containsExactlyInAnyOrderElementsOf(strictJson
                        .readTree(EventSample.COMPLAINT_CHANGED.json())
                        .propertyNames());
        ComplaintChanged opened = strictJson.readValue(record.value(), ComplaintChanged.class);
        assertThat(opened.type()).isEqualTo(ComplaintEventType.OPENED);
        assertThat(opened.tenantId()).isEqualTo("acme-bank");
        assertThat(opened.number()).isEqualTo("SH-001-202611-1");
        assertThat(opened.occurredAt()).isEqualTo("2026-11-20T10:00:00Z");
        assertThat(opened.severity()).isEqualTo(Severity.HIGH);
        assertThat(opened.firstResponseDueAt()).isEqualTo("2026-11-20T14:00:00Z");
        assertThat(opened.resolutionDueAt()).isEqualTo("2026-11-22T10:00:00Z");
        awaitOutboxDrained(complaintId);
    }

    @ParameterizedTest
    @CsvSource({
        "CRITICAL, 2026-11-20T11:05:00Z, 2026-11-21T10:05:00Z",
        "HIGH,     2026-11-20T14:05:00Z, 2026-11-22T10:05:00Z",
        "MEDIUM,   2026-11-20T18:05:00Z, 2026-11-23T10:05:00Z",
        "LOW,      2026-11-21T10:05:00Z, 2026-11-25T10:05:00Z"
    })
    void dueTimesCountFromNowWhenNoOccurredAtIsGiven(String severity, String firstResponseDueAt, String resolutionDueAt)
            throws Exception {
        mvc.perform(post("/api/v1/complaints")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                { "branchId": "DUE-%s", "category": "QUALITY", "severity": "%s",
                                  "subject": "Waited too long" }
                                """.formatted(severity, severity)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.number").value("DUE-%s-202611-1".formatted(severity)))
                .andExpect(jsonPath("$.openedAt").value("2026-11-20T10:05:00Z"))
                .andExpect(jsonPath("$.firstResponseDueAt").value(firstResponseDueAt))
                .andExpect(jsonPath("$.resolutionDueAt").value(resolutionDueAt));
    }

    @Test
    void numberingRestartsEveryMonthAndForEveryBranch() {
        Instant lastSecondOfOctober = Instant.parse("2026-10-31T23:59:59Z");
        Instant firstSecondOfNovember = Instant.parse("2026-11-01T00:00:00Z");

        assertThat(service.open("MONTHLY-A", lastSecondOfOctober, DETAILS).number())
                .isEqualTo("MONTHLY-A-202610-1");
        assertThat(service.open("MONTHLY-A", firstSecondOfNovember, DETAILS).number())
                .isEqualTo("MONTHLY-A-202611-1");
        assertThat(service.open("MONTHLY-A", null, DETAILS).number()).isEqualTo("MONTHLY-A-202611-2");
        assertThat(service.open("MONTHLY-A", lastSecondOfOctober, DETAILS).number())
                .isEqualTo("MONTHLY-A-202610-2");
        assertThat(service.open("MONTHLY-B", null, DETAILS).number()).isEqualTo("MONTHLY-B-202611-1");
    }

    @Test
    void fortyComplaintsOpenedAtOnceGetSerialsOneToFortyWithoutGapsOrDuplicates() throws Exception {
        int parallel = 40;
        ExecutorService callers = Executors.newFixedThreadPool(parallel);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Complaint>> openings = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                openings.add(callers.submit(() -> {
                    start.await();
                    return service.open("RUSH-1", null, DETAILS);
                }));
            }
            start.countDown();
            List<Integer> answered = new ArrayList<>();
            for (Future<Complaint> opening : openings) {
                answered.add(opening.get().serial());
            }

            List<Integer> oneToForty =
                    IntStream.rangeClosed(1, parallel).boxed().toList();
            assertThat(answered).containsExactlyInAnyOrderElementsOf(oneToForty);
            assertThat(mongo.find(query(where("branchId").is("RUSH-1")), Complaint.class).stream()
                            .map(Complaint::number))
                    .containsExactlyInAnyOrderElementsOf(oneToForty.stream()
                            .map(serial -> "RUSH-1-202611-" + serial)
                            .toList());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aRejectedRequestStoresNothing() throws Exception {
        mvc.perform(post("/api/v1/complaints")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                { "branchId": "REJECTED-1", "category": "QUALITY", "subject": "No severity" }
                                """))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("severity"));

        assertThat(mongo.exists(query(where("branchId").is("REJECTED-1")), Complaint.class))
                .isFalse();
    }

    @Test
    void anotherTenantsComplaintIsNotFound() throws Exception {
        Complaint foreign = complaints.insert(openDirectly("other-tenant", "FOREIGN-1"));

        mvc.perform(get("/api/v1/complaints/" + foreign.id()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://servicequality.io/problems/not-found"));
    }

    @Test
    void theSweepPublishesEventsLeftInTheOutboxWhenTheProcessStoppedBeforeRelaying() {
        // Stored, but the relay never ran for it, as after a crash between the insert and the publication.
        Complaint leftBehind = complaints.insert(openDirectly("acme-bank", "LEFT-1"));
        ComplaintChanged pending = leftBehind.pendingEvents().get(0);

        ConsumerRecord<String, String> record =
                single(published.awaitMatching(r -> r.value().contains(leftBehind.id()), 1));

        assertThat(strictJson.readValue(record.value(), ComplaintChanged.class)).isEqualTo(pending);
        awaitOutboxDrained(leftBehind.id());
    }

    @Test
    void whileKafkaIsUnreachableOpeningSucceedsAndTheEventWaitsThenGoesOutOnceKafkaIsBack() throws Exception {
        // A relay of its own tenant, so that the application's relay leaves these complaints alone.
        TenantProperties tenant = new TenantProperties("outage-tenant");
        Outbox outbox = new Outbox(mongo, tenant, outboxProperties, clock);
        Complaint opened;
        try (UnreachableKafka unreachable = new UnreachableKafka()) {
            OutboxRelay failingRelay = new OutboxRelay(outbox, unreachable.template, outboxProperties, Runnable::run);
            ComplaintService openingDuringOutage = new ComplaintService(
                    complaints, failingRelay, SlaTargets.DEFAULTS, new NumberingProperties(5), tenant, clock);

            opened = openingDuringOutage.open("OUTAGE-1", null, DETAILS);

            assertThat(opened.number()).isEqualTo("OUTAGE-1-202611-1");
            assertThat(failingRelay.publish(opened.id())).isFalse();
            failingRelay.sweep();
        }
        Complaint stored = mongo.findById(opened.id(), Complaint.class);
        assertThat(stored.pendingEvents()).containsExactlyElementsOf(opened.pendingEvents());

        new OutboxRelay(outbox, kafka, outboxProperties, Runnable::run).sweep();

        ConsumerRecord<String, String> record =
                single(published.awaitMatching(r -> r.value().contains(opened.id()), 1));
        assertThat(record.key()).isEqualTo("outage-tenant:OUTAGE-1");
        assertThat(strictJson.readValue(record.value(), ComplaintChanged.class))
                .isEqualTo(opened.pendingEvents().get(0));
        assertThat(mongo.findById(opened.id(), Complaint.class).pendingEvents()).isEmpty();
        assertThat(mongo.findById(opened.id(), org.bson.Document.class, Complaint.COLLECTION)
                        .get("version", Number.class)
                        .longValue())
                .as("outbox bookkeeping goes through the optimistic lock, so a stale save cannot resurrect an event")
                .isPositive();
        assertThat(published.readSoFar(r -> r.value().contains(opened.id())))
                .as("published once")
                .hasSize(1);
    }

    @Test
    void aClaimLeftByACrashedRelayExpiresSoAnotherRelayPublishes() {
        TenantProperties tenant = new TenantProperties("crashed-relay-tenant");
        Complaint opened = complaints.insert(openDirectly(tenant.tenantId(), "CRASHED-1"));
        Outbox now = new Outbox(mongo, tenant, outboxProperties, clock);
        Outbox afterTheClaimTimeout = new Outbox(
                mongo,
                tenant,
                outboxProperties,
                Clock.offset(clock, outboxProperties.claimTimeout().plusSeconds(1)));
        assertThat(now.claim(opened.id()))
                .as("claimed by a relay that then dies")
                .isPresent();

        assertThat(now.claim(opened.id())).as("still held").isEmpty();
        new OutboxRelay(afterTheClaimTimeout, kafka, outboxProperties, Runnable::run).sweep();

        assertThat(published.awaitMatching(r -> r.value().contains(opened.id()), 1))
                .hasSize(1);
        assertThat(mongo.findById(opened.id(), Complaint.class).pendingEvents()).isEmpty();
    }

    @Test
    void answersHealthAndPublishesItsOpenApi() throws Exception {
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/complaints'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/complaints/{complaintId}'].get")
                        .exists());
    }

    private Complaint openDirectly(String tenantId, String branchId) {
        return Complaint.open(
                new org.bson.types.ObjectId().toHexString(),
                tenantId,
                branchId,
                ComplaintNumber.following(branchId, NOW, 0),
                NOW,
                NOW,
                DETAILS,
                SlaTargets.DEFAULTS);
    }

    private void awaitOutboxDrained(String complaintId) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> mongo.findById(complaintId, Complaint.class)
                        .pendingEvents()
                        .isEmpty());
    }

    private static ConsumerRecord<String, String> single(List<ConsumerRecord<String, String>> records) {
        assertThat(records).as("records on " + Topics.COMPLAINT_CHANGED).hasSize(1);
        return records.get(0);
    }

    /** A producer pointed at a port nobody listens on: every send fails within a second. */
    private static final class UnreachableKafka implements AutoCloseable {

        private final DefaultKafkaProducerFactory<String, ComplaintChanged> factory;
        private final KafkaTemplate<String, ComplaintChanged> template;

        UnreachableKafka() throws IOException {
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            factory = new DefaultKafkaProducerFactory<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            "localhost:" + closedPort,
                            ProducerConfig.MAX_BLOCK_MS_CONFIG,
                            1000),
                    new StringSerializer(),
                    new JacksonJsonSerializer<>());
            template = new KafkaTemplate<>(factory);
        }

        @Override
        public void close() {
            factory.destroy();
        }
    }
}

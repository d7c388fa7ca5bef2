package io.servicequality.complaint.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import io.servicequality.complaint.calendar.BusinessCalendar;
import io.servicequality.complaint.calendar.BusinessCalendars;
import io.servicequality.complaint.sla.SlaPolicies;
import io.servicequality.complaint.sla.SlaTargets;
import io.servicequality.contracts.Channel;
import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.ComplaintChanged.ComplaintCategory;
import io.servicequality.contracts.ComplaintChanged.ComplaintEventType;
import io.servicequality.contracts.ComplaintChanged.Severity;
import io.servicequality.contracts.ComplaintChanged.SlaTarget;
import io.servicequality.contracts.CorrectiveActionChanged;
import io.servicequality.contracts.EventSample;
import io.servicequality.contracts.Topics;
import io.servicequality.kafka.OutboxRelay;
import io.servicequality.kafka.PlatformKafkaProperties;
import io.servicequality.platform.test.PrometheusScrape;
import io.servicequality.security.CallerAccess;
import io.servicequality.security.Role;
import io.servicequality.security.test.TestCredentials;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service against a real Kafka broker and store: embedded here ({@link ComplaintServiceOnEmbeddedInfrastructureIT}),
 * containers where Docker runs ({@link ComplaintServiceOnContainersIT}). The clock stands still at {@link FixedClock#NOW}; each
 * test uses its own branches, so numbers do not depend on test order.
 */
@SpringBootTest(
        properties = {
            "sqp.complaints.outbox.sweep-interval=200ms",
            // the relay works from its in-memory backlog; its recovery read of the store (5 min by default) picks up
            // events written behind its back, such as the tests' directly inserted complaints
            "sqp.complaints.outbox.recovery-interval=1s",
            // the tests drive the SLA timers themselves, with the clock where they put it
            "sqp.complaints.timers.interval=1h"
        })
@AutoConfigureMockMvc
@Import({FixedClock.class, TestCredentials.DefaultAdmin.class})
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
    private DueTimerFiring timers;

    @Autowired
    private Complaints complaints;

    @Autowired
    private MongoOperations mongo;

    @Autowired
    private OutboxRelay publisher;

    @Autowired
    private PlatformKafkaProperties kafkaProperties;

    @Autowired
    private KafkaAdmin kafkaAdmin;

    @Autowired
    private OutboxProperties outboxProperties;

    @Autowired
    private FixedClock.TestClock clock;

    @Autowired
    private BusinessCalendars calendars;

    @Autowired
    private SlaPolicies policies;

    @Autowired
    private CallerAccess callerAccess;

    private PublishedEvents published;

    @BeforeEach
    void readTheTopic() {
        published = new PublishedEvents(
                kafkaAdmin.getConfigurationProperties().get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
    }

    @AfterEach
    void stopReading() {
        published.close();
        clock.reset();
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
                .extracting(org.apache.kafka.common.header.Header::key)
                .as("no Java type names on the wire: the trace context only")
                .containsOnly("traceparent");
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

    @Test
    void anOpeningSentAgainWithItsIdempotencyKeyAnswersTheComplaintItOpenedAndOpensNothing() throws Exception {
        String opening = """
                { "branchId": "SH-077", "occurredAt": "2026-11-20T10:00:00Z", "channel": "PHONE",
                  "category": "QUALITY", "severity": "HIGH", "subject": "Card swallowed at the ATM" }
                """;
        MockHttpServletResponse first = mvc.perform(post("/api/v1/complaints")
                        .header("Idempotency-Key", "call-centre-4711")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(opening))
                .andExpect(status().isCreated())
                .andExpect(header().doesNotExist("Idempotent-Replayed"))
                .andReturn()
                .getResponse();
        String complaintId = JsonPath.read(first.getContentAsString(), "$.complaintId");
        String number = JsonPath.read(first.getContentAsString(), "$.number");

        // the client heard nothing (a timeout, a 503) and sends the same opening again, to any instance
        mvc.perform(post("/api/v1/complaints")
                        .header("Idempotency-Key", "call-centre-4711")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(opening))
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(header().string("Location", "/api/v1/complaints/" + complaintId))
                .andExpect(jsonPath("$.complaintId").value(complaintId))
                .andExpect(jsonPath("$.number").value(number));
        mvc.perform(post("/api/v1/complaints")
                        .header("Idempotency-Key", "call-centre-4711")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(opening.replace("Card swallowed at the ATM", "Queue too long")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("https://servicequality.io/problems/idempotency-key-reused"))
                .andExpect(jsonPath("$.detail").value(containsString(number)));
        mvc.perform(post("/api/v1/complaints")
                        .header("Idempotency-Key", " ")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(opening))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
        // another tenant's identical key is another opening
        String otherTenants = JsonPath.read(
                mvc.perform(post("/api/v1/complaints")
                                .header("Authorization", TestCredentials.bearer("other-bank", Role.ADMIN))
                                .header("Idempotency-Key", "call-centre-4711")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(opening))
                        .andExpect(status().isCreated())
                        .andReturn()
                        .getResponse()
                        .getContentAsString(),
                "$.complaintId");
        assertThat(otherTenants).isNotEqualTo(complaintId);

        awaitOutboxDrained(complaintId);
        assertThat(published.readSoFar(r -> r.value().contains(complaintId)))
                .as("one OPENED event: the opening happened once")
                .hasSize(1);
        assertThat(complaints.findAll().stream()
                        .filter(c -> c.details().subject().equals("Card swallowed at the ATM")))
                .hasSize(2);
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
    void numberingRestartsEveryMonthAndForEveryBranch() throws Exception {
        Instant lastSecondOfOctober = Instant.parse("2026-10-31T23:59:59Z");
        Instant firstSecondOfNovember = Instant.parse("2026-11-01T00:00:00Z");

        assertThat(open("MONTHLY-A", lastSecondOfOctober, DETAILS).number()).isEqualTo("MONTHLY-A-202610-1");
        assertThat(open("MONTHLY-A", firstSecondOfNovember, DETAILS).number()).isEqualTo("MONTHLY-A-202611-1");
        assertThat(open("MONTHLY-A", null, DETAILS).number()).isEqualTo("MONTHLY-A-202611-2");
        assertThat(open("MONTHLY-A", lastSecondOfOctober, DETAILS).number()).isEqualTo("MONTHLY-A-202610-2");
        assertThat(open("MONTHLY-B", null, DETAILS).number()).isEqualTo("MONTHLY-B-202611-1");
    }

    @Test
    void numberingContinuesAfterNumbersThisInstanceDidNotGive() throws Exception {
        for (int serial = 1; serial <= 3; serial++) {
            complaints.insert(openDirectly(TestCredentials.TENANT, "ELSEWHERE-1", DETAILS, serial));
        }
        assertThat(open("ELSEWHERE-1", null, DETAILS).number()).isEqualTo("ELSEWHERE-1-202611-4");

        // another instance opens the next one; this instance's memory of serial 4 must not mislead it
        complaints.insert(openDirectly(TestCredentials.TENANT, "ELSEWHERE-1", DETAILS, 5));

        assertThat(open("ELSEWHERE-1", null, DETAILS).number()).isEqualTo("ELSEWHERE-1-202611-6");
        assertThat(mongo.find(query(where("branchId").is("ELSEWHERE-1")), Complaint.class).stream()
                        .map(Complaint::serial))
                .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
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
                    return open("RUSH-1", null, DETAILS);
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

    /**
     * Two instances number the same branch's month: each tries the serial after the last one it used without asking
     * the store, so most attempts of one collide with the other's inserts; the unique index decides, and the serials
     * still run from 1 to 40 without gaps or duplicates.
     */
    @Test
    void twoInstancesOpeningForOneBranchAtOnceNumberWithoutGapsOrDuplicates() throws Exception {
        ComplaintEventRelay secondRelay = new ComplaintEventRelay(
                new Outbox(mongo, Set.of(TestCredentials.TENANT), outboxProperties, clock),
                publisher,
                outboxProperties,
                Runnable::run);
        ComplaintService secondInstance = new ComplaintService(
                complaints,
                new ComplaintNumbering(mongo, new NumberingProperties(50)),
                new DueTimerFiring(
                        complaints,
                        mongo,
                        secondRelay,
                        LifecycleProperties.DEFAULTS,
                        Set.of(TestCredentials.TENANT),
                        clock),
                secondRelay,
                calendars,
                policies,
                LifecycleProperties.DEFAULTS,
                callerAccess,
                clock);
        int each = 20;
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Complaint>> openings = new ArrayList<>();
            for (int i = 0; i < 2 * each; i++) {
                ComplaintService instance = i % 2 == 0 ? service : secondInstance;
                openings.add(callers.submit(() -> {
                    start.await();
                    return TestCredentials.as(TestCredentials.TENANT, () -> instance.open("TWIN-1", null, DETAILS));
                }));
            }
            start.countDown();
            List<Integer> answered = new ArrayList<>();
            for (Future<Complaint> opening : openings) {
                answered.add(opening.get().serial());
            }
            assertThat(answered)
                    .containsExactlyInAnyOrderElementsOf(
                            IntStream.rangeClosed(1, 2 * each).boxed().toList());
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

    /**
     * A complaint filed days late is past its warning and due times at once: its insert records the opening and the
     * SLA events together, claimed by the relay with the insert. The batched relay publishes each of them once, in
     * order, then forgets them and gives the claim back in one write; nothing is published again afterwards.
     */
    @Test
    void aComplaintFiledLateHasAllItsEventsPublishedOnceInOrderByTheBatchedRelay() throws Exception {
        MockHttpServletResponse created = mvc.perform(post("/api/v1/complaints")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                { "branchId": "LATE-1", "category": "QUALITY", "severity": "CRITICAL",
                                  "subject": "Filed late", "occurredAt": "2026-11-16T09:00:00Z" }
                                """))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse();
        String id = JsonPath.read(created.getContentAsString(), "$.complaintId");
        List<ComplaintChanged> recorded = mongo.findById(id, Complaint.class).pendingEvents();
        assertThat(recorded.size())
                .as("opened, and SLA warnings and breaches recorded with the insert")
                .isGreaterThan(2);

        List<ConsumerRecord<String, String>> records =
                published.awaitMatching(r -> r.value().contains(id), recorded.size());
        List<ComplaintChanged> sent = new java.util.ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            sent.add(strictJson.readValue(record.value(), ComplaintChanged.class));
        }
        assertThat(sent).containsExactlyElementsOf(recorded);
        awaitOutboxDrained(id);
        org.bson.Document stored = mongo.findById(id, org.bson.Document.class, Complaint.COLLECTION);
        assertThat(stored).doesNotContainKeys("outboxClaimToken", "outboxClaimedUntil");

        // published once, and still once after several sweeps and recovery reads
        await().during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> assertThat(published.readSoFar(r -> r.value().contains(id)))
                                .as("published once")
                                .hasSize(recorded.size()));
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
        // A relay of a tenant this deployment does not serve, so that the application's relay leaves these alone.
        String tenant = "outage-tenant";
        Outbox outbox = new Outbox(mongo, Set.of(tenant), outboxProperties, clock);
        Complaint opened;
        try (UnreachableKafka unreachable = new UnreachableKafka()) {
            ComplaintEventRelay failingRelay = new ComplaintEventRelay(
                    outbox,
                    new OutboxRelay(unreachable.template, kafkaProperties.outboxAckTimeout()),
                    outboxProperties,
                    Runnable::run);
            ComplaintService openingDuringOutage = new ComplaintService(
                    complaints,
                    new ComplaintNumbering(mongo, new NumberingProperties(5)),
                    new DueTimerFiring(
                            complaints, mongo, failingRelay, LifecycleProperties.DEFAULTS, Set.of(tenant), clock),
                    failingRelay,
                    calendars,
                    policies,
                    LifecycleProperties.DEFAULTS,
                    callerAccess,
                    clock);

            opened = TestCredentials.as(tenant, () -> openingDuringOutage.open("OUTAGE-1", null, DETAILS));

            assertThat(opened.number()).isEqualTo("OUTAGE-1-202611-1");
            assertThat(failingRelay.publish(opened.id())).isFalse();
            failingRelay.sweep();
        }
        Complaint stored = mongo.findById(opened.id(), Complaint.class);
        assertThat(stored.pendingEvents()).containsExactlyElementsOf(opened.pendingEvents());

        new ComplaintEventRelay(outbox, publisher, outboxProperties, Runnable::run).sweep();

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
        Set<String> tenant = Set.of("crashed-relay-tenant");
        Complaint opened = complaints.insert(openDirectly("crashed-relay-tenant", "CRASHED-1"));
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
        new ComplaintEventRelay(afterTheClaimTimeout, publisher, outboxProperties, Runnable::run).sweep();

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

    @Test
    void walksTheLifecycleOverHttpWithHistoryAndPublishesEveryStepInOrder() throws Exception {
        String id = openOverHttp("LIFE-1", "HIGH");

        action(id, "acknowledge", "{\"note\": \"calling back\"}", Role.QUALITY_MANAGER)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ACKNOWLEDGED"))
                .andExpect(jsonPath("$.acknowledgedAt").value("2026-11-20T10:05:00Z"));
        action(id, "assign", "{\"assignee\": \"bob\", \"department\": \"billing\"}", Role.QUALITY_MANAGER)
                .andExpect(jsonPath("$.status").value("ASSIGNED"))
                .andExpect(jsonPath("$.assignee").value("bob"))
                .andExpect(jsonPath("$.department").value("billing"));
        action(id, "hold", "{\"reason\": \"waiting for the bank statement\"}", Role.ADMIN)
                .andExpect(jsonPath("$.status").value("ON_HOLD"))
                .andExpect(jsonPath("$.resolutionDueAt").doesNotExist());
        clock.set(NOW.plus(Duration.ofHours(2)));
        action(id, "resume", "", Role.ADMIN)
                .andExpect(jsonPath("$.status").value("ASSIGNED"))
                .andExpect(jsonPath("$.resolutionDueAt").value("2026-11-22T12:05:00Z"));
        action(
                        id,
                        "resolve",
                        "{\"rootCause\": \"double submit\", \"correctiveAction\": \"idempotent payments\"}",
                        Role.ADMIN)
                .andExpect(jsonPath("$.status").value("RESOLVED"))
                .andExpect(jsonPath("$.rootCause").value("double submit"))
                .andExpect(jsonPath("$.autoCloseAt").value("2026-11-27T12:05:00Z"));
        action(id, "follow-up", "{\"satisfaction\": 2, \"note\": \"still charged twice\"}", Role.QUALITY_MANAGER)
                .andExpect(jsonPath("$.status").value("REOPENED"))
                .andExpect(jsonPath("$.satisfaction").value(2));
        action(id, "resolve", "{\"rootCause\": \"refund missing\", \"correctiveAction\": \"refund sent\"}", Role.ADMIN)
                .andExpect(jsonPath("$.status").value("RESOLVED"));
        action(id, "close", "", Role.QUALITY_MANAGER)
                .andExpect(jsonPath("$.status").value("CLOSED"));

        mvc.perform(get("/api/v1/complaints/" + id + "/history"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].what")
                        .value(org.hamcrest.Matchers.contains(
                                "OPENED",
                                "ACKNOWLEDGED",
                                "ASSIGNED",
                                "ON_HOLD",
                                "RESUMED",
                                "RESOLVED",
                                "FOLLOWED_UP",
                                "REOPENED",
                                "RESOLVED",
                                "CLOSED")))
                .andExpect(jsonPath("$[0].actor").value(TestCredentials.subjectOf(Role.ADMIN)))
                // who acts is the credential's subject; the forged X-Actor header is ignored
                .andExpect(jsonPath("$[1].actor").value(TestCredentials.subjectOf(Role.QUALITY_MANAGER)))
                .andExpect(jsonPath("$[3].note").value("waiting for the bank statement"));
        // publication is at-least-once with stable event ids (a relay retry may repeat a record); consumers
        // deduplicate by eventId, so that is the sequence they see
        List<ComplaintEventType> types = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> published.readSoFar(r -> r.value().contains(id)).stream()
                                .map(r -> strictJson.readValue(r.value(), ComplaintChanged.class))
                                .collect(java.util.stream.Collectors.toMap(
                                        ComplaintChanged::eventId,
                                        ComplaintChanged::type,
                                        (first, repeated) -> first,
                                        java.util.LinkedHashMap::new))
                                .values()
                                .stream()
                                .toList(),
                        distinct -> distinct.size() >= 10);
        assertThat(types)
                .containsExactly(
                        ComplaintEventType.OPENED,
                        ComplaintEventType.ACKNOWLEDGED,
                        ComplaintEventType.ASSIGNED,
                        ComplaintEventType.ON_HOLD,
                        ComplaintEventType.RESUMED,
                        ComplaintEventType.RESOLVED,
                        ComplaintEventType.FOLLOWED_UP,
                        ComplaintEventType.REOPENED,
                        ComplaintEventType.RESOLVED,
                        ComplaintEventType.CLOSED);
        ComplaintChanged resolved = published.readSoFar(r -> r.value().contains(id)).stream()
                .map(r -> strictJson.readValue(r.value(), ComplaintChanged.class))
                .filter(event -> event.type() == ComplaintEventType.RESOLVED)
                .findFirst()
                .orElseThrow();
        assertThat(resolved.withinTarget()).isTrue();
        assertThat(resolved.businessMinutesToResolve())
                .as("2 h elapsed, all of it on hold")
                .isZero();
        assertThat(resolved.actor()).isEqualTo(TestCredentials.subjectOf(Role.ADMIN));
    }

    /**
     * A corrective action's every change is published as its current state on the compacted corrective-actions topic,
     * keyed per action, with a growing version: planned, started, checked, found ineffective (a second cycle), started
     * again, checked, found effective.
     */
    @Test
    void everyChangeOfACorrectiveActionIsPublishedAsItsCurrentState() throws Exception {
        String branch = "CA-" + UUID.randomUUID().toString().substring(0, 6);
        MvcResult planned = mvc.perform(post("/api/v1/corrective-actions")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"branchId\": \"" + branch + "\", \"metric\": \"interactions.answerRate\","
                                + " \"title\": \"Two more staff at peak hours\", \"owner\": \"manager\","
                                + " \"dueDate\": \"2026-12-20\"}"))
                .andExpect(status().isCreated())
                .andReturn();
        String id = strictJson
                .readTree(planned.getResponse().getContentAsString())
                .get("actionId")
                .asString();
        for (String[] step : new String[][] {
            {"start", null}, {"check", null}, {"evaluate", "{\"effective\": false, \"note\": \"not yet\"}"},
            {"start", null}, {"check", null}, {"evaluate", "{\"effective\": true, \"note\": \"back above 90 %\"}"}
        }) {
            var request = post("/api/v1/corrective-actions/" + id + "/" + step[0]);
            if (step[1] != null) {
                request = request.contentType(MediaType.APPLICATION_JSON).content(step[1]);
            }
            mvc.perform(request).andExpect(status().isOk());
        }

        try (PublishedEvents actions = new PublishedEvents(
                kafkaAdmin.getConfigurationProperties().get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG),
                Topics.CORRECTIVE_ACTIONS)) {
            List<ConsumerRecord<String, String>> records =
                    actions.awaitMatching(r -> r.key().endsWith(":action:" + id), 7);
            List<JsonNode> states = new ArrayList<>();
            for (ConsumerRecord<String, String> record : records) {
                assertThat(record.key()).isEqualTo(TestCredentials.TENANT + ":action:" + id);
                states.add(strictJson.readTree(record.value()));
            }
            states.sort(java.util.Comparator.comparingLong(
                    state -> state.get("version").asLong()));
            assertThat(states.stream()
                            .map(state -> state.get("status").asString())
                            .distinct())
                    .containsExactly("PLANNED", "DOING", "CHECKING", "EFFECTIVE");
            JsonNode last = states.get(states.size() - 1);
            assertThat(last.get("cycle").asInt()).isEqualTo(2);
            assertThat(last.get("branchId").asString()).isEqualTo(branch);
            assertThat(last.get("completedAt").isNull()).isFalse();
            assertThat(last.get("checks").findValues("effective").stream().map(JsonNode::asBoolean))
                    .containsExactly(false, true);
            assertThat(states.stream()
                            .map(state -> state.get("version").asLong())
                            .distinct())
                    .hasSize(states.size());
            CorrectiveActionChanged event = strictJson.readValue(record(records, last), CorrectiveActionChanged.class);
            assertThat(event.eventId())
                    .isEqualTo(CorrectiveActionChanged.eventIdOf(event.tenantId(), id, event.version()));
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        mongo.count(query(where("_id").is(id).and("unpublished").is(true)), "corrective_actions") == 0);
    }

    private static String record(List<ConsumerRecord<String, String>> records, JsonNode state) {
        return records.stream()
                .map(ConsumerRecord::value)
                .filter(value ->
                        value.contains("\"version\":" + state.get("version").asLong()))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void anInvalidTransitionIsAConflictProblemAndChangesNothing() throws Exception {
        String id = openOverHttp("INVALID-1", "LOW");

        action(id, "resolve", "{\"rootCause\": \"c\", \"correctiveAction\": \"a\"}", null)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://servicequality.io/problems/invalid-transition"))
                .andExpect(jsonPath("$.status").value(409))
                .andExpect(jsonPath("$.action").value("resolve"))
                .andExpect(jsonPath("$.currentStatus").value("OPEN"));
        action(id, "follow-up", "{\"satisfaction\": 6}", null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("satisfaction"));

        mvc.perform(get("/api/v1/complaints/" + id))
                .andExpect(jsonPath("$.status").value("OPEN"))
                .andExpect(jsonPath("$.revision").value(0));
        assertThat(complaints.findById(id).orElseThrow().history()).hasSize(1);
    }

    @Test
    void ofConcurrentResolvesExactlyOneWinsAndTheOthersGetConflicts() throws Exception {
        String id = openOverHttp("RACE-1", "MEDIUM");
        action(id, "acknowledge", "", null).andExpect(status().isOk());
        int parallel = 8;
        ExecutorService callers = Executors.newFixedThreadPool(parallel);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                String rootCause = "cause " + i;
                answers.add(callers.submit(() -> {
                    start.await();
                    return action(
                                    id,
                                    "resolve",
                                    "{\"rootCause\": \"" + rootCause + "\", \"correctiveAction\": \"a\"}",
                                    null)
                            .andReturn()
                            .getResponse()
                            .getStatus();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }

            assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 409);
            assertThat(complaints.findById(id).orElseThrow().history())
                    .extracting(HistoryEntry::what)
                    .containsOnlyOnce("RESOLVED");
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void anEditBasedOnAStaleRevisionIsRefusedWithPreconditionFailed() throws Exception {
        String id = openOverHttp("STALE-1", "MEDIUM");
        String etag = mvc.perform(get("/api/v1/complaints/" + id))
                .andReturn()
                .getResponse()
                .getHeader("ETag");
        assertThat(etag).isEqualTo("\"0\"");

        mvc.perform(post("/api/v1/complaints/" + id + "/acknowledge").header("If-Match", etag))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
                        .string("ETag", "\"1\""));
        mvc.perform(post("/api/v1/complaints/" + id + "/escalate")
                        .header("If-Match", etag)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\": \"based on what I saw before\"}"))
                .andExpect(status().isPreconditionFailed())
                .andExpect(jsonPath("$.type").value("https://servicequality.io/problems/precondition-failed"));

        assertThat(complaints.findById(id).orElseThrow().escalationLevel()).isEqualTo(EscalationLevel.NONE);
    }

    @Test
    void twoInstancesFiringTimersAtOnceAnnounceEachWarningAndBreachExactlyOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            ids.add(open("TIMERS-2", null, DETAILS_CRITICAL).id());
        }
        clock.set(NOW.plus(Duration.ofHours(25)));
        // two instances that both believe they hold the lease (different lease names): only the optimistic lock
        // on each complaint stands between them and a double announcement
        SlaTimer a = new SlaTimer(timers, lease("split-brain-a", "instance-a"), 4);
        SlaTimer b = new SlaTimer(timers, lease("split-brain-b", "instance-b"), 4);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<Integer> firedByA = instances.submit(() -> {
                start.await();
                return a.fire();
            });
            Future<Integer> firedByB = instances.submit(() -> {
                start.await();
                return b.fire();
            });
            start.countDown();
            firedByA.get();
            firedByB.get();
        } finally {
            instances.shutdownNow();
        }

        for (String id : ids) {
            assertThat(complaints.findById(id).orElseThrow().history())
                    .extracting(HistoryEntry::what)
                    .as("complaint %s", id)
                    .containsExactly(
                            "OPENED",
                            "SLA_WARNING",
                            "SLA_BREACHED",
                            "ESCALATED",
                            "SLA_WARNING",
                            "SLA_BREACHED",
                            "ESCALATED");
        }
        String last = ids.get(ids.size() - 1);
        assertThat(published.awaitMatching(r -> r.value().contains(last), 7)).hasSize(7);
        assertThat(published.readSoFar(
                        r -> r.value().contains(last) && r.value().contains("\"SLA_BREACHED\"")))
                .hasSize(2);

        SlaTimer sharingALease = new SlaTimer(timers, lease("shared", "instance-c"), 4);
        SlaTimer waiting = new SlaTimer(timers, lease("shared", "instance-d"), 4);
        assertThat(sharingALease.fire()).isZero();
        assertThat(waiting.fire()).as("another instance holds the lease").isEqualTo(-1);
    }

    @Test
    void timersOfAComplaintOnlyTheStoreKnowsFireOnceTheLeaseHolderReadsThem() throws Exception {
        // stored by another instance (or before a crash): not in this process's index of due instants
        Complaint stored = complaints.insert(openDirectly(TestCredentials.TENANT, "RECOVER-1", DETAILS_CRITICAL, 1));
        clock.set(NOW.plus(Duration.ofHours(25)));

        SlaTimer takingTheLease = new SlaTimer(timers, lease("recovery", "instance-e"), 50);
        takingTheLease.fire();

        assertThat(complaints.findById(stored.id()).orElseThrow().history())
                .extracting(HistoryEntry::what)
                .containsExactly(
                        "OPENED",
                        "SLA_WARNING",
                        "SLA_BREACHED",
                        "ESCALATED",
                        "SLA_WARNING",
                        "SLA_BREACHED",
                        "ESCALATED");
        assertThat(published.awaitMatching(
                        r -> r.value().contains(stored.id()) && r.value().contains("\"SLA_BREACHED\""), 2))
                .hasSize(2);
    }

    @Test
    void theProductMetersCountOpenedComplaintsAndTheSlaAnnouncementsAndWhichCameLate() throws Exception {
        PrometheusScrape before = scrape();
        mvc.perform(post("/api/v1/complaints")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                        { "branchId": "METER-1", "occurredAt": "2026-11-20T10:00:00Z", "channel": "PHONE",
                          "category": "QUALITY", "severity": "HIGH", "subject": "Counted" }
                        """))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/v1/complaints")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                        { "branchId": "METER-1", "channel": "PHONE", "severity": "HIGH" }
                        """))
                .andExpect(status().isBadRequest());
        Complaint opened = open("METER-2", null, DETAILS_CRITICAL);
        SlaTimer timer = new SlaTimer(timers, lease("meters", "instance-m"), 50);
        clock.set(opened.firstResponse().warningAt().plusSeconds(3));
        timer.fire();
        clock.set(NOW.plus(Duration.ofHours(25)));
        assertThat(scrape().sum("sqp_sla_timers_due", Map.of()))
                .as("the complaints' timers are due and not fired yet")
                .isGreaterThanOrEqualTo(1);
        timer.fire();

        PrometheusScrape after = scrape();
        assertThat(increase(before, after, "sqp_events_accepted_total", Map.of("type", "complaint")))
                .isEqualTo(1);
        assertThat(increase(
                        before, after, "sqp_events_refused_total", Map.of("type", "complaint", "reason", "validation")))
                .isEqualTo(1);
        // METER-2: its first warning on time (3 s after it fell due); then a breach, a warning and a breach found 24 h,
        // about 5 h and 1 h after they fell due. METER-1's timers add theirs, all late.
        double warnings = increase(before, after, "sqp_sla_announced_total", Map.of("kind", "warning"));
        double breaches = increase(before, after, "sqp_sla_announced_total", Map.of("kind", "breach"));
        assertThat(warnings).isGreaterThanOrEqualTo(2);
        assertThat(breaches).isGreaterThanOrEqualTo(2);
        assertThat(increase(before, after, "sqp_sla_announced_late_total", Map.of("kind", "warning")))
                .isEqualTo(warnings - 1);
        assertThat(increase(before, after, "sqp_sla_announced_late_total", Map.of("kind", "breach")))
                .isEqualTo(breaches);
        assertThat(after.has("sqp_outbox_backlog", Map.of("outbox", Topics.COMPLAINT_CHANGED)))
                .isTrue();
    }

    private PrometheusScrape scrape() throws Exception {
        return new PrometheusScrape(mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString());
    }

    private static double increase(
            PrometheusScrape before, PrometheusScrape after, String metric, Map<String, String> labels) {
        return after.sum(metric, labels) - before.sum(metric, labels);
    }

    @Test
    void aTimerFiredBeforeARestartIsNotFiredAgainAfterIt() throws Exception {
        Complaint opened = open("RESTART-1", null, DETAILS_CRITICAL);
        Instant warningAt = opened.firstResponse().warningAt();
        assertThat(warningAt).as("80 %% of 1 h").isEqualTo(NOW.plus(Duration.ofMinutes(48)));
        SlaTimer beforeRestart = new SlaTimer(timers, lease("restart", "before"), 50);
        clock.set(warningAt.plusSeconds(3));
        beforeRestart.fire();

        // the process dies without releasing its lease; a new one starts with a new identity
        SlaTimer afterRestart = new SlaTimer(timers, lease("restart", "after"), 50);
        clock.set(warningAt.plusSeconds(20));
        assertThat(afterRestart.fire()).as("the old lease still runs").isEqualTo(-1);
        clock.set(NOW.plus(Duration.ofHours(25)));
        afterRestart.fire();

        Complaint stored = complaints.findById(opened.id()).orElseThrow();
        assertThat(stored.history())
                .filteredOn(entry -> entry.what().startsWith("SLA_"))
                .extracting(HistoryEntry::what, HistoryEntry::at)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("SLA_WARNING", warningAt),
                        org.assertj.core.groups.Tuple.tuple("SLA_BREACHED", NOW.plus(Duration.ofHours(1))),
                        org.assertj.core.groups.Tuple.tuple("SLA_WARNING", NOW.plus(Duration.ofMinutes(1152))),
                        org.assertj.core.groups.Tuple.tuple("SLA_BREACHED", NOW.plus(Duration.ofHours(24))));
        List<ComplaintChanged> events = published.awaitMatching(r -> r.value().contains(opened.id()), 7).stream()
                .map(r -> strictJson.readValue(r.value(), ComplaintChanged.class))
                .toList();
        assertThat(events)
                .filteredOn(event -> event.type() == ComplaintEventType.SLA_WARNING)
                .extracting(ComplaintChanged::slaTarget, ComplaintChanged::occurredAt)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(SlaTarget.FIRST_RESPONSE, warningAt),
                        org.assertj.core.groups.Tuple.tuple(SlaTarget.RESOLUTION, NOW.plus(Duration.ofMinutes(1152))));
        assertThat(events)
                .filteredOn(event -> event.type() == ComplaintEventType.SLA_BREACHED)
                .extracting(ComplaintChanged::escalationLevel)
                .containsExactly(1, 2);
    }

    @Test
    void businessCalendarsHaveAValidatedCrudApi() throws Exception {
        mvc.perform(put("/api/v1/calendars/CAL-1")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(OFFICE_CALENDAR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.timeZone").value("Europe/Berlin"))
                .andExpect(jsonPath("$.weeklyHours.MONDAY[1].from").value("13:00:00"));
        mvc.perform(get("/api/v1/calendars/CAL-1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.holidays[0]").value("2026-12-25"))
                .andExpect(jsonPath("$.weeklyHours.MONDAY.length()").value(2))
                .andExpect(jsonPath("$.weeklyHours.SATURDAY").doesNotExist());
        mvc.perform(get("/api/v1/calendars"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.branchId == 'CAL-1')]").exists());

        mvc.perform(put("/api/v1/calendars/CAL-1")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(OFFICE_CALENDAR.replace("Europe/Berlin", "Mars/Olympus")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://servicequality.io/problems/validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("timeZone"));
        mvc.perform(put("/api/v1/calendars/CAL-1")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(OFFICE_CALENDAR.replace("\"13:00\"", "\"11:00\"")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.hasItem("weeklyHours.MONDAY")));
        mvc.perform(put("/api/v1/calendars/CAL-1")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"timeZone\": \"UTC\", \"weeklyHours\": {\"MONDAY\": []}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("weeklyHours"));
        mvc.perform(get("/api/v1/calendars/CAL-1"))
                .andExpect(jsonPath("$.timeZone").value("Europe/Berlin"));

        mvc.perform(delete("/api/v1/calendars/CAL-1")).andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/calendars/CAL-1")).andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/calendars/CAL-1")).andExpect(status().isNotFound());
    }

    @Test
    void slaPoliciesHaveAValidatedCrudApiFallingBackToTheDefaults() throws Exception {
        try {
            mvc.perform(get("/api/v1/sla-policies"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.length()").value(4))
                    .andExpect(jsonPath("$[?(@.severity == 'CRITICAL')].firstResponseMinutes")
                            .value(org.hamcrest.Matchers.contains(60)));
            mvc.perform(put("/api/v1/sla-policies/CRITICAL")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"firstResponseMinutes\": 120, \"resolutionMinutes\": 60}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("firstResponseMinutes"));
            mvc.perform(put("/api/v1/sla-policies/CRITICAL")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"firstResponseMinutes\": 0, \"resolutionMinutes\": 60}"))
                    .andExpect(status().isBadRequest());
            mvc.perform(put("/api/v1/sla-policies/CRITICAL")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"firstResponseMinutes\": 30, \"resolutionMinutes\": 600}"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.source").value("TENANT"))
                    .andExpect(jsonPath("$.resolutionMinutes").value(600));
            mvc.perform(get("/api/v1/sla-policies/CRITICAL"))
                    .andExpect(jsonPath("$.firstResponseMinutes").value(30));
        } finally {
            mvc.perform(delete("/api/v1/sla-policies/CRITICAL")).andExpect(status().isNoContent());
        }
        mvc.perform(get("/api/v1/sla-policies/CRITICAL"))
                .andExpect(jsonPath("$.source").value("DEFAULT"))
                .andExpect(jsonPath("$.firstResponseMinutes").value(60));
    }

    @Test
    void changingTheBranchCalendarOrThePolicyRecomputesTheDueTimesOfOpenComplaints() throws Exception {
        String id = openOverHttp("RECOMPUTE-1", "CRITICAL");
        mvc.perform(get("/api/v1/complaints/" + id))
                .andExpect(jsonPath("$.firstResponseDueAt").value("2026-11-20T11:05:00Z"));

        mvc.perform(put("/api/v1/calendars/RECOMPUTE-1")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(OFFICE_CALENDAR))
                .andExpect(status().isOk());
        // Friday 11:05 Berlin; 1 h of business time crosses the lunch break
        mvc.perform(get("/api/v1/complaints/" + id))
                .andExpect(jsonPath("$.firstResponseDueAt").value("2026-11-20T12:05:00Z"))
                .andExpect(jsonPath("$.resolutionDueAt").value("2026-11-25T14:05:00Z"));
        try {
            mvc.perform(put("/api/v1/sla-policies/CRITICAL")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"firstResponseMinutes\": 30, \"resolutionMinutes\": 420}"))
                    .andExpect(status().isOk());
            mvc.perform(get("/api/v1/complaints/" + id))
                    .andExpect(jsonPath("$.firstResponseDueAt").value("2026-11-20T10:35:00Z"))
                    .andExpect(jsonPath("$.resolutionDueAt").value("2026-11-23T10:05:00Z"))
                    .andExpect(jsonPath("$.firstResponse.targetMinutes").value(30));
        } finally {
            mvc.perform(delete("/api/v1/sla-policies/CRITICAL")).andExpect(status().isNoContent());
            mvc.perform(delete("/api/v1/calendars/RECOMPUTE-1")).andExpect(status().isNoContent());
        }
        mvc.perform(get("/api/v1/complaints/" + id))
                .andExpect(jsonPath("$.firstResponseDueAt").value("2026-11-20T11:05:00Z"));
    }

    @Test
    void listsByFilterWithCountsAndExportsCsv() throws Exception {
        String high = openOverHttp("LIST-1", "HIGH");
        openOverHttp("LIST-1", "LOW");
        String medium = openOverHttp("LIST-1", "MEDIUM");
        action(medium, "acknowledge", "", null).andExpect(status().isOk());

        mvc.perform(get("/api/v1/complaints").param("branchId", "LIST-1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(3))
                .andExpect(jsonPath("$.items.length()").value(3))
                .andExpect(jsonPath("$.counts.byStatus.OPEN").value(2))
                .andExpect(jsonPath("$.counts.byStatus.ACKNOWLEDGED").value(1))
                .andExpect(jsonPath("$.counts.overdue").value(0));
        mvc.perform(get("/api/v1/complaints").param("branchId", "LIST-1").param("severity", "HIGH"))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].complaintId").value(high));
        mvc.perform(get("/api/v1/complaints").param("branchId", "LIST-1").param("status", "ACKNOWLEDGED"))
                .andExpect(jsonPath("$.items[0].complaintId").value(medium));

        clock.set(NOW.plus(Duration.ofHours(5)));
        mvc.perform(get("/api/v1/complaints").param("branchId", "LIST-1").param("overdue", "true"))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].complaintId").value(high))
                .andExpect(jsonPath("$.counts.overdue").value(1));

        String csv = mvc.perform(get("/api/v1/complaints/export.csv").param("branchId", "LIST-1"))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .contentTypeCompatibleWith("text/csv"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("number,complaintId,status,branchId");
        assertThat(lines.subList(1, 4))
                .anySatisfy(line ->
                        assertThat(line).startsWith("LIST-1-202611-").contains("," + high + ",OPEN,LIST-1,QUALITY,"));
    }

    @Test
    void listsAndExportsByAssigneeNumberAndOpenWithinTheCallersBranchesOnly() throws Exception {
        String alicesAssigned = openOverHttp("QUEUE-1", "HIGH");
        assignTo(alicesAssigned, "queue.alice");
        String bobsAssigned = openOverHttp("QUEUE-1", "HIGH");
        assignTo(bobsAssigned, "queue.bob");
        String unassigned = openOverHttp("QUEUE-1", "LOW");
        String alicesResolved = openOverHttp("QUEUE-1", "MEDIUM");
        assignTo(alicesResolved, "queue.alice");
        action(alicesResolved, "resolve", "{\"rootCause\": \"typo\", \"correctiveAction\": \"fixed\"}", null)
                .andExpect(status().isOk());
        String alicesElsewhere = openOverHttp("QUEUE-2", "HIGH");
        assignTo(alicesElsewhere, "queue.alice");
        String unassignedElsewhere = openOverHttp("QUEUE-2", "LOW");
        String managerOfQueue1 =
                TestCredentials.bearer(TestCredentials.TENANT, List.of("QUEUE-1"), Role.BRANCH_MANAGER);

        // assignee: exactly that user's, in every state; with open=true only the unresolved ones
        assertThat(listed(Map.of("assignee", "queue.alice"), null))
                .containsExactlyInAnyOrder(alicesAssigned, alicesResolved, alicesElsewhere);
        mvc.perform(get("/api/v1/complaints").param("assignee", "queue.alice"))
                .andExpect(jsonPath("$.total").value(3))
                .andExpect(jsonPath("$.counts.byStatus.ASSIGNED").value(2))
                .andExpect(jsonPath("$.counts.byStatus.RESOLVED").value(1))
                .andExpect(jsonPath("$.counts.byStatus.OPEN").value(0));
        assertThat(listed(Map.of("assignee", "queue.alice", "open", "true"), null))
                .containsExactlyInAnyOrder(alicesAssigned, alicesElsewhere);
        assertThat(listed(Map.of("assignee", "queue.alice"), managerOfQueue1))
                .as("a branch manager sees only the assignee's complaints of their own branches")
                .containsExactlyInAnyOrder(alicesAssigned, alicesResolved);

        // unassigned: nobody's (false: somebody's); with an assignee, that assignee's or nobody's: an agent's queue
        assertThat(listed(Map.of("unassigned", "true", "branchId", "QUEUE-1"), null))
                .containsExactly(unassigned);
        assertThat(listed(Map.of("unassigned", "false", "branchId", "QUEUE-1"), null))
                .containsExactlyInAnyOrder(alicesAssigned, bobsAssigned, alicesResolved);
        assertThat(listed(Map.of("assignee", "queue.alice", "unassigned", "true", "open", "true"), managerOfQueue1))
                .containsExactlyInAnyOrder(alicesAssigned, unassigned);
        assertThat(listed(Map.of("assignee", "queue.alice", "unassigned", "true", "branchId", "QUEUE-2"), null))
                .containsExactlyInAnyOrder(alicesElsewhere, unassignedElsewhere);

        // open=false: resolved or closed, and the counts by status say so
        assertThat(listed(Map.of("open", "false", "branchId", "QUEUE-1"), null)).containsExactly(alicesResolved);
        mvc.perform(get("/api/v1/complaints").param("open", "true").param("branchId", "QUEUE-1"))
                .andExpect(jsonPath("$.total").value(3))
                .andExpect(jsonPath("$.counts.byStatus.RESOLVED").value(0))
                .andExpect(jsonPath("$.counts.byStatus.ASSIGNED").value(2))
                .andExpect(jsonPath("$.counts.byStatus.OPEN").value(1));

        // number: exactly that complaint, and only for a caller who may see its branch
        String number = JsonPath.read(
                mvc.perform(get("/api/v1/complaints/" + alicesElsewhere))
                        .andReturn()
                        .getResponse()
                        .getContentAsString(),
                "$.number");
        assertThat(number).startsWith("QUEUE-2-202611-");
        assertThat(listed(Map.of("number", number), null)).containsExactly(alicesElsewhere);
        assertThat(listed(Map.of("number", number), managerOfQueue1)).isEmpty();
        assertThat(listed(Map.of("number", number.replace("QUEUE-2", "QUEUE-1")), managerOfQueue1))
                .as("the same serial in their own branch: the first complaint opened there")
                .containsExactly(alicesAssigned);

        // the export takes the same filters and the same scope
        assertThat(exported(Map.of("assignee", "queue.alice", "unassigned", "true", "open", "true"), managerOfQueue1))
                .containsExactlyInAnyOrder(alicesAssigned, unassigned);
        assertThat(exported(Map.of("assignee", "queue.alice"), null))
                .containsExactlyInAnyOrder(alicesAssigned, alicesResolved, alicesElsewhere);
        assertThat(exported(Map.of("number", number), null)).containsExactly(alicesElsewhere);
        assertThat(exported(Map.of("number", number), managerOfQueue1)).isEmpty();
    }

    private void assignTo(String id, String assignee) throws Exception {
        action(id, "acknowledge", "", null).andExpect(status().isOk());
        action(id, "assign", "{\"assignee\": \"" + assignee + "\"}", null).andExpect(status().isOk());
    }

    /** The ids {@code GET /api/v1/complaints} lists for these parameters, as {@code bearer} (null: the admin). */
    private List<String> listed(Map<String, String> params, String bearer) throws Exception {
        var request = get("/api/v1/complaints").param("size", "200");
        params.forEach(request::param);
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        String body = mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        List<String> ids = JsonPath.read(body, "$.items[*].complaintId");
        assertThat(ids).as("total of " + params).hasSize((Integer) JsonPath.read(body, "$.total"));
        return ids;
    }

    /** The ids (second column) of the CSV export for these parameters, as {@code bearer} (null: the admin). */
    private List<String> exported(Map<String, String> params, String bearer) throws Exception {
        var request = get("/api/v1/complaints/export.csv");
        params.forEach(request::param);
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        List<String> lines = mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString()
                .lines()
                .toList();
        return lines.subList(1, lines.size()).stream()
                .map(line -> line.split(",")[1])
                .toList();
    }

    @Test
    void aCorrectiveActionRunsPlanDoCheckActWithAnEffectivenessCheckPerCycle() throws Exception {
        String complaintId = openOverHttp("PDCA-1", "MEDIUM");
        mvc.perform(post("/api/v1/corrective-actions")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"branchId\": \"PDCA-1\", \"title\": \"Train counter staff\", \"owner\": \"dora\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(
                        jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.hasItems("dueDate", "complaintId")));
        String created = mvc.perform(post("/api/v1/corrective-actions")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                { "branchId": "PDCA-1", "complaintId": "%s", "title": "Train counter staff",
                                  "owner": "dora", "dueDate": "2026-11-19" }
                                """.formatted(complaintId)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("PLANNED"))
                .andExpect(jsonPath("$.overdue").value(true))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String actionId = JsonPath.read(created, "$.actionId");
        String path = "/api/v1/corrective-actions/" + actionId;

        mvc.perform(post(path + "/check"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://servicequality.io/problems/invalid-transition"));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch(path)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"dueDate\": \"2026-12-31\"}"))
                .andExpect(jsonPath("$.overdue").value(false));
        mvc.perform(post(path + "/start")).andExpect(jsonPath("$.status").value("DOING"));
        mvc.perform(post(path + "/check")).andExpect(jsonPath("$.status").value("CHECKING"));
        mvc.perform(post(path + "/evaluate")
                        .header("Authorization", TestCredentials.bearer(TestCredentials.TENANT, Role.QUALITY_MANAGER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"effective\": false, \"note\": \"complaints did not drop\"}"))
                .andExpect(jsonPath("$.status").value("PLANNED"))
                .andExpect(jsonPath("$.cycle").value(2));
        mvc.perform(post(path + "/start")).andExpect(status().isOk());
        mvc.perform(post(path + "/check")).andExpect(status().isOk());
        mvc.perform(post(path + "/evaluate")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"effective\": true, \"note\": \"no repeat in a month\"}"))
                .andExpect(jsonPath("$.status").value("EFFECTIVE"))
                .andExpect(jsonPath("$.completedAt").value("2026-11-20T10:05:00Z"))
                .andExpect(jsonPath("$.checks.length()").value(2))
                .andExpect(jsonPath("$.checks[0].effective").value(false))
                .andExpect(jsonPath("$.checks[0].checkedBy").value(TestCredentials.subjectOf(Role.QUALITY_MANAGER)));

        mvc.perform(get("/api/v1/corrective-actions").param("complaintId", complaintId))
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].actionId").value(actionId));
        mvc.perform(post("/api/v1/corrective-actions")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                { "branchId": "PDCA-1", "metric": "answerRate", "title": "Add a phone shift",
                                  "owner": "eve", "dueDate": "2026-12-15" }
                                """))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.complaintId").doesNotExist())
                .andExpect(jsonPath("$.metric").value("answerRate"));
        mvc.perform(get("/api/v1/corrective-actions")
                        .param("branchId", "PDCA-1")
                        .param("status", "PLANNED"))
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].metric").value("answerRate"));
    }

    private String openOverHttp(String branchId, String severity) throws Exception {
        MockHttpServletResponse created = mvc.perform(post("/api/v1/complaints")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                { "branchId": "%s", "category": "QUALITY", "severity": "%s", "subject": "Waited" }
                                """.formatted(branchId, severity)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse();
        return JsonPath.read(created.getContentAsString(), "$.complaintId");
    }

    /**
     * Performs an action as a member of staff with {@code role} ({@code null}: the default admin). Every action also
     * names a forged {@code X-Actor}, which must not be what the history records.
     */
    private org.springframework.test.web.servlet.ResultActions action(String id, String action, String body, Role role)
            throws Exception {
        var request = post("/api/v1/complaints/" + id + "/" + action).header("X-Actor", "forged-actor");
        if (!body.isEmpty()) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        if (role != null) {
            request.header("Authorization", TestCredentials.bearer(TestCredentials.TENANT, role));
        }
        return mvc.perform(request);
    }

    /** Opens a complaint through the application service, as an admin of the test tenant. */
    private Complaint open(String branchId, Instant occurredAt, ComplaintDetails details) throws Exception {
        return TestCredentials.as(TestCredentials.TENANT, () -> service.open(branchId, occurredAt, details));
    }

    private TimerLease lease(String name, String holder) {
        return new TimerLease(mongo, "test-lease:" + name, holder, Duration.ofSeconds(30), clock);
    }

    private static final ComplaintDetails DETAILS_CRITICAL = new ComplaintDetails(
            Channel.APP, ComplaintCategory.QUALITY, "outage", Severity.CRITICAL, "it", "App down", null, null);

    private static final String OFFICE_CALENDAR = """
            { "timeZone": "Europe/Berlin",
              "weeklyHours": {
                "MONDAY":    [{"from": "09:00", "to": "12:00"}, {"from": "13:00", "to": "17:00"}],
                "TUESDAY":   [{"from": "09:00", "to": "12:00"}, {"from": "13:00", "to": "17:00"}],
                "WEDNESDAY": [{"from": "09:00", "to": "12:00"}, {"from": "13:00", "to": "17:00"}],
                "THURSDAY":  [{"from": "09:00", "to": "12:00"}, {"from": "13:00", "to": "17:00"}],
                "FRIDAY":    [{"from": "09:00", "to": "12:00"}, {"from": "13:00", "to": "17:00"}] },
              "holidays": ["2026-12-25"] }
            """;

    private Complaint openDirectly(String tenantId, String branchId) {
        return openDirectly(tenantId, branchId, DETAILS, 1);
    }

    /** A complaint as another instance (or a run before a crash) stored it: unknown to this process's memory. */
    private Complaint openDirectly(String tenantId, String branchId, ComplaintDetails details, int serial) {
        return Complaint.open(
                new org.bson.types.ObjectId().toHexString(),
                tenantId,
                branchId,
                ComplaintNumber.following(branchId, NOW, serial - 1),
                NOW,
                NOW,
                "test-admin",
                details,
                new SlaContext(BusinessCalendar.ALWAYS_OPEN_UTC, SlaTargets.DEFAULTS::of));
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

        private final DefaultKafkaProducerFactory<Object, Object> factory;
        private final KafkaTemplate<Object, Object> template;

        UnreachableKafka() throws IOException {
            int closedPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            factory = new DefaultKafkaProducerFactory<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    "localhost:" + closedPort,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG,
                    1000,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                    StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    JacksonJsonSerializer.class));
            template = new KafkaTemplate<>(factory);
        }

        @Override
        public void close() {
            factory.destroy();
        }
    }
}

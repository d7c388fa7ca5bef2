package io.servicequality.feedback.survey;

import static io.servicequality.feedback.JsonBodies.JSON;
import static io.servicequality.feedback.JsonBodies.change;
import static io.servicequality.feedback.JsonBodies.remover;
import static io.servicequality.feedback.JsonBodies.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.servicequality.contracts.Channel;
import io.servicequality.contracts.DimensionRating;
import io.servicequality.contracts.FeedbackSubmitted;
import io.servicequality.contracts.Topics;
import io.servicequality.feedback.audit.EventAudit;
import io.servicequality.feedback.config.AccessRules;
import io.servicequality.feedback.eventlog.EventLog;
import io.servicequality.feedback.eventlog.EventLogUnavailableException;
import io.servicequality.feedback.eventlog.WriteOutcome;
import io.servicequality.feedback.ingest.IngestProperties;
import io.servicequality.feedback.ingest.Intake;
import io.servicequality.security.test.TestCredentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.node.ObjectNode;

/** The HTTP contract of feedback ingest with the log mocked; the request limits and the idempotency filter have their own ITs. */
@WebMvcTest(
        controllers = FeedbackController.class,
        properties = {"sqp.ingest.max-batch-items=5"},
        excludeFilters =
                @ComponentScan.Filter(
                        type = FilterType.REGEX,
                        pattern = "io\\.servicequality\\.feedback\\.idempotency\\..*"))
@Import({TestCredentials.DefaultAdmin.class, AccessRules.class, Intake.class, FeedbackControllerTest.FixedClock.class})
class FeedbackControllerTest {

    static final Instant RECEIVED_AT = Instant.parse("2026-11-20T09:15:02Z");
    static final String PROBLEMS = "https://servicequality.io/problems/";

    /** The request of SPEC §3. */
    static final String EXAMPLE = """
            { "eventId": "0b9d3c1e-6f3a-4c55-9d7e-2a1f0c9e4b11", "branchId": "SH-001",
              "occurredAt": "2026-11-20T09:15:00Z", "channel": "COUNTER",
              "servqual": { "reliability":    { "expectation": 7, "perception": 5 },
                            "responsiveness": { "expectation": 6, "perception": 6 } },
              "importance": { "reliability": 40, "responsiveness": 30, "tangibles": 10,
                              "assurance": 10, "empathy": 10 },
              "csat": 4, "nps": 9, "ces": 6, "comment": "Quick, but the form was confusing.",
              "customerRef": "c-77f1" }
            """;

    @TestConfiguration
    @EnableConfigurationProperties(IngestProperties.class)
    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(RECEIVED_AT, ZoneOffset.UTC);
        }
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    EventLog eventLog;

    @MockitoBean
    EventAudit audit;

    @Test
    void acceptsTheSpecExampleOnceTheLogHasIt() throws Exception {
        submit(EXAMPLE)
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/v1/feedback/0b9d3c1e-6f3a-4c55-9d7e-2a1f0c9e4b11"))
                .andExpect(jsonPath("$.eventId").value("0b9d3c1e-6f3a-4c55-9d7e-2a1f0c9e4b11"))
                .andExpect(jsonPath("$.status").value("ACCEPTED"))
                .andExpect(jsonPath("$.receivedAt").value("2026-11-20T09:15:02Z"));

        FeedbackSubmitted event = published();
        assertThat(event.eventId()).isEqualTo(UUID.fromString("0b9d3c1e-6f3a-4c55-9d7e-2a1f0c9e4b11"));
        assertThat(event.tenantId()).isEqualTo("acme-bank");
        assertThat(event.recordKey()).isEqualTo("acme-bank:SH-001");
        assertThat(event.schemaVersion()).isEqualTo(1);
        assertThat(event.receivedAt()).isEqualTo(RECEIVED_AT);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-20T09:15:00Z"));
        assertThat(event.channel()).isEqualTo(Channel.COUNTER);
        assertThat(event.servqual().reliability()).isEqualTo(new DimensionRating(7.0, 5.0));
        assertThat(event.servqual().responsiveness()).isEqualTo(new DimensionRating(6.0, 6.0));
        assertThat(event.servqual().tangibles()).isNull();
        assertThat(event.importance().reliability()).isEqualTo(40);
        assertThat(event.csat()).isEqualTo(4);
        assertThat(event.nps()).isEqualTo(9);
        assertThat(event.ces()).isEqualTo(6);
        assertThat(event.comment()).isEqualTo("Quick, but the form was confusing.");
        assertThat(event.customerRef()).isEqualTo("c-77f1");
        assertThat(event.interactionId()).isNull();
    }

    @Test
    void generatesAnEventIdWhenTheClientSendsNone() throws Exception {
        String location = submit(change(EXAMPLE, body -> remover("eventId").apply(body)))
                .andExpect(status().isAccepted())
                .andReturn()
                .getResponse()
                .getHeader("Location");

        FeedbackSubmitted event = published();
        assertThat(event.eventId()).isNotNull();
        assertThat(location).isEqualTo("/api/v1/feedback/" + event.eventId());
    }

    static Stream<Arguments> valuesOnTheBounds() {
        return Stream.of(
                Arguments.of("csat 1", set("csat", 1)),
                Arguments.of("csat 5", set("csat", 5)),
                Arguments.of("nps 0", set("nps", 0)),
                Arguments.of("nps 10", set("nps", 10)),
                Arguments.of("ces 1", set("ces", 1)),
                Arguments.of("ces 7", set("ces", 7)),
                Arguments.of(
                        "ratings 1 and 7",
                        set("servqual.tangibles", JSON.readTree("{\"expectation\":1,\"perception\":7}"))),
                Arguments.of("branchId of 64", set("branchId", "B".repeat(64))),
                Arguments.of("branchId with . _ -", set("branchId", "eu.north_SH-001")),
                Arguments.of("comment of 4000", set("comment", "x".repeat(4000))),
                Arguments.of("customerRef of 128", set("customerRef", "c".repeat(128))),
                Arguments.of("interactionId of 128", set("interactionId", "i".repeat(128))),
                Arguments.of(
                        "occurredAt 4 minutes ahead",
                        set(
                                "occurredAt",
                                Instant.now().plus(Duration.ofMinutes(4)).toString())),
                Arguments.of("occurredAt with offset", set("occurredAt", "2026-11-20T10:15:00+01:00")),
                Arguments.of(
                        "importance on two dimensions",
                        set("importance", JSON.readTree("{\"reliability\":60,\"empathy\":40}"))),
                Arguments.of(
                        "importance 100 and zeros",
                        set("importance", JSON.readTree("{\"reliability\":100,\"empathy\":0}"))),
                Arguments.of("no channel", remover("channel")),
                Arguments.of("csat only", remover("servqual", "nps", "ces", "importance")),
                Arguments.of("servqual only", remover("csat", "nps", "ces")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesOnTheBounds")
    void acceptsValuesOnTheBounds(String description, UnaryOperator<ObjectNode> change) throws Exception {
        submit(change(EXAMPLE, change)).andExpect(status().isAccepted());

        verify(eventLog).append(eq(Topics.FEEDBACK_SUBMITTED), any(FeedbackSubmitted.class));
    }

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                Arguments.of(remover("branchId"), "branchId"),
                Arguments.of(set("branchId", ""), "branchId"),
                Arguments.of(set("branchId", "   "), "branchId"),
                Arguments.of(set("branchId", "B".repeat(65)), "branchId"),
                Arguments.of(set("branchId", "SH 001"), "branchId"),
                Arguments.of(set("branchId", "SH/001"), "branchId"),
                Arguments.of(remover("occurredAt"), "occurredAt"),
                Arguments.of(
                        set(
                                "occurredAt",
                                Instant.now().plus(Duration.ofMinutes(6)).toString()),
                        "occurredAt"),
                Arguments.of(set("servqual.reliability.expectation", 0), "servqual.reliability.expectation"),
                Arguments.of(set("servqual.reliability.expectation", 8), "servqual.reliability.expectation"),
                Arguments.of(set("servqual.responsiveness.perception", 0), "servqual.responsiveness.perception"),
                Arguments.of(set("servqual.responsiveness.perception", 8), "servqual.responsiveness.perception"),
                Arguments.of(
                        set("servqual.empathy", JSON.readTree("{\"expectation\":5}")), "servqual.empathy.perception"),
                Arguments.of(
                        set("servqual.assurance", JSON.readTree("{\"perception\":5}")),
                        "servqual.assurance.expectation"),
                Arguments.of(set("servqual.tangibles", JSON.readTree("{}")), "servqual.tangibles.expectation"),
                Arguments.of(set("importance.tangibles", -1), "importance.tangibles"),
                Arguments.of(set("importance.reliability", 101), "importance.reliability"),
                Arguments.of(set("importance.empathy", 0), "importance"),
                Arguments.of(set("importance", JSON.readTree("{\"reliability\":60,\"empathy\":60}")), "importance"),
                Arguments.of(set("importance", JSON.readTree("{}")), "importance"),
                Arguments.of(set("csat", 0), "csat"),
                Arguments.of(set("csat", 6), "csat"),
                Arguments.of(set("nps", -1), "nps"),
                Arguments.of(set("nps", 11), "nps"),
                Arguments.of(set("ces", 0), "ces"),
                Arguments.of(set("ces", 8), "ces"),
                Arguments.of(set("comment", "x".repeat(4001)), "comment"),
                Arguments.of(set("customerRef", "c".repeat(129)), "customerRef"),
                Arguments.of(set("interactionId", "i".repeat(129)), "interactionId"));
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("invalidFields")
    void rejectsAnInvalidFieldNamingItAndPublishesNothing(UnaryOperator<ObjectNode> change, String field)
            throws Exception {
        submit(change(EXAMPLE, change))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PROBLEMS + "validation-failed"))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors[*].field", hasItem(field)))
                .andExpect(jsonPath("$.detail", containsString(field)));

        verifyNoInteractions(eventLog);
    }

    static Stream<Arguments> feedbackWithoutAnswers() {
        UnaryOperator<ObjectNode> noAnswers = remover("servqual", "csat", "nps", "ces");
        return Stream.of(Arguments.of("nothing answered", noAnswers), Arguments.of("empty servqual", (UnaryOperator<
                        ObjectNode>)
                body -> set("servqual", JSON.readTree("{}")).apply(noAnswers.apply(body))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feedbackWithoutAnswers")
    void rejectsFeedbackWithoutASingleAnswer(String description, UnaryOperator<ObjectNode> change) throws Exception {
        submit(change(EXAMPLE, change))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PROBLEMS + "validation-failed"))
                .andExpect(jsonPath("$.errors[0].message", containsString("csat")))
                .andExpect(jsonPath("$.errors[0].message", containsString("servqual")));

        verifyNoInteractions(eventLog);
    }

    static Stream<Arguments> malformedFields() {
        return Stream.of(
                Arguments.of(set("channel", "FAX"), "channel", "must be one of PHONE, CHAT, EMAIL, COUNTER, APP, WEB"),
                Arguments.of(set("channel", 3), "channel", "must be one of"),
                Arguments.of(set("csat", "four"), "csat", "must be an integer"),
                Arguments.of(set("csat", 4.5), "csat", "must be an integer"),
                Arguments.of(set("nps", JSON.readTree("[9]")), "nps", "must be an integer"),
                Arguments.of(set("eventId", "not-a-uuid"), "eventId", "must be a UUID"),
                Arguments.of(set("occurredAt", "yesterday"), "occurredAt", "ISO-8601"),
                Arguments.of(
                        set("servqual.reliability.expectation", "high"), "servqual.reliability.expectation", "integer"),
                Arguments.of(set("servqual", "good"), "servqual", "must be a JSON object"),
                Arguments.of(set("importance.empathy", "ten"), "importance.empathy", "must be an integer"));
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("malformedFields")
    void rejectsAValueOfTheWrongTypeNamingTheFieldAndWhatItMustBe(
            UnaryOperator<ObjectNode> change, String field, String message) throws Exception {
        submit(change(EXAMPLE, change))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PROBLEMS + "validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value(field))
                .andExpect(jsonPath("$.errors[0].message", containsString(message)));

        verifyNoInteractions(eventLog);
    }

    @ParameterizedTest(name = "body: {0}")
    @MethodSource("unreadableBodies")
    void rejectsABodyThatIsNotJsonAsMalformed(String body) throws Exception {
        submit(body)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PROBLEMS + "malformed-request"))
                .andExpect(jsonPath("$.detail").value("The request body is missing or is not valid JSON."));

        verifyNoInteractions(eventLog);
    }

    static Stream<String> unreadableBodies() {
        return Stream.of("", "{\"branchId\": \"SH-001\",", "not json", "[]");
    }

    @Test
    void answersServiceUnavailableWithRetryAfterWhenTheLogDoesNotAcknowledge() throws Exception {
        willAnswer(call -> {
                    throw new EventLogUnavailableException(
                            call.<FeedbackSubmitted>getArgument(1).eventId(),
                            WriteOutcome.UNKNOWN,
                            Duration.ofSeconds(5),
                            null);
                })
                .given(eventLog)
                .append(any(), any());

        submit(EXAMPLE)
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PROBLEMS + "dependency-unavailable"))
                .andExpect(jsonPath("$.outcome").value("UNKNOWN"))
                .andExpect(jsonPath("$.eventId").value("0b9d3c1e-6f3a-4c55-9d7e-2a1f0c9e4b11"))
                .andExpect(jsonPath("$.detail").value(containsString("may or may not have been written")));
    }

    @Test
    void theServiceUnavailableAnswerCarriesTheEventIdTheServerMadeUp() throws Exception {
        ArgumentCaptor<FeedbackSubmitted> sent = ArgumentCaptor.forClass(FeedbackSubmitted.class);
        willAnswer(call -> {
                    throw new EventLogUnavailableException(
                            call.<FeedbackSubmitted>getArgument(1).eventId(),
                            WriteOutcome.NOT_WRITTEN,
                            Duration.ofSeconds(5),
                            null);
                })
                .given(eventLog)
                .append(any(), sent.capture());

        String answer = submit(change(EXAMPLE, remover("eventId")))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.outcome").value("NOT_WRITTEN"))
                .andExpect(jsonPath("$.detail").value(containsString("nothing was written")))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(JSON.readTree(answer).get("eventId").asString())
                .isEqualTo(sent.getValue().eventId().toString());
    }

    @Test
    void neverEchoesTheMessageOfAnUnexpectedFailure() throws Exception {
        willThrow(new IllegalStateException("secret internals at 10.0.0.7"))
                .given(eventLog)
                .append(any(), any());

        submit(EXAMPLE)
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PROBLEMS + "internal-error"))
                .andExpect(content().string(not(containsString("10.0.0.7"))));
    }

    @Test
    void returnsStoredFeedback() throws Exception {
        UUID eventId = UUID.fromString("0b9d3c1e-6f3a-4c55-9d7e-2a1f0c9e4b11");
        given(audit.find(Topics.FEEDBACK_SUBMITTED, FeedbackSubmitted.class, eventId))
                .willReturn(Optional.of(new FeedbackSubmitted(
                        eventId,
                        "demo",
                        "SH-001",
                        Instant.parse("2026-11-20T09:15:00Z"),
                        FeedbackSubmitted.SCHEMA_VERSION,
                        RECEIVED_AT,
                        Channel.COUNTER,
                        null,
                        null,
                        4,
                        null,
                        null,
                        null,
                        null,
                        null,
                        false)));

        mvc.perform(get("/api/v1/feedback/{id}", eventId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eventId").value(eventId.toString()))
                .andExpect(jsonPath("$.branchId").value("SH-001"))
                .andExpect(jsonPath("$.csat").value(4))
                .andExpect(jsonPath("$.tenantId").doesNotExist());
    }

    @Test
    void answersNotFoundForUnknownFeedback() throws Exception {
        mvc.perform(get("/api/v1/feedback/{id}", UUID.randomUUID()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PROBLEMS + "not-found"));
    }

    @Test
    void rejectsAnIdThatIsNotAUuid() throws Exception {
        mvc.perform(get("/api/v1/feedback/not-a-uuid"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PROBLEMS + "validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("eventId"));
    }

    @Test
    void averagesItemLevelAnswersIntoTheirDimension() throws Exception {
        submit(FeedbackExamples.ITEM_LEVEL).andExpect(status().isAccepted());

        FeedbackSubmitted event = published();
        assertThat(event.servqual().empathy()).isEqualTo(new DimensionRating(6.5, 4.5));
        assertThat(event.servqual().reliability()).isNull();
    }

    static Stream<Arguments> invalidItemAnswers() {
        return Stream.of(
                Arguments.of("{\"items\":[]}", "servqual.empathy.items"),
                Arguments.of(
                        "{\"items\":[{\"expectation\":8,\"perception\":4}]}", "servqual.empathy.items[0].expectation"),
                Arguments.of("{\"items\":[{\"expectation\":6}]}", "servqual.empathy.items[0].perception"),
                Arguments.of("{\"items\":[null]}", "servqual.empathy.items[0]"),
                Arguments.of(
                        "{\"expectation\":6,\"perception\":4,\"items\":[{\"expectation\":6,\"perception\":4}]}",
                        "servqual.empathy.items"),
                Arguments.of(
                        "{\"items\":"
                                + "{\"expectation\":6,\"perception\":4},"
                                        .repeat(11)
                                        .replaceAll(",$", "")
                                        .replaceFirst("^", "[")
                                + "]}",
                        "servqual.empathy.items"));
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("invalidItemAnswers")
    void rejectsInvalidItemAnswersNamingTheField(String empathy, String field) throws Exception {
        submit(change(EXAMPLE, set("servqual.empathy", JSON.readTree(empathy))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "validation-failed"))
                .andExpect(jsonPath("$.errors[*].field", hasItem(field)));

        verifyNoInteractions(eventLog);
    }

    @Test
    void acceptsFeedbackOlderThanTheAllowedLatenessAndFlagsItLate() throws Exception {
        submit(change(
                        EXAMPLE,
                        set("occurredAt", RECEIVED_AT.minus(Duration.ofDays(31)).toString())))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.late").value(true));

        assertThat(published().late()).isTrue();
    }

    @Test
    void feedbackWithinTheAllowedLatenessIsNotLate() throws Exception {
        submit(change(
                        EXAMPLE,
                        set("occurredAt", RECEIVED_AT.minus(Duration.ofDays(29)).toString())))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.late").value(false));

        assertThat(published().late()).isFalse();
    }

    @Test
    void derivesTheEventIdFromTheIdempotencyKeySoARetryCannotCreateASecondEvent() throws Exception {
        String body = change(EXAMPLE, remover("eventId"));
        ArgumentCaptor<FeedbackSubmitted> events = ArgumentCaptor.forClass(FeedbackSubmitted.class);

        submitWithKey(body, "order-42").andExpect(status().isAccepted());
        submitWithKey(body, "order-42").andExpect(status().isAccepted());
        submitWithKey(body, "order-43").andExpect(status().isAccepted());

        verify(eventLog, times(3)).append(eq(Topics.FEEDBACK_SUBMITTED), events.capture());
        List<FeedbackSubmitted> sent = events.getAllValues();
        assertThat(sent.get(0).eventId()).isEqualTo(sent.get(1).eventId());
        assertThat(sent.get(2).eventId()).isNotEqualTo(sent.get(0).eventId());
    }

    @Test
    void batchAcceptsTheValidItemsAndReportsEachInvalidOneByIndex() throws Exception {
        acknowledgeEverything();
        String batch = "[" + EXAMPLE + "," + change(EXAMPLE, set("csat", 9)) + ","
                + change(EXAMPLE, set("channel", "FAX")) + ", 42,"
                + change(EXAMPLE, remover("eventId")) + "]";

        submitBatch(batch, MediaType.APPLICATION_JSON)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(2))
                .andExpect(jsonPath("$.rejected").value(3))
                .andExpect(jsonPath("$.unavailable").value(0))
                .andExpect(jsonPath("$.results[0].status").value("ACCEPTED"))
                .andExpect(jsonPath("$.results[0].eventId").value("0b9d3c1e-6f3a-4c55-9d7e-2a1f0c9e4b11"))
                .andExpect(jsonPath("$.results[0].receivedAt").value("2026-11-20T09:15:02Z"))
                .andExpect(jsonPath("$.results[1].index").value(1))
                .andExpect(jsonPath("$.results[1].status").value("REJECTED"))
                .andExpect(jsonPath("$.results[1].errors[0].field").value("csat"))
                .andExpect(jsonPath("$.results[1].eventId").doesNotExist())
                .andExpect(jsonPath("$.results[2].errors[0].field").value("channel"))
                .andExpect(jsonPath("$.results[2].errors[0].message", containsString("must be one of")))
                .andExpect(jsonPath("$.results[3].errors[0].message").value("must be a JSON object"))
                .andExpect(jsonPath("$.results[4].status").value("ACCEPTED"))
                .andExpect(jsonPath("$.results[4].eventId").isNotEmpty());

        assertThat(batchPublished()).hasSize(2);
    }

    @Test
    void batchReadsNdjsonLineByLine() throws Exception {
        acknowledgeEverything();
        String ndjson = FeedbackExamples.BATCH_NDJSON + "this line is not json\n\n"
                + change(FeedbackExamples.ITEM_LEVEL, set("nps", 11)) + "\n";

        submitBatch(ndjson, MediaType.parseMediaType("application/x-ndjson"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(2))
                .andExpect(jsonPath("$.rejected").value(2))
                .andExpect(jsonPath("$.results[2].errors[0].message").value("is not valid JSON"))
                .andExpect(jsonPath("$.results[3].errors[0].field").value("nps"));

        assertThat(batchPublished()).extracting(FeedbackSubmitted::branchId).containsExactly("SH-001", "SH-002");
    }

    @Test
    void batchOverTheItemLimitIsRefusedWith413AndNothingIsPublished() throws Exception {
        String batch = "[" + String.join(",", java.util.Collections.nCopies(6, EXAMPLE)) + "]";

        submitBatch(batch, MediaType.APPLICATION_JSON)
                .andExpect(status().isContentTooLarge())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PROBLEMS + "payload-too-large"));

        verifyNoInteractions(eventLog);
    }

    @ParameterizedTest(name = "body: {0}")
    @MethodSource("notABatch")
    void rejectsABodyThatIsNotABatch(String body) throws Exception {
        submitBatch(body, MediaType.APPLICATION_JSON)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));

        verifyNoInteractions(eventLog);
    }

    static Stream<String> notABatch() {
        return Stream.of("[]", EXAMPLE, "[{", "");
    }

    @Test
    void batchTheBrokerAcknowledgedNoneOfIsRefusedWith503SayingWhatIsKnownOfEachItem() throws Exception {
        given(eventLog.appendAll(any(), anyList())).willReturn(List.of(WriteOutcome.UNKNOWN, WriteOutcome.NOT_WRITTEN));
        given(eventLog.retryAfter()).willReturn(Duration.ofSeconds(5));

        submitBatch(
                        "[" + EXAMPLE + ",{\"branchId\": \"SH-001\"}," + change(EXAMPLE, remover("eventId")) + "]",
                        MediaType.APPLICATION_JSON)
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.outcome").value("UNKNOWN"))
                .andExpect(jsonPath("$.unavailable").value(2))
                .andExpect(jsonPath("$.rejected").value(1))
                .andExpect(jsonPath("$.results[0].status").value("UNAVAILABLE"))
                .andExpect(jsonPath("$.results[0].outcome").value("UNKNOWN"))
                .andExpect(jsonPath("$.results[0].eventId").value("0b9d3c1e-6f3a-4c55-9d7e-2a1f0c9e4b11"))
                .andExpect(jsonPath("$.results[1].status").value("REJECTED"))
                .andExpect(jsonPath("$.results[2].outcome").value("NOT_WRITTEN"))
                .andExpect(jsonPath("$.results[2].eventId").isString());
    }

    @Test
    void batchItemsTheBrokerDidNotAcknowledgeAreReportedUnavailable() throws Exception {
        given(eventLog.appendAll(any(), anyList())).willReturn(List.of(WriteOutcome.WRITTEN, WriteOutcome.UNKNOWN));

        submitBatch("[" + EXAMPLE + "," + change(EXAMPLE, set("branchId", "SH-002")) + "]", MediaType.APPLICATION_JSON)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(1))
                .andExpect(jsonPath("$.unavailable").value(1))
                .andExpect(jsonPath("$.results[1].status").value("UNAVAILABLE"))
                .andExpect(jsonPath("$.results[1].outcome").value("UNKNOWN"))
                .andExpect(jsonPath("$.results[0].outcome").doesNotExist())
                .andExpect(jsonPath("$.results[1].eventId").value("0b9d3c1e-6f3a-4c55-9d7e-2a1f0c9e4b11"));
    }

    @Test
    void batchItemsWithoutEventIdGetDistinctIdsDerivedFromTheIdempotencyKey() throws Exception {
        acknowledgeEverything();
        String batch = "[" + FeedbackExamples.ITEM_LEVEL + "," + FeedbackExamples.ITEM_LEVEL + "]";

        String first = submitBatchWithKey(batch, "import-7");
        String again = submitBatchWithKey(batch, "import-7");

        assertThat(JSON.readTree(first).at("/results/0/eventId"))
                .isEqualTo(JSON.readTree(again).at("/results/0/eventId"))
                .isNotEqualTo(JSON.readTree(first).at("/results/1/eventId"));
    }

    private void acknowledgeEverything() {
        given(eventLog.appendAll(any(), anyList()))
                .willAnswer(call -> java.util.Collections.nCopies(
                        call.<List<?>>getArgument(1).size(), WriteOutcome.WRITTEN));
    }

    @SuppressWarnings("unchecked")
    private List<FeedbackSubmitted> batchPublished() {
        ArgumentCaptor<List<FeedbackSubmitted>> events = ArgumentCaptor.forClass(List.class);
        verify(eventLog).appendAll(eq(Topics.FEEDBACK_SUBMITTED), events.capture());
        return events.getValue();
    }

    private ResultActions submitBatch(String body, MediaType type) throws Exception {
        return mvc.perform(post("/api/v1/feedback/batch").contentType(type).content(body));
    }

    private String submitBatchWithKey(String body, String key) throws Exception {
        return mvc.perform(post("/api/v1/feedback/batch")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("Idempotency-Key", key)
                        .content(body))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private ResultActions submitWithKey(String body, String key) throws Exception {
        return mvc.perform(post("/api/v1/feedback")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", key)
                .content(body));
    }

    private ResultActions submit(String body) throws Exception {
        return mvc.perform(
                post("/api/v1/feedback").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private FeedbackSubmitted published() {
        ArgumentCaptor<FeedbackSubmitted> event = ArgumentCaptor.forClass(FeedbackSubmitted.class);
        verify(eventLog).append(eq(Topics.FEEDBACK_SUBMITTED), event.capture());
        return event.getValue();
    }
}

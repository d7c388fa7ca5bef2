package io.servicequality.feedback.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
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
import io.servicequality.feedback.eventlog.EventLog;
import io.servicequality.feedback.eventlog.EventLogUnavailableException;
import io.servicequality.feedback.tenant.TenantProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@WebMvcTest(controllers = FeedbackController.class, properties = "sqp.tenant-id=acme-bank")
@Import({FeedbackIntake.class, FeedbackControllerTest.FixedClock.class})
class FeedbackControllerTest {

    static final Instant RECEIVED_AT = Instant.parse("2026-11-20T09:15:02Z");
    static final String PROBLEMS = "https://servicequality.io/problems/";
    static final JsonMapper JSON = JsonMapper.builder().build();

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
    @EnableConfigurationProperties(TenantProperties.class)
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
    FeedbackProjection projection;

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
        String location = submit(change(EXAMPLE, body -> remove(body, "eventId")))
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
    void rejectsAValueOfTheWrongTypeAsMalformedNamingTheField(
            UnaryOperator<ObjectNode> change, String field, String message) throws Exception {
        submit(change(EXAMPLE, change))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PROBLEMS + "malformed-request"))
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
        willThrow(new EventLogUnavailableException(Topics.FEEDBACK_SUBMITTED, Duration.ofSeconds(5), null))
                .given(eventLog)
                .append(any(), any());

        submit(EXAMPLE)
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PROBLEMS + "dependency-unavailable"));
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
        given(projection.find(eventId))
                .willReturn(Optional.of(new FeedbackDetails(
                        eventId,
                        "SH-001",
                        Instant.parse("2026-11-20T09:15:00Z"),
                        RECEIVED_AT,
                        Channel.COUNTER,
                        null,
                        null,
                        4,
                        null,
                        null,
                        null,
                        null,
                        null)));

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
                .andExpect(jsonPath("$.type").value(PROBLEMS + "malformed-request"))
                .andExpect(jsonPath("$.errors[0].field").value("eventId"));
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

    private static String change(String json, UnaryOperator<ObjectNode> change) {
        return JSON.writeValueAsString(change.apply((ObjectNode) JSON.readTree(json)));
    }

    /** Sets the value at a dotted path such as {@code servqual.reliability.expectation}, creating objects on the way. */
    private static UnaryOperator<ObjectNode> set(String path, Object value) {
        return body -> {
            String[] names = path.split("\\.");
            ObjectNode parent = body;
            for (int i = 0; i < names.length - 1; i++) {
                parent = parent.has(names[i]) ? (ObjectNode) parent.get(names[i]) : parent.putObject(names[i]);
            }
            parent.set(names[names.length - 1], JSON.valueToTree(value));
            return body;
        };
    }

    private static UnaryOperator<ObjectNode> remover(String... fields) {
        return body -> {
            for (String field : fields) {
                remove(body, field);
            }
            return body;
        };
    }

    private static ObjectNode remove(ObjectNode body, String field) {
        body.remove(field);
        return body;
    }
}

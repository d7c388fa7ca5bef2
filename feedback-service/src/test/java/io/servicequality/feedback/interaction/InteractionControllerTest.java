package io.servicequality.feedback.interaction;

import static io.servicequality.feedback.JsonBodies.change;
import static io.servicequality.feedback.JsonBodies.remover;
import static io.servicequality.feedback.JsonBodies.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.servicequality.contracts.Channel;
import io.servicequality.contracts.InteractionRecorded;
import io.servicequality.contracts.Topics;
import io.servicequality.feedback.audit.EventAudit;
import io.servicequality.feedback.config.AccessRules;
import io.servicequality.feedback.eventlog.EventLog;
import io.servicequality.feedback.eventlog.WriteOutcome;
import io.servicequality.feedback.ingest.IngestProperties;
import io.servicequality.feedback.ingest.Intake;
import io.servicequality.security.test.TestCredentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
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

/** The HTTP contract of interaction ingest with the log mocked: the validation matrix and the batch endpoint. */
@WebMvcTest(
        controllers = InteractionController.class,
        excludeFilters =
                @ComponentScan.Filter(
                        type = FilterType.REGEX,
                        pattern = "io\\.servicequality\\.feedback\\.idempotency\\..*"))
@Import({TestCredentials.DefaultAdmin.class, AccessRules.class, Intake.class, InteractionControllerTest.FixedClock.class
})
class InteractionControllerTest {

    static final Instant RECEIVED_AT = Instant.parse("2026-11-20T09:02:01Z");
    static final String PROBLEMS = "https://servicequality.io/problems/";
    static final String EXAMPLE = InteractionExamples.SINGLE;

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
                .andExpect(header().string("Location", "/api/v1/interactions/5e0c2a8f-1d4b-4f7a-9a63-0c7b2f9d1e55"))
                .andExpect(jsonPath("$.eventId").value("5e0c2a8f-1d4b-4f7a-9a63-0c7b2f9d1e55"))
                .andExpect(jsonPath("$.status").value("ACCEPTED"))
                .andExpect(jsonPath("$.receivedAt").value("2026-11-20T09:02:01Z"))
                .andExpect(jsonPath("$.late").value(false));

        InteractionRecorded event = published();
        assertThat(event.tenantId()).isEqualTo("acme-bank");
        assertThat(event.recordKey()).isEqualTo("acme-bank:SH-001");
        assertThat(event.channel()).isEqualTo(Channel.PHONE);
        assertThat(event.agentId()).isEqualTo("a-12");
        assertThat(event.offeredAt()).isEqualTo(Instant.parse("2026-11-20T08:58:56Z"));
        assertThat(event.answered()).isTrue();
        assertThat(event.abandoned()).isFalse();
        assertThat(event.waitSeconds()).isEqualTo(14);
        assertThat(event.handleSeconds()).isEqualTo(170);
        assertThat(event.resolvedFirstContact()).isTrue();
        assertThat(event.complex()).isFalse();
        assertThat(event.receivedAt()).isEqualTo(RECEIVED_AT);
        assertThat(event.late()).isFalse();
    }

    @Test
    void anAbandonedInteractionNeedsNoHandleTime() throws Exception {
        submit(InteractionExamples.ABANDONED).andExpect(status().isAccepted());

        InteractionRecorded event = published();
        assertThat(event.abandoned()).isTrue();
        assertThat(event.handleSeconds()).isNull();
        assertThat(event.resolvedFirstContact()).isFalse();
        assertThat(event.eventId()).isNotNull();
    }

    @Test
    void flagsAnInteractionOlderThanTheAllowedLateness() throws Exception {
        submit(change(EXAMPLE, body -> {
                    set("occurredAt", "2026-10-01T09:00:00Z").apply(body);
                    return remover("offeredAt").apply(body);
                }))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.late").value(true));

        assertThat(published().late()).isTrue();
    }

    static Stream<Arguments> valuesOnTheBounds() {
        return Stream.of(
                Arguments.of("waitSeconds 0", set("waitSeconds", 0)),
                Arguments.of("waitSeconds 86400", set("waitSeconds", 86_400)),
                Arguments.of("handleSeconds 0", set("handleSeconds", 0)),
                Arguments.of("handleSeconds 86400", set("handleSeconds", 86_400)),
                Arguments.of("agentId of 128", set("agentId", "a".repeat(128))),
                Arguments.of("branchId of 64", set("branchId", "B".repeat(64))),
                Arguments.of("offeredAt equal to occurredAt", set("offeredAt", "2026-11-20T09:02:00Z")),
                Arguments.of(
                        "occurredAt 4 minutes ahead",
                        change2(
                                set(
                                        "occurredAt",
                                        Instant.now()
                                                .plus(Duration.ofMinutes(4))
                                                .toString()),
                                remover("offeredAt"))),
                Arguments.of(
                        "optional fields absent",
                        remover(
                                "agentId",
                                "offeredAt",
                                "waitSeconds",
                                "handleSeconds",
                                "resolvedFirstContact",
                                "complex",
                                "eventId")),
                Arguments.of("complex", set("complex", true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesOnTheBounds")
    void acceptsValuesOnTheBounds(String description, UnaryOperator<ObjectNode> change) throws Exception {
        submit(change(EXAMPLE, change)).andExpect(status().isAccepted());

        verify(eventLog).append(eq(Topics.INTERACTION_RECORDED), any(InteractionRecorded.class));
    }

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                Arguments.of(remover("branchId"), "branchId"),
                Arguments.of(set("branchId", ""), "branchId"),
                Arguments.of(set("branchId", "B".repeat(65)), "branchId"),
                Arguments.of(set("branchId", "SH 001"), "branchId"),
                Arguments.of(remover("occurredAt"), "occurredAt"),
                Arguments.of(
                        set(
                                "occurredAt",
                                Instant.now().plus(Duration.ofMinutes(6)).toString()),
                        "occurredAt"),
                Arguments.of(remover("channel"), "channel"),
                Arguments.of(set("agentId", "a".repeat(129)), "agentId"),
                Arguments.of(
                        set(
                                "offeredAt",
                                Instant.now().plus(Duration.ofMinutes(6)).toString()),
                        "offeredAt"),
                Arguments.of(set("offeredAt", "2026-11-20T09:02:01Z"), "offeredAt"),
                Arguments.of(remover("answered"), "answered"),
                Arguments.of(remover("abandoned"), "abandoned"),
                Arguments.of(set("abandoned", true), "abandoned"),
                Arguments.of(set("waitSeconds", -1), "waitSeconds"),
                Arguments.of(set("waitSeconds", 86_401), "waitSeconds"),
                Arguments.of(set("handleSeconds", -1), "handleSeconds"),
                Arguments.of(set("handleSeconds", 86_401), "handleSeconds"),
                Arguments.of(change2(set("answered", false), remover("resolvedFirstContact")), "handleSeconds"),
                Arguments.of(change2(set("answered", false), remover("handleSeconds")), "resolvedFirstContact"));
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("invalidFields")
    void rejectsAnInvalidFieldNamingItAndPublishesNothing(UnaryOperator<ObjectNode> change, String field)
            throws Exception {
        submit(change(EXAMPLE, change))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PROBLEMS + "validation-failed"))
                .andExpect(jsonPath("$.errors[*].field", hasItem(field)))
                .andExpect(jsonPath("$.detail", containsString(field)));

        verifyNoInteractions(eventLog);
    }

    static Stream<Arguments> malformedFields() {
        return Stream.of(
                Arguments.of(set("channel", "FAX"), "channel", "must be one of PHONE, CHAT, EMAIL, COUNTER, APP, WEB"),
                Arguments.of(set("answered", "yes"), "answered", "must be true or false"),
                Arguments.of(set("waitSeconds", 1.5), "waitSeconds", "must be an integer"),
                Arguments.of(set("offeredAt", "before"), "offeredAt", "ISO-8601"),
                Arguments.of(set("eventId", "x"), "eventId", "must be a UUID"));
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("malformedFields")
    void rejectsAValueOfTheWrongTypeNamingTheFieldAndWhatItMustBe(
            UnaryOperator<ObjectNode> change, String field, String message) throws Exception {
        submit(change(EXAMPLE, change))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value(field))
                .andExpect(jsonPath("$.errors[0].message", containsString(message)));

        verifyNoInteractions(eventLog);
    }

    @Test
    void batchAcceptsValidItemsInOrderAndReportsTheInvalidOnes() throws Exception {
        given(eventLog.appendAll(any(), anyList()))
                .willAnswer(
                        call -> Collections.nCopies(call.<List<?>>getArgument(1).size(), WriteOutcome.WRITTEN));
        String batch = "[" + InteractionExamples.ABANDONED + "," + change(EXAMPLE, set("abandoned", true)) + ","
                + EXAMPLE + "]";

        mvc.perform(post("/api/v1/interactions/batch")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(batch))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(2))
                .andExpect(jsonPath("$.rejected").value(1))
                .andExpect(jsonPath("$.results[1].errors[0].field").value("abandoned"))
                .andExpect(jsonPath("$.results[2].eventId").value("5e0c2a8f-1d4b-4f7a-9a63-0c7b2f9d1e55"));

        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<InteractionRecorded>> events = ArgumentCaptor.forClass(List.class);
        verify(eventLog).appendAll(eq(Topics.INTERACTION_RECORDED), events.capture());
        assertThat(events.getValue()).extracting(InteractionRecorded::abandoned).containsExactly(true, false);
    }

    @Test
    void batchAcceptsTheNdjsonExample() throws Exception {
        given(eventLog.appendAll(any(), anyList()))
                .willAnswer(
                        call -> Collections.nCopies(call.<List<?>>getArgument(1).size(), WriteOutcome.WRITTEN));

        mvc.perform(post("/api/v1/interactions/batch")
                        .contentType("application/x-ndjson")
                        .content(InteractionExamples.BATCH_NDJSON))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(2));
    }

    @Test
    void returnsAStoredInteractionAndNotFoundForAnUnknownOne() throws Exception {
        UUID known = UUID.randomUUID();
        given(audit.find(Topics.INTERACTION_RECORDED, InteractionRecorded.class, known))
                .willReturn(Optional.of(new InteractionRecorded(
                        known,
                        "demo",
                        "SH-001",
                        Instant.parse("2026-11-20T09:02:00Z"),
                        InteractionRecorded.SCHEMA_VERSION,
                        Channel.PHONE,
                        "a-12",
                        null,
                        true,
                        false,
                        14,
                        170,
                        true,
                        false,
                        RECEIVED_AT,
                        false)));

        mvc.perform(get("/api/v1/interactions/{id}", known))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.handleSeconds").value(170))
                .andExpect(jsonPath("$.tenantId").doesNotExist());
        mvc.perform(get("/api/v1/interactions/{id}", UUID.randomUUID()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "not-found"));
    }

    private ResultActions submit(String body) throws Exception {
        return mvc.perform(post("/api/v1/interactions")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private InteractionRecorded published() {
        ArgumentCaptor<InteractionRecorded> event = ArgumentCaptor.forClass(InteractionRecorded.class);
        verify(eventLog).append(eq(Topics.INTERACTION_RECORDED), event.capture());
        return event.getValue();
    }

    private static UnaryOperator<ObjectNode> change2(UnaryOperator<ObjectNode> first, UnaryOperator<ObjectNode> then) {
        return body -> then.apply(first.apply(body));
    }
}

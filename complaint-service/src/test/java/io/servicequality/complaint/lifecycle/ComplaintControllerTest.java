package io.servicequality.complaint.lifecycle;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.servicequality.complaint.calendar.BusinessCalendar;
import io.servicequality.complaint.config.AccessRules;
import io.servicequality.complaint.config.TimeConfiguration;
import io.servicequality.complaint.sla.SlaTargets;
import io.servicequality.contracts.Channel;
import io.servicequality.contracts.ComplaintChanged.ComplaintCategory;
import io.servicequality.contracts.ComplaintChanged.Severity;
import io.servicequality.security.test.TestCredentials;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

@WebMvcTest(ComplaintController.class)
@Import({TimeConfiguration.class, AccessRules.class, TestCredentials.DefaultAdmin.class})
class ComplaintControllerTest {

    private static final String OPENED_ID = "5f1d7c2e9b3a4c6d8e0f1a2b";
    private static final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private ComplaintService complaints;

    @MockitoBean
    private ComplaintQueries queries;

    static Stream<Arguments> invalidRequests() {
        Instant now = Instant.now();
        return Stream.of(
                Arguments.of("branchId", null),
                Arguments.of("branchId", ""),
                Arguments.of("branchId", "SH 001"),
                Arguments.of("branchId", "SH/001"),
                Arguments.of("branchId", "B".repeat(65)),
                Arguments.of("occurredAt", now.plus(6, ChronoUnit.MINUTES).toString()),
                Arguments.of("occurredAt", "yesterday"),
                Arguments.of("channel", "FAX"),
                Arguments.of("category", null),
                Arguments.of("category", "SERVICE"),
                Arguments.of("subcategory", "s".repeat(65)),
                Arguments.of("severity", null),
                Arguments.of("severity", "URGENT"),
                Arguments.of("department", "d".repeat(65)),
                Arguments.of("subject", null),
                Arguments.of("subject", "   "),
                Arguments.of("subject", "s".repeat(201)),
                Arguments.of("description", "d".repeat(4001)),
                Arguments.of("customerRef", "c".repeat(129)));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("invalidRequests")
    void rejectsAnInvalidFieldNamingItAndStoringNothing(String field, String value) throws Exception {
        Map<String, Object> body = validBody();
        body.put(field, value);

        mvc.perform(post("/api/v1/complaints")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(body)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://servicequality.io/problems/validation-failed"))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors[*].field").value(hasItem(field)))
                .andExpect(jsonPath("$.errors[0].message").isNotEmpty());

        verifyNoInteractions(complaints);
    }

    static Stream<Arguments> invalidListFilters() {
        return Stream.of("/api/v1/complaints", "/api/v1/complaints/export.csv")
                .flatMap(path -> Stream.of(
                        Arguments.of(path, "assignee", ""),
                        Arguments.of(path, "assignee", "a".repeat(129)),
                        Arguments.of(path, "unassigned", "maybe"),
                        Arguments.of(path, "number", "N-01"),
                        Arguments.of(path, "number", "N-01-2026-12-7"),
                        Arguments.of(path, "number", "N 01-202612-7"),
                        Arguments.of(path, "number", "N-01-202612-0"),
                        Arguments.of(path, "number", "B".repeat(65) + "-202612-7"),
                        Arguments.of(path, "open", "maybe")));
    }

    @ParameterizedTest(name = "{0}?{1}={2}")
    @MethodSource("invalidListFilters")
    void rejectsAnInvalidListFilterNamingItWithoutQuerying(String path, String parameter, String value)
            throws Exception {
        mvc.perform(get(path).param(parameter, value))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://servicequality.io/problems/validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value(parameter))
                .andExpect(jsonPath("$.errors[0].message").isNotEmpty());

        verifyNoInteractions(queries);
    }

    @Test
    void passesTheAssigneeNumberAndOpenFiltersToTheQuery() throws Exception {
        given(queries.page(any(), eq(0), eq(50))).willReturn(new ComplaintQueries.Page(List.of(), 0, Map.of(), 0));

        mvc.perform(get("/api/v1/complaints")
                        .param("assignee", "agent.n01")
                        .param("unassigned", "true")
                        .param("number", "N-01-202612-7")
                        .param("open", "true"))
                .andExpect(status().isOk());

        verify(queries)
                .page(
                        new ComplaintFilter(
                                null, null, null, null, null, null, "agent.n01", true, "N-01-202612-7", true),
                        0,
                        50);
    }

    @Test
    void rejectsABodyThatIsNotJsonStoringNothing() throws Exception {
        mvc.perform(post("/api/v1/complaints")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"branchId\": \"SH-001\", "))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://servicequality.io/problems/malformed-request"));

        verifyNoInteractions(complaints);
    }

    @Test
    void acceptsAnOccurredAtWithinTheClockSkewTolerance() throws Exception {
        Instant fourMinutesAhead = Instant.now().plus(4, ChronoUnit.MINUTES);
        given(complaints.open(eq("SH-001"), eq(fourMinutesAhead), any(), isNull()))
                .willReturn(new ComplaintService.Opening(opened(fourMinutesAhead), false));
        Map<String, Object> body = validBody();
        body.put("occurredAt", fourMinutesAhead.toString());

        mvc.perform(post("/api/v1/complaints")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(body)))
                .andExpect(status().isCreated());
    }

    @Test
    void answersCreatedWithTheLocationAndTheComplaint() throws Exception {
        Instant occurredAt = Instant.parse("2026-11-20T10:00:00Z");
        given(complaints.open(eq("SH-001"), eq(occurredAt), any(), isNull()))
                .willReturn(new ComplaintService.Opening(opened(occurredAt), false));

        mvc.perform(post("/api/v1/complaints")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(validBody())))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/complaints/" + OPENED_ID))
                .andExpect(jsonPath("$.complaintId").value(OPENED_ID))
                .andExpect(jsonPath("$.number").value("SH-001-202611-1"))
                .andExpect(jsonPath("$.status").value("OPEN"))
                .andExpect(jsonPath("$.branchId").value("SH-001"))
                .andExpect(jsonPath("$.category").value("QUALITY"))
                .andExpect(jsonPath("$.subcategory").value("billing-error"))
                .andExpect(jsonPath("$.severity").value("HIGH"))
                .andExpect(jsonPath("$.department").value("accounts"))
                .andExpect(jsonPath("$.subject").value("Charged twice"))
                .andExpect(jsonPath("$.openedAt").value("2026-11-20T10:00:00Z"))
                .andExpect(jsonPath("$.firstResponseDueAt").value("2026-11-20T14:00:00Z"))
                .andExpect(jsonPath("$.resolutionDueAt").value("2026-11-22T10:00:00Z"))
                .andExpect(jsonPath("$.description").doesNotExist())
                .andExpect(jsonPath("$.customerRef").doesNotExist());
        verify(complaints)
                .open(
                        "SH-001",
                        occurredAt,
                        new ComplaintDetails(
                                Channel.PHONE,
                                ComplaintCategory.QUALITY,
                                "billing-error",
                                Severity.HIGH,
                                "accounts",
                                "Charged twice",
                                "Two debits for one order",
                                "c-77f1"),
                        null);
    }

    @Test
    void aRepeatedOpeningWithItsIdempotencyKeyAnswersTheFirstComplaintMarkedReplayed() throws Exception {
        Instant occurredAt = Instant.parse("2026-11-20T10:00:00Z");
        given(complaints.open(eq("SH-001"), eq(occurredAt), any(), eq("desk-17")))
                .willReturn(new ComplaintService.Opening(opened(occurredAt), true));

        mvc.perform(post("/api/v1/complaints")
                        .header("Idempotency-Key", "desk-17")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(validBody())))
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(header().string("Location", "/api/v1/complaints/" + OPENED_ID));
    }

    @Test
    void answersNotFoundProblemForAnUnknownComplaint() throws Exception {
        given(complaints.get("nope")).willThrow(new ComplaintNotFoundException("nope"));

        mvc.perform(get("/api/v1/complaints/nope"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://servicequality.io/problems/not-found"));
    }

    @Test
    void answersServiceUnavailableWithRetryAfterWhenTheNumberingKeepsLosingRaces() throws Exception {
        given(complaints.open(any(), any(), any(), any())).willThrow(new NumberingContentionException("SH-001", 100));

        mvc.perform(post("/api/v1/complaints")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(validBody())))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(jsonPath("$.type").value("https://servicequality.io/problems/numbering-contention"));
    }

    @Test
    void answersServiceUnavailableWhenTheStoreIsDown() throws Exception {
        given(complaints.open(any(), any(), any(), any()))
                .willThrow(new DataAccessResourceFailureException("Timed out after 5000 ms at mongo:27017"));

        mvc.perform(post("/api/v1/complaints")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(validBody())))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.type").value("https://servicequality.io/problems/dependency-unavailable"))
                .andExpect(jsonPath("$.detail").value(not(containsString("mongo:27017"))));
    }

    @Test
    void neverEchoesTheMessageOfAnUnexpectedFailure() throws Exception {
        given(complaints.get("boom")).willThrow(new IllegalStateException("secret internals"));

        mvc.perform(get("/api/v1/complaints/boom"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://servicequality.io/problems/internal-error"))
                .andExpect(content().string(not(containsString("secret internals"))));
    }

    private static Map<String, Object> validBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("branchId", "SH-001");
        body.put("occurredAt", "2026-11-20T10:00:00Z");
        body.put("channel", "PHONE");
        body.put("category", "QUALITY");
        body.put("subcategory", "billing-error");
        body.put("severity", "HIGH");
        body.put("department", "accounts");
        body.put("subject", "Charged twice");
        body.put("description", "Two debits for one order");
        body.put("customerRef", "c-77f1");
        return body;
    }

    private static Complaint opened(Instant occurredAt) {
        return Complaint.open(
                OPENED_ID,
                "acme-bank",
                "SH-001",
                ComplaintNumber.following("SH-001", occurredAt, 0),
                occurredAt,
                occurredAt,
                "test-admin",
                new ComplaintDetails(
                        Channel.PHONE,
                        ComplaintCategory.QUALITY,
                        "billing-error",
                        Severity.HIGH,
                        "accounts",
                        "Charged twice",
                        null,
                        null),
                new SlaContext(BusinessCalendar.ALWAYS_OPEN_UTC, SlaTargets.DEFAULTS::of));
    }
}

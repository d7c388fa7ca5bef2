package io.servicequality.reporting.scorecard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.reporting.bucket.MetricBucketReadModel;
import io.servicequality.reporting.tenant.TenantProperties;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@WebMvcTest(controllers = ScorecardController.class, properties = "sqp.tenant-id=slice-tenant")
@Import({ScorecardService.class, ScorecardCalculator.class})
@EnableConfigurationProperties({TenantProperties.class, ScorecardProperties.class})
class ScorecardControllerTest {

    private static final String FROM = "2026-11-20T00:00:00Z";
    private static final String TO = "2026-11-21T00:00:00Z";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    MetricBucketReadModel buckets;

    @Test
    void rejectsAMissingBranchIdNamingTheParameter() throws Exception {
        expectValidationProblem(mvc.perform(
                        get("/api/v1/reports/scorecard").param("from", FROM).param("to", TO)))
                .andExpect(jsonPath("$.errors[0].field").value("branchId"))
                .andExpect(jsonPath("$.errors[0].message").value("is required"));
    }

    @Test
    void rejectsABlankBranchId() throws Exception {
        expectValidationProblem(mvc.perform(get("/api/v1/reports/scorecard")
                        .param("branchId", " ")
                        .param("from", FROM)
                        .param("to", TO)))
                .andExpect(jsonPath("$.errors[0].field").value("branchId"))
                .andExpect(jsonPath("$.errors[0].message").value("must not be blank"));
    }

    @Test
    void rejectsAMissingTo() throws Exception {
        expectValidationProblem(mvc.perform(get("/api/v1/reports/scorecard")
                        .param("branchId", "SH-001")
                        .param("from", FROM)))
                .andExpect(jsonPath("$.errors[0].field").value("to"));
    }

    @Test
    void rejectsAFromThatIsNotAnIsoInstant() throws Exception {
        expectValidationProblem(mvc.perform(get("/api/v1/reports/scorecard")
                        .param("branchId", "SH-001")
                        .param("from", "yesterday")
                        .param("to", TO)))
                .andExpect(jsonPath("$.errors[0].field").value("from"))
                .andExpect(jsonPath("$.errors[0].message")
                        .value("must be an ISO-8601 instant, e.g. 2026-11-20T00:00:00Z"));
    }

    @Test
    void rejectsARangeThatDoesNotEndAfterItStarts() throws Exception {
        expectValidationProblem(mvc.perform(get("/api/v1/reports/scorecard")
                        .param("branchId", "SH-001")
                        .param("from", TO)
                        .param("to", TO)))
                .andExpect(jsonPath("$.errors[0].field").value("to"))
                .andExpect(jsonPath("$.errors[0].message").value("must be after from"));
        verifyNoInteractions(buckets);
    }

    @Test
    void answersWithNullMetricsNotZerosWhenTheRangeHoldsNoFeedback() throws Exception {
        given(buckets.totalOfHourBuckets(any(), any(), any(), any())).willReturn(BucketStatistics.EMPTY);

        String body = mvc.perform(get("/api/v1/reports/scorecard")
                        .param("branchId", "SH-001")
                        .param("from", FROM)
                        .param("to", TO))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andReturn()
                .getResponse()
                .getContentAsString();

        JsonNode scorecard = JsonMapper.builder().build().readTree(body);
        assertThat(scorecard.get("scope").get("branchId").asString()).isEqualTo("SH-001");
        assertThat(scorecard.get("from").asString()).isEqualTo(FROM);
        assertThat(scorecard.get("to").asString()).isEqualTo(TO);
        JsonNode feedback = scorecard.get("feedback");
        assertThat(feedback.get("n").asLong()).isZero();
        for (String metric : new String[] {"servqual", "csat", "nps", "ces"}) {
            assertThat(feedback.has(metric)).as(metric).isTrue();
            assertThat(feedback.get(metric).isNull()).as(metric).isTrue();
        }
        assertThat(scorecard.get("complaints").get("opened").asLong()).isZero();
        assertThat(scorecard.has("sqi")).isTrue();
        assertThat(scorecard.get("sqi").isNull()).isTrue();
    }

    @Test
    void readsTheBucketsOfTheConfiguredTenantNotOneFromTheRequest() throws Exception {
        given(buckets.totalOfHourBuckets("slice-tenant", "SH-001", Instant.parse(FROM), Instant.parse(TO)))
                .willReturn(
                        new BucketStatistics(0, null, null, null, null, new BucketStatistics.ComplaintStatistics(4)));

        mvc.perform(get("/api/v1/reports/scorecard")
                        .param("branchId", "SH-001")
                        .param("tenantId", "someone-else")
                        .param("from", FROM)
                        .param("to", TO))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.complaints.opened").value(4));
    }

    @Test
    void answers503WhenTheStoreIsUnreachable() throws Exception {
        given(buckets.totalOfHourBuckets(any(), any(), any(), any()))
                .willThrow(
                        new DataAccessResourceFailureException("Timed out after 30000 ms while waiting for a server"));

        mvc.perform(get("/api/v1/reports/scorecard")
                        .param("branchId", "SH-001")
                        .param("from", FROM)
                        .param("to", TO))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://servicequality.io/problems/dependency-unavailable"))
                .andExpect(header().exists("Retry-After"));
    }

    @Test
    void neverEchoesTheMessageOfAnUnexpectedFailure() throws Exception {
        given(buckets.totalOfHourBuckets(any(), any(), any(), any()))
                .willThrow(new IllegalStateException("secret internals"));

        String body = mvc.perform(get("/api/v1/reports/scorecard")
                        .param("branchId", "SH-001")
                        .param("from", FROM)
                        .param("to", TO))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.type").value("https://servicequality.io/problems/internal-error"))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(body).doesNotContain("secret internals");
    }

    @Test
    void unknownPathsAreNotFoundProblems() throws Exception {
        mvc.perform(get("/api/v1/reports/nothing-here"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://servicequality.io/problems/not-found"));
    }

    private static ResultActions expectValidationProblem(ResultActions result) throws Exception {
        return result.andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://servicequality.io/problems/validation-failed"))
                .andExpect(jsonPath("$.status").value(400));
    }
}

package io.servicequality.reporting.scorecard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.reporting.branch.BranchDirectory;
import io.servicequality.reporting.bucket.MetricBucketReadModel;
import io.servicequality.reporting.complaint.ComplaintBacklog;
import io.servicequality.reporting.config.AccessRules;
import io.servicequality.reporting.qualitytarget.QualityTargets;
import io.servicequality.reporting.qualitytarget.QualityTargets.Target;
import io.servicequality.reporting.scope.Scopes;
import io.servicequality.security.Role;
import io.servicequality.security.test.TestCredentials;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
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

@WebMvcTest(controllers = ScorecardController.class)
@Import({
    ScorecardService.class,
    ScorecardCalculator.class,
    Scopes.class,
    AccessRules.class,
    TestCredentials.DefaultAdmin.class
})
@EnableConfigurationProperties(ScorecardProperties.class)
class ScorecardControllerTest {

    private static final String FROM = "2026-11-20T00:00:00Z";
    private static final String TO = "2026-11-21T00:00:00Z";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    MetricBucketReadModel buckets;

    @MockitoBean
    BranchDirectory directory;

    @MockitoBean
    ComplaintBacklog complaints;

    @MockitoBean
    QualityTargets targets;

    @BeforeEach
    void noBacklog() {
        given(complaints.backlog(any(), any())).willReturn(new ComplaintBacklog.Backlog(0, 0, List.of()));
        given(directory.timeZoneOf(any(), any())).willReturn(ZoneOffset.UTC);
    }

    @Test
    void withoutABranchOrRegionTheScorecardCoversTheWholeTenant() throws Exception {
        given(buckets.total(TestCredentials.TENANT, null, Instant.parse(FROM), Instant.parse(TO)))
                .willReturn(new BucketStatistics(
                        0, null, null, null, null, new BucketStatistics.ComplaintStatistics(9), null, null));

        mvc.perform(get("/api/v1/reports/scorecard").param("from", FROM).param("to", TO))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.scope.level").value("TENANT"))
                .andExpect(jsonPath("$.complaints.opened").value(9));
    }

    @Test
    void aRegionScorecardSumsTheRegionsBranchesFromTheDirectory() throws Exception {
        given(directory.branches(TestCredentials.TENANT, "east"))
                .willReturn(List.of(
                        new BranchDirectory.Entry("SH-001", "SH-001", "Lujiazui", "east", ZoneOffset.UTC),
                        new BranchDirectory.Entry("SH-002", "SH-002", "Jing'an", "east", ZoneOffset.UTC)));
        given(buckets.total(
                        TestCredentials.TENANT, List.of("SH-001", "SH-002"), Instant.parse(FROM), Instant.parse(TO)))
                .willReturn(new BucketStatistics(
                        0, null, null, null, null, new BucketStatistics.ComplaintStatistics(5), null, null));

        mvc.perform(get("/api/v1/reports/scorecard")
                        .param("regionId", "east")
                        .param("from", FROM)
                        .param("to", TO))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.scope.level").value("REGION"))
                .andExpect(jsonPath("$.scope.regionId").value("east"))
                .andExpect(jsonPath("$.complaints.opened").value(5));
    }

    @Test
    void aBranchScorecardShowsTheAttainmentOfItsOwnAndTheTenantWideTargets() throws Exception {
        given(targets.all(TestCredentials.TENANT))
                .willReturn(List.of(
                        new Target("csat-all", null, "csat.percent", "AT_LEAST", 80),
                        new Target("csat-sh1", "SH-001", "csat.percent", "AT_LEAST", 70),
                        new Target("csat-sh2", "SH-002", "csat.percent", "AT_LEAST", 99),
                        new Target("nps-all", null, "nps.score", "AT_MOST", 10),
                        new Target("answer-all", null, "interactions.answerRate", "AT_LEAST", 95)));
        // CSAT 3 of 4 = 75 %; NPS (2 − 1) / 4 = 25; nothing offered
        given(buckets.total(any(), any(), any(), any()))
                .willReturn(new BucketStatistics(
                        4,
                        null,
                        new BucketStatistics.CsatStatistics(4, 3, 0, 0),
                        new BucketStatistics.NpsStatistics(4, 2, 1, 1),
                        null,
                        null,
                        null,
                        null));

        mvc.perform(get("/api/v1/reports/scorecard")
                        .param("branchId", "SH-001")
                        .param("from", FROM)
                        .param("to", TO))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.targets.length()").value(3))
                .andExpect(jsonPath("$.targets[0].targetId").value("csat-sh1"))
                .andExpect(jsonPath("$.targets[0].branchId").value("SH-001"))
                .andExpect(jsonPath("$.targets[0].observed").value(75.0))
                .andExpect(jsonPath("$.targets[0].n").value(4))
                .andExpect(jsonPath("$.targets[0].attained").value(true))
                .andExpect(jsonPath("$.targets[1].targetId").value("nps-all"))
                .andExpect(jsonPath("$.targets[1].bound").value("AT_MOST"))
                .andExpect(jsonPath("$.targets[1].observed").value(25.0))
                .andExpect(jsonPath("$.targets[1].attained").value(false))
                .andExpect(jsonPath("$.targets[2].targetId").value("answer-all"))
                .andExpect(jsonPath("$.targets[2].observed").isEmpty())
                .andExpect(jsonPath("$.targets[2].n").value(0))
                .andExpect(jsonPath("$.targets[2].attained").isEmpty());

        mvc.perform(get("/api/v1/reports/scorecard").param("from", FROM).param("to", TO))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.targets[*].targetId")
                        .value(org.hamcrest.Matchers.contains("csat-all", "nps-all", "answer-all")))
                .andExpect(jsonPath("$.targets[0].attained").value(false));
    }

    @Test
    void anUnknownRegionIsNotFound() throws Exception {
        given(directory.branches(TestCredentials.TENANT, "nowhere")).willReturn(List.of());

        mvc.perform(get("/api/v1/reports/scorecard")
                        .param("regionId", "nowhere")
                        .param("from", FROM)
                        .param("to", TO))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://servicequality.io/problems/not-found"));
    }

    @Test
    void rejectsABranchAndARegionTogether() throws Exception {
        expectValidationProblem(mvc.perform(get("/api/v1/reports/scorecard")
                        .param("branchId", "SH-001")
                        .param("regionId", "east")
                        .param("from", FROM)
                        .param("to", TO)))
                .andExpect(jsonPath("$.errors[0].field").value("regionId"));
    }

    @Test
    void exportsTheScorecardAsCsvRowsOfFieldAndValue() throws Exception {
        given(buckets.total(any(), any(), any(), any()))
                .willReturn(new BucketStatistics(
                        4, null, new BucketStatistics.CsatStatistics(4, 3, 16, 66), null, null, null, null, null));

        String csv = mvc.perform(get("/api/v1/reports/scorecard")
                        .param("branchId", "SH-001")
                        .param("from", FROM)
                        .param("to", TO)
                        .param("format", "csv"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andExpect(
                        header().string("Content-Disposition", "attachment; filename=\"scorecard-branch-SH-001.csv\""))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(csv.lines())
                .startsWith("field,value")
                .contains(
                        "scope.branchId,SH-001",
                        "feedback.n,4",
                        "feedback.csat.n,4",
                        "feedback.csat.percent,75.0",
                        "interactions,",
                        "sqi,75.0");
    }

    @Test
    void answersCsvToAcceptTextCsvAndJsonToAnyOtherClient() throws Exception {
        given(buckets.total(any(), any(), any(), any()))
                .willReturn(new BucketStatistics(
                        4, null, new BucketStatistics.CsatStatistics(4, 3, 16, 66), null, null, null, null, null));

        String csv = mvc.perform(get("/api/v1/reports/scorecard")
                        .param("branchId", "SH-001")
                        .param("from", FROM)
                        .param("to", TO)
                        .accept("text/csv"))
                .andExpect(status().isOk())
                .andExpect(content().contentType("text/csv;charset=UTF-8"))
                .andExpect(
                        header().string("Content-Disposition", "attachment; filename=\"scorecard-branch-SH-001.csv\""))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(csv.lines()).startsWith("field,value").contains("feedback.csat.percent,75.0");

        mvc.perform(get("/api/v1/reports/scorecard")
                        .param("branchId", "SH-001")
                        .param("from", FROM)
                        .param("to", TO)
                        .accept("*/*"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.feedback.csat.percent").value(75.0))
                .andExpect(header().doesNotExist("Content-Disposition"));
    }

    @Test
    void rejectsABlankBranchId() throws Exception {
        expectValidationProblem(mvc.perform(get("/api/v1/reports/scorecard")
                        .param("branchId", " ")
                        .param("from", FROM)
                        .param("to", TO)))
                .andExpect(jsonPath("$.errors[0].field").value("branchId"))
                .andExpect(jsonPath("$.errors[0].message").value("must be 1-100 characters, not blank"));
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
        given(buckets.total(any(), any(), any(), any())).willReturn(BucketStatistics.EMPTY);

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
        assertThat(scorecard.get("scope").get("level").asString()).isEqualTo("BRANCH");
        assertThat(scorecard.get("from").asString()).isEqualTo(FROM);
        assertThat(scorecard.get("to").asString()).isEqualTo(TO);
        JsonNode feedback = scorecard.get("feedback");
        assertThat(feedback.get("n").asLong()).isZero();
        for (String metric : new String[] {"servqual", "csat", "nps", "ces"}) {
            assertThat(feedback.has(metric)).as(metric).isTrue();
            assertThat(feedback.get(metric).isNull()).as(metric).isTrue();
        }
        assertThat(scorecard.get("interactions").isNull()).isTrue();
        assertThat(scorecard.get("complaints").isNull()).isTrue();
        assertThat(scorecard.has("sqi")).isTrue();
        assertThat(scorecard.get("sqi").isNull()).isTrue();
    }

    @Test
    void readsTheBucketsOfTheCallersTenantNotOneFromTheRequest() throws Exception {
        given(buckets.total(TestCredentials.TENANT, List.of("SH-001"), Instant.parse(FROM), Instant.parse(TO)))
                .willReturn(new BucketStatistics(
                        0, null, null, null, null, new BucketStatistics.ComplaintStatistics(4), null, null));

        mvc.perform(get("/api/v1/reports/scorecard")
                        .param("branchId", "SH-001")
                        .param("tenantId", "someone-else")
                        .param("from", FROM)
                        .param("to", TO))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.complaints.opened").value(4));
    }

    @Test
    void anotherTenantsAdminReadsOnlyItsOwnTenantsBuckets() throws Exception {
        given(buckets.total("other-bank", List.of("SH-001"), Instant.parse(FROM), Instant.parse(TO)))
                .willReturn(new BucketStatistics(
                        0, null, null, null, null, new BucketStatistics.ComplaintStatistics(1), null, null));

        mvc.perform(get("/api/v1/reports/scorecard")
                        .header("Authorization", TestCredentials.bearer("other-bank", Role.ADMIN))
                        .param("branchId", "SH-001")
                        .param("from", FROM)
                        .param("to", TO))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.complaints.opened").value(1));
        verify(buckets, never()).total(eq(TestCredentials.TENANT), any(), any(), any());
    }

    @Test
    void aBranchManagerAskingForAnotherBranchGetsNotFoundAndNothingIsRead() throws Exception {
        mvc.perform(get("/api/v1/reports/scorecard")
                        .header("Authorization", manager("SH-001"))
                        .param("branchId", "SH-002")
                        .param("from", FROM)
                        .param("to", TO))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://servicequality.io/problems/not-found"));
        verifyNoInteractions(buckets);
    }

    @Test
    void aBranchManagersTenantScorecardSumsOnlyHisBranches() throws Exception {
        given(buckets.total(
                        TestCredentials.TENANT, List.of("SH-001", "SH-003"), Instant.parse(FROM), Instant.parse(TO)))
                .willReturn(new BucketStatistics(
                        0, null, null, null, null, new BucketStatistics.ComplaintStatistics(2), null, null));

        mvc.perform(get("/api/v1/reports/scorecard")
                        .header("Authorization", manager("SH-003", "SH-001"))
                        .param("from", FROM)
                        .param("to", TO))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.scope.level").value("TENANT"))
                .andExpect(jsonPath("$.scope.limitedTo[0]").value("SH-001"))
                .andExpect(jsonPath("$.scope.limitedTo[1]").value("SH-003"))
                .andExpect(jsonPath("$.complaints.opened").value(2));
        verify(buckets, never()).total(any(), isNull(), any(), any());
    }

    @Test
    void aBranchManagersRegionScorecardIsTheSumOverHisBranchesInTheRegion() throws Exception {
        given(directory.branches(TestCredentials.TENANT, "east"))
                .willReturn(List.of(
                        new BranchDirectory.Entry("SH-001", "SH-001", "Lujiazui", "east", ZoneOffset.UTC),
                        new BranchDirectory.Entry("SH-002", "SH-002", "Jing'an", "east", ZoneOffset.UTC)));
        given(buckets.total(TestCredentials.TENANT, List.of("SH-001"), Instant.parse(FROM), Instant.parse(TO)))
                .willReturn(new BucketStatistics(
                        0, null, null, null, null, new BucketStatistics.ComplaintStatistics(3), null, null));

        mvc.perform(get("/api/v1/reports/scorecard")
                        .header("Authorization", manager("SH-001"))
                        .param("regionId", "east")
                        .param("from", FROM)
                        .param("to", TO))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.scope.regionId").value("east"))
                .andExpect(jsonPath("$.scope.limitedTo.length()").value(1))
                .andExpect(jsonPath("$.complaints.opened").value(3));
        mvc.perform(get("/api/v1/reports/scorecard")
                        .header("Authorization", manager("SH-009"))
                        .param("regionId", "east")
                        .param("from", FROM)
                        .param("to", TO))
                .andExpect(status().isNotFound());
    }

    @Test
    void withoutACredentialTheAnswerIsAnUnauthenticatedProblem() throws Exception {
        mvc.perform(get("/api/v1/reports/scorecard")
                        .header("Authorization", "")
                        .param("from", FROM)
                        .param("to", TO))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://servicequality.io/problems/unauthenticated"));
        verifyNoInteractions(buckets);
    }

    @Test
    void answers503WhenTheStoreIsUnreachable() throws Exception {
        given(buckets.total(any(), any(), any(), any()))
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
        given(buckets.total(any(), any(), any(), any())).willThrow(new IllegalStateException("secret internals"));

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

    private static String manager(String... branches) {
        return TestCredentials.bearer(TestCredentials.TENANT, List.of(branches), Role.BRANCH_MANAGER);
    }

    private static ResultActions expectValidationProblem(ResultActions result) throws Exception {
        return result.andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://servicequality.io/problems/validation-failed"))
                .andExpect(jsonPath("$.status").value(400));
    }
}

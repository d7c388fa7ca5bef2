package io.servicequality.scoring.bucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.CsatStatistics;
import io.servicequality.contracts.Granularity;
import io.servicequality.scoring.config.AccessRules;
import io.servicequality.scoring.statequery.StateForwarding;
import io.servicequality.scoring.statequery.StateOwners;
import io.servicequality.security.Role;
import io.servicequality.security.test.TestCredentials;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@WebMvcTest(BucketController.class)
@Import({AccessRules.class, TestCredentials.DefaultAdmin.class, StateForwarding.class})
class BucketControllerTest {

    private static final Instant FROM = Instant.parse("2026-11-20T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-21T00:00:00Z");
    private static final String VALIDATION_FAILED = "https://servicequality.io/problems/validation-failed";

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    BucketStates buckets;

    /** Every branch is held here (an empty owner), unless a test says otherwise. */
    @MockitoBean
    StateOwners owners;

    @Test
    void listsTheHourBucketsOfTheCallersTenant() {
        var statistics = new BucketStatistics(2, null, new CsatStatistics(2, 1, 7, 25), null, null, null, null, null);
        var start = Instant.parse("2026-11-20T09:00:00Z");
        given(buckets.find(TestCredentials.TENANT, "SH-001", Granularity.HOUR, FROM, TO))
                .willReturn(List.of(BucketResponse.of(
                        new BucketId(TestCredentials.TENANT, "SH-001", Granularity.HOUR, start),
                        new BucketState(statistics, 2, 1, start.plusSeconds(600)),
                        0)));

        MvcTestResult result = get("branchId=SH-001&from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z");

        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().isLenientlyEqualTo("""
                        [{"branchId": "SH-001", "granularity": "HOUR", "bucketStart": "2026-11-20T09:00:00Z",
                          "revision": 2, "updatedAt": "2026-11-20T09:10:00Z", "lateEvents": 1,
                          "statistics": %s}]
                        """.formatted(statisticsJson()));
        assertThat(result)
                .bodyJson()
                .extractingPath("$[0].statistics")
                .asMap()
                .containsOnlyKeys("feedbackCount", "csat");
    }

    @Test
    void aBranchManagerReadsItsOwnBranchOfItsOwnTenant() {
        given(buckets.find(any(), any(), any(), any(), any())).willReturn(List.of());

        MvcTestResult result = mvc.get()
                .uri("/api/v1/buckets?branchId=SH-001&from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z")
                .header("Authorization", TestCredentials.bearer("acme-bank", List.of("SH-001"), Role.BRANCH_MANAGER))
                .exchange();

        assertThat(result).hasStatusOk();
        org.mockito.Mockito.verify(buckets).find("acme-bank", "SH-001", Granularity.HOUR, FROM, TO);
    }

    @Test
    void aRequestForwardedToAnInstanceThatDoesNotHoldTheBranchIsUnavailableNotForwardedAgain() {
        given(owners.remoteOwnerOf(CountingTopology.HOUR_BUCKETS, "acme-bank:SH-001"))
                .willReturn(Optional.of(URI.create("http://scoring-2:8083")));

        MvcTestResult result = mvc.get()
                .uri("/api/v1/buckets?branchId=SH-001&from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z")
                .header(StateForwarding.FORWARDED_HEADER, "scoring-3:8083")
                .exchange();

        assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
        org.mockito.Mockito.verifyNoInteractions(buckets);
    }

    @Test
    void aBranchOutsideTheCallersScopeIsNotFoundAndNeverQueried() {
        MvcTestResult result = mvc.get()
                .uri("/api/v1/buckets?branchId=SH-001&from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z")
                .header("Authorization", TestCredentials.bearer("acme-bank", List.of("SH-009"), Role.BRANCH_MANAGER))
                .exchange();

        assertThat(result).hasStatus(HttpStatus.NOT_FOUND).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        verifyNoInteractions(buckets);
    }

    @Test
    void aRequestWithoutCredentialIsUnauthenticated() {
        MvcTestResult result = mvc.get()
                .uri("/api/v1/buckets?branchId=SH-001&from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z")
                .header("Authorization", "")
                .exchange();

        assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.type")
                .isEqualTo("https://servicequality.io/problems/unauthenticated");
        verifyNoInteractions(buckets);
    }

    @Test
    void rejectsAQueryWithoutBranchAndTimesNamingEachField() {
        MvcTestResult result = get("");

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.type").isEqualTo(VALIDATION_FAILED);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.errors[*].field")
                .asArray()
                .containsExactlyInAnyOrder("branchId", "from", "to");
        verifyNoInteractions(buckets);
    }

    @Test
    void rejectsATimeThatIsNotAnInstant() {
        MvcTestResult result = get("branchId=SH-001&from=yesterday&to=2026-11-21T00:00:00Z");

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result).bodyJson().isLenientlyEqualTo("""
                        {"type": "%s", "status": 400,
                         "errors": [{"field": "from", "message": "must be an ISO-8601 instant, e.g. 2026-11-20T00:00:00Z"}]}
                        """.formatted(VALIDATION_FAILED));
    }

    @Test
    void rejectsARangeThatEndsBeforeItStarts() {
        MvcTestResult result = get("branchId=SH-001&from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z");

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result)
                .bodyJson()
                .isLenientlyEqualTo("{\"errors\": [{\"field\": \"to\", \"message\": \"must be after from\"}]}");
        verifyNoInteractions(buckets);
    }

    @Test
    void rejectsARangeLongerThanThirtyOneDays() {
        MvcTestResult result = get("branchId=SH-001&from=2026-11-01T00:00:00Z&to=2026-12-02T00:00:01Z");

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result)
                .bodyJson()
                .isLenientlyEqualTo(
                        "{\"errors\": [{\"field\": \"to\", \"message\": \"must be at most 31 days after from\"}]}");
    }

    @Test
    void answersWhileTheStateIsRestoredWithServiceUnavailable() {
        given(buckets.find(any(), any(), any(), any(), any()))
                .willThrow(new InvalidStateStoreException("store hour-buckets on host-7 is restoring"));

        MvcTestResult result = get("branchId=SH-001&from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z");

        assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.type")
                .isEqualTo("https://servicequality.io/problems/dependency-unavailable");
        assertThat(result).bodyText().doesNotContain("host-7");
    }

    @Test
    void neverEchoesTheMessageOfAnUnexpectedFailure() {
        given(buckets.find(any(), any(), any(), any(), any())).willThrow(new IllegalStateException("secret internals"));

        MvcTestResult result = get("branchId=SH-001&from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z");

        assertThat(result)
                .hasStatus(HttpStatus.INTERNAL_SERVER_ERROR)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyText().doesNotContain("secret internals");
    }

    private MvcTestResult get(String queryString) {
        return mvc.get().uri("/api/v1/buckets?" + queryString).exchange();
    }

    /** Empty blocks are left out ({@code EmptyBlocks}): a reader takes an absent block as empty. */
    private static String statisticsJson() {
        return """
                {"feedbackCount": 2, "csat": {"n": 2, "satisfied": 1, "sum": 7, "sumOfSquares": 25}}
                """;
    }
}

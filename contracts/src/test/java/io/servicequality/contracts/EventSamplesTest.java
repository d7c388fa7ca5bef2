package io.servicequality.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventSamplesTest {

    /** Strict: a sample field the record does not know is a broken sample, not an ignorable extra. */
    private final JsonMapper strictMapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @ParameterizedTest
    @EnumSource(EventSample.class)
    void everySampleRoundTripsWithoutLosingAField(EventSample sample) {
        PlatformEvent event = strictMapper.readValue(sample.json(), sample.type());
        String written = strictMapper.writeValueAsString(event);

        assertThat(strictMapper.readValue(written, sample.type())).isEqualTo(event);
        assertThat(fieldPaths(strictMapper.readTree(written)))
                .containsAll(fieldPaths(strictMapper.readTree(sample.json())));
    }

    /**
     * Empty blocks are left out of the JSON ({@link EmptyBlocks}): a metric update written by earlier builds, every
     * empty block spelled out, reads as the same update, and writing it again leaves them out.
     */
    @Test
    void emptyBlocksAreLeftOutAndReadTheSameWhenSpelledOut() throws Exception {
        String spelledOut;
        try (var in = getClass().getResourceAsStream("/earlier/metric-updated-with-empty-blocks.v1.json")) {
            spelledOut = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        MetricUpdated earlier = strictMapper.readValue(spelledOut, MetricUpdated.class);
        MetricUpdated sample = strictMapper.readValue(EventSample.METRIC_UPDATED.json(), MetricUpdated.class);

        assertThat(earlier).isEqualTo(sample);
        String written = strictMapper.writeValueAsString(earlier);
        List<String> paths = fieldPaths(strictMapper.readTree(written));
        assertThat(paths)
                .doesNotContain("/statistics/drivers", "/statistics/byChannel/COUNTER/complaints")
                .contains("/statistics/byChannel/COUNTER/csat/n", "/statistics/servqual/tangibles/importanceN");
        assertThat(written.length()).isLessThan(spelledOut.replaceAll("\\s", "").length() * 3 / 4);
    }

    @ParameterizedTest
    @EnumSource(EventSample.class)
    void eachTopicNamesTheTypeItsSamplesAreReadAs(EventSample sample) {
        assertThat(Topics.eventTypeOf(sample.topic())).isEqualTo(sample.type());
    }

    @Test
    void aTopicOutsideThePlatformHasNoEventType() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> Topics.eventTypeOf("sqp.unknown.v1"))
                .withMessageContaining("sqp.unknown.v1");
    }

    @ParameterizedTest
    @EnumSource(
            value = EventSample.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"QUALITY_TARGET_CHANGED", "ALERT_RULE_CHANGED", "API_KEY_CHANGED", "CORRECTIVE_ACTION_CHANGED"})
    void everyBranchEventCarriesTheCommonFieldsAndIsKeyedByBranch(EventSample sample) {
        PlatformEvent event = strictMapper.readValue(sample.json(), sample.type());

        assertThat(event.eventId()).isNotNull();
        assertThat(event.tenantId()).isNotBlank();
        assertThat(event.branchId()).isNotBlank();
        assertThat(event.occurredAt()).isNotNull();
        assertThat(event.schemaVersion()).isEqualTo(1);
        assertThat(event.recordKey()).isEqualTo(event.tenantId() + ":" + event.branchId());
    }

    @Test
    void alertRulesAreKeyedPerRuleUnderTheirTenantsPrefixSoOneScanFindsATenantsRules() {
        AlertRuleChanged rule = strictMapper.readValue(EventSample.ALERT_RULE_CHANGED.json(), AlertRuleChanged.class);

        assertThat(rule.recordKey()).isEqualTo("acme-bank:alert-rule:" + rule.ruleId());
        assertThat(rule.recordKey()).startsWith(AlertRuleChanged.keyPrefixOf(rule.tenantId()));
        assertThat(AlertRuleChanged.keyPrefixOf("acme")).isNotEqualTo(AlertRuleChanged.keyPrefixOf("acme-bank"));
        assertThat(rule.recordKey()).doesNotStartWith(AlertRuleChanged.keyPrefixOf("acme"));
    }

    @Test
    void qualityTargetsAreKeyedPerTargetSoCompactionKeepsEachTargetsLatestState() {
        QualityTargetChanged tenantWide =
                strictMapper.readValue(EventSample.QUALITY_TARGET_CHANGED.json(), QualityTargetChanged.class);

        assertThat(tenantWide.eventId()).isNotNull();
        assertThat(tenantWide.branchId()).isNull();
        assertThat(tenantWide.recordKey()).isEqualTo("acme-bank:target:" + tenantWide.targetId());
        assertThat(tenantWide.attainedBy(95.0)).isTrue();
        assertThat(tenantWide.attainedBy(94.9)).isFalse();
        QualityTargetChanged ceiling = new QualityTargetChanged(
                tenantWide.eventId(),
                "acme-bank",
                "SH-001",
                tenantWide.occurredAt(),
                1,
                "t-2",
                "interactions.abandonRate",
                "AT_MOST",
                5.0,
                false);
        assertThat(ceiling.attainedBy(5.0)).isTrue();
        assertThat(ceiling.attainedBy(5.1)).isFalse();
    }

    @Test
    void apiKeysAreKeyedPerKeySoCompactionKeepsEachKeysLatestStateAndCarryNoSecret() {
        ApiKeyChanged key = strictMapper.readValue(EventSample.API_KEY_CHANGED.json(), ApiKeyChanged.class);

        assertThat(key.eventId()).isNotNull();
        assertThat(key.branchId()).isNull();
        assertThat(key.recordKey()).isEqualTo("acme-bank:api-key:k7Qm2xZp");
        assertThat(key.secretHash()).matches("[0-9a-f]{64}");
        assertThat(key.scopes()).containsExactly("feedback:write", "interactions:write");
        assertThat(key.revoked()).isFalse();
    }

    @Test
    void alertsTravelWithALogicalTypeNameNotAJavaClassName() {
        AlertEvent raised = strictMapper.readValue(EventSample.ALERT_RAISED.json(), AlertEvent.class);
        AlertEvent cleared = strictMapper.readValue(EventSample.ALERT_CLEARED.json(), AlertEvent.class);

        assertThat(raised).isInstanceOf(AlertRaised.class);
        assertThat(cleared).isInstanceOf(AlertCleared.class);
        assertThat(raised.alertId()).isEqualTo(cleared.alertId());
        JsonNode written = strictMapper.readTree(strictMapper.writeValueAsString(raised));
        assertThat(written.get("type").asString()).isEqualTo("AlertRaised");
        assertThat(strictMapper.writeValueAsString(raised)).doesNotContain("io.servicequality");
    }

    @Test
    void consumersIgnoreFieldsAddedByNewerProducers() {
        JsonMapper lenient = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        String newer = EventSample.FEEDBACK_SUBMITTED.json().replaceFirst("\\{", "{ \"addedLater\": 42,");

        FeedbackSubmitted event = lenient.readValue(newer, FeedbackSubmitted.class);

        assertThat(event.csat()).isEqualTo(4);
    }

    @Test
    void ingestEventsCarryAcceptanceTimeAndLatenessAndOlderProducersLeaveThemUnset() {
        FeedbackSubmitted feedback =
                strictMapper.readValue(EventSample.FEEDBACK_SUBMITTED.json(), FeedbackSubmitted.class);
        InteractionRecorded interaction =
                strictMapper.readValue(EventSample.INTERACTION_RECORDED.json(), InteractionRecorded.class);
        String older = EventSample.INTERACTION_RECORDED
                .json()
                .replaceAll(",\\s*\"receivedAt\"[^,]*", "")
                .replaceAll(",\\s*\"late\"\\s*:\\s*false", "");

        assertThat(feedback.late()).isFalse();
        assertThat(interaction.late()).isFalse();
        assertThat(interaction.receivedAt()).isEqualTo(java.time.Instant.parse("2026-11-20T09:02:01.350Z"));
        assertThat(strictMapper.readValue(older, InteractionRecorded.class).late())
                .isNull();
        assertThat(new InteractionRecorded(
                                interaction.eventId(),
                                "t",
                                "b",
                                interaction.occurredAt(),
                                1,
                                Channel.PHONE,
                                null,
                                null,
                                true,
                                false,
                                3,
                                60,
                                true,
                                false,
                                null,
                                null)
                        .receivedAt())
                .isNull();
    }

    @Test
    void bucketStatisticsAddUpFieldByField() {
        MetricUpdated sample = strictMapper.readValue(EventSample.METRIC_UPDATED.json(), MetricUpdated.class);

        BucketStatistics doubled = sample.statistics().plus(sample.statistics());

        assertThat(doubled.feedbackCount()).isEqualTo(6);
        assertThat(doubled.servqual().reliability().expectationSum()).isEqualTo(26.0);
        assertThat(doubled.servqual().of(ServqualDimension.EMPATHY).n()).isEqualTo(2);
        assertThat(doubled.nps()).isEqualTo(new BucketStatistics.NpsStatistics(6, 2, 2, 2));
        assertThat(doubled.complaints().opened()).isEqualTo(2);
        assertThat(BucketStatistics.EMPTY.plus(sample.statistics())).isEqualTo(sample.statistics());
    }

    @Test
    void histogramsMergeBinByBinAndAnswerPercentiles() {
        Histogram waits = Histogram.of(9).plus(Histogram.of(14)).plus(Histogram.of(31));
        Histogram more = Histogram.of(14).plus(Histogram.of(75));

        Histogram merged = waits.plus(more);

        assertThat(merged.n()).isEqualTo(5);
        assertThat(merged.percentile(50)).isEqualTo(14.0);
        assertThat(merged.percentile(100)).isBetween(75 / 1.05, 75.0);
        assertThat(Histogram.EMPTY.percentile(90)).isNull();
        assertThat(Histogram.binOf(59.9)).isEqualTo(59);
        assertThat(Histogram.lowerBoundOf(Histogram.binOf(170))).isBetween(170 / 1.05, 170.0);
    }

    @Test
    void driverStatisticsNeedCsatAndAllFivePerceptions() {
        var all = new ServqualRatings(
                new DimensionRating(6, 5),
                new DimensionRating(7, 4),
                new DimensionRating(6, 6),
                new DimensionRating(5, 5),
                new DimensionRating(6, 3));
        var partial = new ServqualRatings(null, new DimensionRating(7, 4), null, null, null);

        BucketStatistics.DriverStatistics one = BucketStatistics.DriverStatistics.of(4, all);

        assertThat(one.n()).isEqualTo(1);
        assertThat(one.sum(BucketStatistics.DriverStatistics.xyKey(ServqualDimension.RELIABILITY)))
                .isEqualTo(16.0);
        assertThat(one.sum(BucketStatistics.DriverStatistics.xxKey(
                        ServqualDimension.EMPATHY, ServqualDimension.TANGIBLES)))
                .isEqualTo(15.0);
        assertThat(BucketStatistics.DriverStatistics.of(4, partial)).isEqualTo(BucketStatistics.DriverStatistics.EMPTY);
        assertThat(BucketStatistics.DriverStatistics.of(null, all)).isEqualTo(BucketStatistics.DriverStatistics.EMPTY);
        assertThat(one.plus(one).ySum()).isEqualTo(8.0);
    }

    @Test
    void metricUpdateIdsAreStablePerBucketRevision() {
        var start = java.time.Instant.parse("2026-11-20T09:00:00Z");

        assertThat(MetricUpdated.eventIdOf("t", "b", Granularity.HOUR, start, 3))
                .isEqualTo(MetricUpdated.eventIdOf("t", "b", Granularity.HOUR, start, 3))
                .isNotEqualTo(MetricUpdated.eventIdOf("t", "b", Granularity.HOUR, start, 4));
    }

    private static List<String> fieldPaths(JsonNode node) {
        List<String> paths = new ArrayList<>();
        collect("", node, paths);
        return paths;
    }

    private static void collect(String prefix, JsonNode node, List<String> paths) {
        if (node.isObject()) {
            for (var entry : node.properties()) {
                String path = prefix + "/" + entry.getKey();
                paths.add(path);
                collect(path, entry.getValue(), paths);
            }
        }
    }
}

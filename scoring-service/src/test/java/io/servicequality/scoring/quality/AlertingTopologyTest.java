package io.servicequality.scoring.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicequality.contracts.AlertCleared;
import io.servicequality.contracts.AlertEvent;
import io.servicequality.contracts.AlertEvent.AlertScope;
import io.servicequality.contracts.AlertRaised;
import io.servicequality.contracts.AlertRuleChanged;
import io.servicequality.contracts.BranchChanged;
import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.BucketStatistics.CsatStatistics;
import io.servicequality.contracts.Granularity;
import io.servicequality.contracts.MetricUpdated;
import io.servicequality.contracts.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.support.JacksonMapperUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alert evaluation as a topology ({@link TopologyTestDriver}), fed hour updates as the counting step publishes
 * them: episodes raised once and cleared once past the hysteresis band however often the evaluation runs, region and
 * tenant rules judged on the statistics merged over their branches, stale updates and deleted rules without effect.
 */
class AlertingTopologyTest {

    private static final JsonMapper JSON = JacksonMapperUtils.enhancedJsonMapper();
    private static final String TENANT = "acme-bank";
    private static final String HOUR_UPDATES = "hour-updates";
    private static final Instant HOUR = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration EVALUATE_INTERVAL = Duration.ofMillis(200);

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> hourUpdates;
    private TestInputTopic<String, String> rules;
    private TestInputTopic<String, String> directory;
    private TestOutputTopic<String, String> alerts;
    private long revision;

    /** The topology's state directory, removed after each test. */
    @TempDir
    Path stateDir;

    @BeforeEach
    void startTopology() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "alerting-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        StreamsBuilder builder = new StreamsBuilder();
        // in the application the counting topology owns the directory's global table
        builder.globalTable(
                Topics.BRANCH_DIRECTORY,
                Consumed.with(Serdes.String(), Serdes.ByteArray()),
                Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as(AlertingTopology.BRANCH_DIRECTORY)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.ByteArray()));
        AlertingTopology.addTo(
                builder,
                builder.stream(HOUR_UPDATES, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                        .mapValues(json -> JSON.readValue(json, MetricUpdated.class)),
                new AlertingTopology.Settings(Duration.ofDays(400), EVALUATE_INTERVAL),
                JSON);
        driver = new TopologyTestDriver(builder.build(), config, HOUR);
        hourUpdates = driver.createInputTopic(HOUR_UPDATES, new StringSerializer(), new ByteArraySerializer());
        rules = driver.createInputTopic(Topics.ALERT_RULES, new StringSerializer(), new StringSerializer());
        directory = driver.createInputTopic(Topics.BRANCH_DIRECTORY, new StringSerializer(), new StringSerializer());
        alerts = driver.createOutputTopic(Topics.ALERTS, new StringDeserializer(), new StringDeserializer());
    }

    @AfterEach
    void stopTopology() {
        driver.close();
    }

    @Test
    void raisesAThresholdAlertOnceAndClearsItOncePastTheHysteresisBandHoweverOftenItIsEvaluated() {
        rule(threshold("r1", AlertScope.Level.BRANCH, null));

        publish("B1", HOUR, 10, 0); // CSAT 0 % with n = 10
        evaluateRepeatedly();
        publish("B1", HOUR, 51, 41); // 80.4 %: above 80 but inside the 5-point band
        evaluateRepeatedly();
        publish("B1", HOUR, 53, 41); // 77.4 %: below again while raised
        evaluateRepeatedly();
        publish("B1", HOUR, 93, 81); // 87.1 % ≥ 85: cleared
        evaluateRepeatedly();
        publish("B1", HOUR, 95, 83); // still good: nothing more
        evaluateRepeatedly();

        List<AlertEvent> events = alertEvents();
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOfSatisfying(AlertRaised.class, raised -> {
            assertThat(raised.branchId()).isEqualTo("B1");
            assertThat(raised.recordKey()).isEqualTo(TENANT + ":B1");
            assertThat(raised.observedValue()).isEqualTo(0.0);
            assertThat(raised.n()).isEqualTo(10);
            assertThat(raised.window()).isEqualTo(new AlertEvent.AlertWindow(HOUR, HOUR.plus(Duration.ofHours(1))));
        });
        assertThat(events.get(1)).isInstanceOfSatisfying(AlertCleared.class, cleared -> {
            assertThat(cleared.alertId()).isEqualTo(events.get(0).alertId());
            assertThat(cleared.observedValue()).isEqualTo(100.0 * 81 / 93);
        });
    }

    @Test
    void judgesRegionAndTenantRulesOnTheStatisticsMergedOverTheirBranches() {
        branch("B1", "north");
        branch("B2", "north");
        branch("B3", "south");
        rule(threshold("region-rule", AlertScope.Level.REGION, "north"));
        rule(threshold("tenant-rule", AlertScope.Level.TENANT, null));

        // n = 3 per branch: below minN 5 alone, 6 in the north, 9 in the tenant; CSAT 0 % everywhere but B3
        publish("B1", HOUR, 3, 0);
        publish("B2", HOUR, 3, 0);
        publish("B3", HOUR, 3, 3);
        evaluateRepeatedly();

        List<AlertEvent> raised = alertEvents();
        assertThat(raised).hasSize(2).allSatisfy(event -> assertThat(event).isInstanceOf(AlertRaised.class));
        assertThat(raised)
                .extracting(AlertEvent::recordKey)
                .containsExactlyInAnyOrder(TENANT + ":REGION:north", TENANT + ":TENANT:" + TENANT);
        AlertRaised region = raised.stream()
                .filter(event -> event.scope().level() == AlertScope.Level.REGION)
                .map(AlertRaised.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(region.observedValue()).isEqualTo(0.0);
        assertThat(region.n()).isEqualTo(6); // B3 (south, all satisfied) is not merged in
        assertThat(region.branchId()).isNull();
        AlertRaised tenant = raised.stream()
                .filter(event -> event.scope().level() == AlertScope.Level.TENANT)
                .map(AlertRaised.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(tenant.n()).isEqualTo(9);
        assertThat(tenant.observedValue()).isEqualTo(100.0 * 3 / 9);

        // the south branch becomes very happy: the tenant clears (53 / 59 = 89.8 %), the north stays raised
        publish("B3", HOUR, 53, 53);
        evaluateRepeatedly();
        List<AlertEvent> after = alertEvents();
        assertThat(after).singleElement().isInstanceOfSatisfying(AlertCleared.class, cleared -> {
            assertThat(cleared.alertId()).isEqualTo(tenant.alertId());
            assertThat(cleared.n()).isEqualTo(59);
        });
    }

    @Test
    void aCopyOrAnOlderUpdateChangesNothingAndADeletedRuleRaisesNothing() {
        rule(threshold("r1", AlertScope.Level.BRANCH, null));
        publish("B1", HOUR, 20, 20); // 100 %
        MetricUpdated stale = update("B1", HOUR, 20, 0, revision - 1); // older revision, 0 %
        hourUpdates.pipeInput(TENANT + ":B1", JSON.writeValueAsBytes(stale));
        evaluateRepeatedly();
        assertThat(alertEvents()).isEmpty();

        rule(removed(threshold("r1", AlertScope.Level.BRANCH, null)));
        publish("B1", HOUR, 40, 20); // 50 %: bad, but the rule is gone
        evaluateRepeatedly();
        assertThat(alertEvents()).isEmpty();
    }

    private void evaluateRepeatedly() {
        for (int i = 0; i < 3; i++) {
            driver.advanceWallClockTime(EVALUATE_INTERVAL);
        }
    }

    private List<AlertEvent> alertEvents() {
        return alerts.readValuesToList().stream()
                .map(value -> JSON.readValue(value, AlertEvent.class))
                .toList();
    }

    private void publish(String branchId, Instant hour, long n, long satisfied) {
        MetricUpdated update = update(branchId, hour, n, satisfied, ++revision);
        hourUpdates.pipeInput(update.recordKey(), JSON.writeValueAsBytes(update));
    }

    private MetricUpdated update(String branchId, Instant hour, long n, long satisfied, long revision) {
        BucketStatistics statistics = new BucketStatistics(
                n,
                null,
                new CsatStatistics(n, satisfied, satisfied * 5 + (n - satisfied) * 2, 0),
                null,
                null,
                null,
                null,
                null);
        return new MetricUpdated(
                MetricUpdated.eventIdOf(TENANT, branchId, Granularity.HOUR, hour, revision),
                TENANT,
                branchId,
                hour,
                MetricUpdated.SCHEMA_VERSION,
                Granularity.HOUR,
                hour,
                revision,
                statistics);
    }

    private void branch(String branchId, String region) {
        BranchChanged entry = new BranchChanged(
                UUID.randomUUID(), TENANT, branchId, HOUR, 1, branchId, "Branch " + branchId, region, "UTC", false);
        directory.pipeInput(entry.recordKey(), JSON.writeValueAsString(entry));
    }

    private void rule(AlertRuleChanged rule) {
        rules.pipeInput(rule.recordKey(), JSON.writeValueAsString(rule));
    }

    /** CSAT below 80 % with n ≥ 5 over the hour; clears at 85 %. */
    private static AlertRuleChanged threshold(String ruleId, AlertScope.Level scope, String regionId) {
        return new AlertRuleChanged(
                UUID.randomUUID(),
                TENANT,
                null,
                HOUR,
                AlertRuleChanged.SCHEMA_VERSION,
                ruleId,
                "csat.percent",
                AlertEvent.RuleKind.THRESHOLD,
                "BELOW",
                80.0,
                3600,
                5,
                0,
                null,
                null,
                0.3,
                5.0,
                AlertEvent.Severity.WARNING,
                scope,
                regionId,
                false);
    }

    private static AlertRuleChanged removed(AlertRuleChanged rule) {
        return new AlertRuleChanged(
                UUID.randomUUID(),
                rule.tenantId(),
                rule.branchId(),
                rule.occurredAt(),
                rule.schemaVersion(),
                rule.ruleId(),
                rule.metric(),
                rule.kind(),
                rule.direction(),
                rule.threshold(),
                rule.windowSeconds(),
                rule.minN(),
                rule.baselineWindowSeconds(),
                rule.relativePercent(),
                rule.k(),
                rule.ewmaAlpha(),
                rule.hysteresis(),
                rule.severity(),
                rule.scope(),
                rule.regionId(),
                true);
    }
}

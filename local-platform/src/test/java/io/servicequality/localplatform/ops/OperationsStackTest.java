package io.servicequality.localplatform.ops;

import static java.util.stream.Collectors.toCollection;
import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What docker-compose.yml and ops/ promise an operations team, checked by reading the files (no container engine is
 * needed): the tools run beside the services on pinned images, services count as healthy only when ready and send
 * their traces to the trace backend, Prometheus scrapes every service and loads the alert rules, every alert explains
 * itself and has its runbook section in docs/operations.md, and every rule and dashboard panel asks only for meters
 * the services expose. Also where staff sign in: the development authorization server runs beside the services, which
 * accept its tokens, and the hardened override (docker-compose.secure.yml) neither starts nor trusts it.
 */
class OperationsStackTest {

    private static final List<String> SERVICES =
            List.of("feedback-service", "complaint-service", "scoring-service", "reporting-service");
    private static final String DEV_AUTH = "dev-authorization-server";
    private static final String CONSOLE = "staff-console";
    private static final String DATASOURCE_VARIABLE = "${datasource}";
    private static final Pattern VARIABLE_WITH_DEFAULT = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::?-([^}]*))?}");

    private static Path root;
    private static Map<String, Object> compose;
    private static Map<String, Object> secureOverride;
    private static Map<String, Object> clusterOverride;
    private static Map<String, Object> prometheus;
    private static List<Map<String, Object>> alertRules;
    private static JsonNode dashboard;
    private static Set<String> operationsAnchors;

    @BeforeAll
    static void readTheFiles() throws IOException {
        root = repositoryRoot();
        compose = yaml(root.resolve("docker-compose.yml"));
        secureOverride = yaml(root.resolve("docker-compose.secure.yml"));
        clusterOverride = yaml(root.resolve("docker-compose.cluster.yml"));
        prometheus = yaml(root.resolve("ops/prometheus/prometheus.yml"));
        alertRules = new ArrayList<>();
        for (Map<String, Object> group :
                maps(yaml(root.resolve("ops/prometheus/alerts.yml")).get("groups"))) {
            alertRules.addAll(maps(group.get("rules")));
        }
        dashboard = JsonMapper.builder()
                .build()
                .readTree(Files.readString(root.resolve("ops/grafana/dashboards/service-quality-platform.json")));
        operationsAnchors = anchorsOf(Files.readString(root.resolve("docs/operations.md")));
    }

    // --- docker-compose.yml

    @Test
    void everyImageIsPinnedToAVersionAndEveryOtherServiceIsBuiltHere() {
        services().forEach((name, service) -> {
            if (service.containsKey("image")) {
                String image = (String) service.get("image");
                assertThat(image).as("image of %s", name).matches("[a-z0-9./_-]+:[A-Za-z0-9._-]+");
                String tag = image.substring(image.lastIndexOf(':') + 1);
                assertThat(tag).as("tag of %s", name).isNotEqualTo("latest").containsPattern("\\d");
            } else {
                assertThat(service).as("%s has neither image nor build", name).containsKey("build");
            }
        });
    }

    @Test
    void prometheusGrafanaAndATraceBackendRunBesideTheServices() {
        assertThat(image("prometheus")).startsWith("prom/prometheus:v3.");
        assertThat(image("grafana")).startsWith("grafana/grafana:");
        assertThat(image(traceBackend())).startsWith("jaegertracing/jaeger:2.");
        assertThat(publishedContainerPorts("prometheus")).contains(9090);
        assertThat(publishedContainerPorts("grafana")).contains(3000);
        assertThat(publishedContainerPorts(traceBackend())).contains(16686, 4317, 4318);
    }

    @Test
    void aServiceIsHealthyOnlyWhenReady() {
        for (String name : SERVICES) {
            Map<String, Object> healthcheck = map(service(name).get("healthcheck"));
            assertThat(String.join(" ", strings(healthcheck.get("test"))))
                    .as("health check of %s", name)
                    .contains("/actuator/health/readiness")
                    .doesNotContain("/actuator/health ");
        }
    }

    @Test
    void whatWaitsForAServiceToBeHealthyWaitsOnItsHealthCheck() {
        services()
                .forEach((name, service) -> dependencies(service).forEach((dependency, condition) -> {
                    assertThat(services())
                            .as("%s depends on %s", name, dependency)
                            .containsKey(dependency);
                    if ("service_healthy".equals(condition)) {
                        assertThat(service(dependency))
                                .as("%s waits for %s to be healthy, which has no health check", name, dependency)
                                .containsKey("healthcheck");
                    }
                }));
        for (String name : SERVICES) {
            assertThat(dependencies(service(name)))
                    .containsEntry("kafka", "service_healthy")
                    .containsEntry("mongodb", "service_healthy");
        }
        assertThat(dependencies(service("grafana"))).containsEntry("prometheus", "service_healthy");
    }

    @Test
    void everyServiceSendsEveryTraceToTheTraceBackendOverOtlpHttp() {
        for (String name : SERVICES) {
            Map<String, Object> environment = map(service(name).get("environment"));
            URI endpoint = URI.create(
                    resolved(environment.get("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT"), name));
            assertThat(endpoint.getHost()).as("OTLP host of %s", name).isEqualTo(traceBackend());
            assertThat(endpoint.getPort()).as("OTLP/HTTP port of %s", name).isEqualTo(4318);
            assertThat(endpoint.getPath()).as("OTLP path of %s", name).isEqualTo("/v1/traces");
            assertThat(Double.parseDouble(resolved(environment.get("MANAGEMENT_TRACING_SAMPLING_PROBABILITY"), name)))
                    .as("sampling probability of %s", name)
                    .isEqualTo(1.0);
            assertThat(dependencies(service(name))).containsKey(traceBackend());
        }
    }

    @Test
    void everyFileTheToolsMountIsInTheRepository() {
        for (String tool : List.of("prometheus", "grafana", traceBackend())) {
            for (String volume : strings(service(tool).getOrDefault("volumes", List.of()))) {
                if (volume.startsWith("./")) {
                    Path source = root.resolve(volume.substring(2, volume.indexOf(':')));
                    assertThat(source).as("mounted into %s", tool).exists();
                }
            }
        }
    }

    // --- docker-compose.cluster.yml: the shape of ./platform up --cluster

    @Test
    void theClusterOverrideRunsThreeBrokersInOneQuorumThatKeepEveryRecordThreeTimesAndAcknowledgeAtTwo() {
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        map(clusterOverride.get("services")).forEach((name, service) -> services.put(name, map(service)));
        List<String> brokers = List.of("kafka", "kafka-2", "kafka-3");
        Set<Object> nodeIds = new java.util.HashSet<>();
        Set<Object> clusterIds = new java.util.HashSet<>();
        for (String broker : brokers) {
            Map<String, Object> environment = map(services.get(broker).get("environment"));
            nodeIds.add(environment.get("KAFKA_NODE_ID"));
            clusterIds.add(environment.get("CLUSTER_ID"));
            assertThat(environment)
                    .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:9093,2@kafka-2:9093,3@kafka-3:9093")
                    .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", 3)
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", 2)
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", 3)
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", 2);
            assertThat(services.get(broker)).containsKey("healthcheck");
        }
        assertThat(nodeIds).hasSize(3);
        assertThat(clusterIds).as("one cluster").hasSize(1);
    }

    @Test
    void theClusterOverrideRunsAThreeMemberReplicaSetAndTwoInstancesOfEveryServiceThatFindAllOfThem() {
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        map(clusterOverride.get("services")).forEach((name, service) -> services.put(name, map(service)));
        for (String member : List.of("mongodb", "mongodb-2", "mongodb-3")) {
            assertThat(strings(services.get(member).get("command"))).containsSequence("--replSet", "rs0");
        }
        assertThat(String.join(" ", strings(services.get("mongodb-replica-set").get("command"))))
                .contains("rs.initiate")
                .contains("mongodb:27017", "mongodb-2:27017", "mongodb-3:27017");
        Set<String> ports = new java.util.HashSet<>();
        for (String service : SERVICES) {
            for (String instance : List.of(service, service + "-2")) {
                Map<String, Object> environment = map(services.get(instance).get("environment"));
                assertThat(environment)
                        .as(instance)
                        .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092,kafka-2:9092,kafka-3:9092")
                        .containsEntry("SQP_KAFKA_REPLICATION_FACTOR", 3)
                        .containsEntry("SQP_INSTANCES", 2);
                assertThat(String.valueOf(environment.get("MONGODB_URI")))
                        .contains("mongodb-2:27017", "mongodb-3:27017", "replicaSet=rs0");
                assertThat(map(services.get(instance).get("depends_on")))
                        .containsKeys("kafka-2", "kafka-3", "mongodb-replica-set");
                ports.add(String.valueOf(environment.get("SERVER_PORT")));
            }
            assertThat(map(services.get(service + "-2").get("extends")))
                    .containsEntry("file", "docker-compose.yml")
                    .containsEntry("service", service);
        }
        assertThat(ports).as("every instance on its own port").hasSize(8);
        assertThat(map(services.get("scoring-service-2").get("environment")))
                .containsEntry("SQP_SCORING_ADVERTISED_ADDRESS", "scoring-service-2:8183");
    }

    // --- docker-compose.yml: where staff sign in

    @Test
    void theDevelopmentAuthorizationServerIsBuiltHereAndPublishedWhereItsTokensSayTheyComeFrom() {
        assertThat(map(map(service(DEV_AUTH).get("build")).get("args"))).containsEntry("SERVICE", DEV_AUTH);
        URI issuer = devAuthIssuer();
        assertThat(issuer).isEqualTo(URI.create("http://localhost:9000"));
        assertThat(publishedPorts(DEV_AUTH))
                .as("host port of the issuer → the server's port in its container")
                .containsEntry(issuer.getPort(), 9000);
        assertThat(String.join(
                        " ", strings(map(service(DEV_AUTH).get("healthcheck")).get("test"))))
                .contains("/dev/tcp/127.0.0.1/9000")
                .contains("/.well-known/openid-configuration");
    }

    @Test
    void theConsoleSignsInAtTheIssuerUnderTheSameAddressAsTheBrowserAndRelaysToTheServicesByName() {
        Map<String, Object> console = service(CONSOLE);
        assertThat(map(map(console.get("build")).get("args"))).containsEntry("SERVICE", CONSOLE);
        // inside the server's network namespace, the issuer's address is the browser's
        assertThat(console.get("network_mode")).isEqualTo("service:" + DEV_AUTH);
        Map<String, Object> environment = map(console.get("environment"));
        assertThat(URI.create(resolved(environment.get("SQP_CONSOLE_ISSUER_URI"), CONSOLE)))
                .isEqualTo(devAuthIssuer());
        assertThat(publishedPorts(DEV_AUTH)).as("the console's port").containsEntry(8090, 8090);
        for (String name : SERVICES) {
            String variable = name.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_URL";
            URI url = URI.create(resolved(environment.get(variable), CONSOLE));
            assertThat(url.getHost()).as("%s reached by its service name", name).isEqualTo(name);
            assertThat(dependencies(console)).containsKey(name);
        }
        assertThat(map(map(secureOverride.get("services")).get(CONSOLE)).get("profiles"))
                .as("the hardened run leaves it out with the server")
                .isEqualTo(List.of("dev-auth"));
    }

    @Test
    void theAuthorizationServersSigningKeyLivesInANamedVolumeItsUserMayWrite() throws IOException {
        String dataDir = resolved(map(service(DEV_AUTH).get("environment")).get("DEV_AUTH_DATA_DIR"), DEV_AUTH);
        String volume = strings(service(DEV_AUTH).get("volumes")).stream()
                .filter(v -> v.endsWith(":" + dataDir))
                .map(v -> v.substring(0, v.indexOf(':')))
                .findFirst()
                .orElseThrow(() -> new AssertionError(dataDir + " is not a volume of " + DEV_AUTH));
        assertThat(map(compose.get("volumes"))).as("named volumes").containsKey(volume);
        // a new named volume takes over the owner of the image's directory it is mounted on
        String dockerfile = Files.readString(root.resolve("Dockerfile"));
        String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
        assertThat(runtime).containsPattern("install -d -o app\\b[^\\n]* " + Pattern.quote(dataDir) + "\\s");
        assertThat(runtime).contains("\nUSER app\n");
    }

    @Test
    void everyServiceAcceptsTheServersTokensAndFetchesItsKeysByItsServiceName() {
        URI issuer = devAuthIssuer();
        for (String name : SERVICES) {
            Map<String, Object> environment = map(service(name).get("environment"));
            assertThat(URI.create(resolved(environment.get("SQP_SECURITY_JWT_ISSUER_URI"), name)))
                    .as("issuer of %s: the iss of the server's tokens", name)
                    .isEqualTo(issuer);
            URI keys = URI.create(resolved(environment.get("SQP_SECURITY_JWT_JWK_SET_URI"), name));
            assertThat(keys.getHost()).as("JWKS host of %s", name).isEqualTo(DEV_AUTH);
            assertThat(publishedPorts(DEV_AUTH)).as("JWKS port of %s", name).containsValue(keys.getPort());
            assertThat(keys.getPath()).as("JWKS path of %s", name).isEqualTo("/oauth2/jwks");
            assertThat(resolved(environment.get("SQP_SECURITY_JWT_PUBLIC_KEY_LOCATION"), name))
                    .as("%s accepts ./platform token's tokens too", name)
                    .isNotBlank();
            assertThat(dependencies(service(name)))
                    .as("%s fetches the keys at the first token, and does not wait for the server", name)
                    .doesNotContainKey(DEV_AUTH);
        }
    }

    @Test
    void theHardenedOverrideNeitherStartsNorTrustsTheAuthorizationServer() {
        Map<String, Object> services = map(secureOverride.get("services"));
        assertThat(strings(map(services.get(DEV_AUTH)).get("profiles")))
                .as("started only with --profile")
                .isNotEmpty();
        for (String name : SERVICES) {
            Map<String, Object> environment = map(map(services.get(name)).get("environment"));
            assertThat(resolved(environment.get("SQP_SECURITY_JWT_ISSUER_URI"), name))
                    .as("issuer of %s", name)
                    .isEmpty();
            assertThat(resolved(environment.get("SQP_SECURITY_JWT_JWK_SET_URI"), name))
                    .as("JWK set URI of %s", name)
                    .isEmpty();
        }
    }

    // --- ops/prometheus/prometheus.yml

    @Test
    void prometheusScrapesEveryServiceOnItsPrometheusEndpointAndPort() {
        Map<String, Object> job = maps(prometheus.get("scrape_configs")).stream()
                .filter(c -> "/actuator/prometheus".equals(c.get("metrics_path")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no scrape job reads /actuator/prometheus"));
        Map<String, String> applicationByTarget = new LinkedHashMap<>();
        for (Map<String, Object> staticConfig : maps(job.get("static_configs"))) {
            String application = (String) map(staticConfig.get("labels")).get("application");
            strings(staticConfig.get("targets")).forEach(target -> applicationByTarget.put(target, application));
        }
        Map<String, String> expected = new LinkedHashMap<>();
        for (String name : SERVICES) {
            expected.put(name + ":" + map(service(name).get("environment")).get("SERVER_PORT"), name);
        }
        assertThat(applicationByTarget).isEqualTo(expected);
    }

    @Test
    void prometheusLoadsTheAlertRulesOfTheRepository() {
        List<Path> ruleFiles = strings(prometheus.get("rule_files")).stream()
                .map(file -> hostPath("prometheus", file))
                .toList();
        assertThat(ruleFiles).isNotEmpty().allSatisfy(file -> assertThat(file).isRegularFile());
        assertThat(ruleFiles).contains(root.resolve("ops/prometheus/alerts.yml").normalize());
        assertThat(hostPath("prometheus", prometheusCommandFlag("--config.file")))
                .isEqualTo(root.resolve("ops/prometheus/prometheus.yml").normalize());
    }

    // --- ops/prometheus/alerts.yml

    @Test
    void everyAlertSaysWhatHappenedHowBadItIsAndWhereItsRunbookIs() {
        assertThat(alertRules).isNotEmpty();
        for (Map<String, Object> rule : alertRules) {
            Map<String, Object> annotations = map(rule.get("annotations"));
            assertThat(annotations)
                    .as("annotations of %s", rule.get("alert"))
                    .containsKeys("summary", "description", "runbook");
            assertThat(annotations.values())
                    .allSatisfy(text -> assertThat((String) text).isNotBlank());
            assertThat((String) map(rule.get("labels")).get("severity"))
                    .as("severity of %s", rule.get("alert"))
                    .isIn("critical", "warning", "info");
            if (rule.containsKey("for")) {
                assertThat(String.valueOf(rule.get("for"))).matches("\\d+[smh]");
            }
        }
        assertThat(alertRules).extracting(r -> r.get("alert")).doesNotHaveDuplicates();
    }

    @Test
    void everyRunbookIsASectionOfTheOperationsGuide() {
        for (Map<String, Object> rule : alertRules) {
            String runbook = (String) map(rule.get("annotations")).get("runbook");
            assertThat(runbook).as("runbook of %s", rule.get("alert")).startsWith("docs/operations.md#");
            assertThat(operationsAnchors)
                    .as("sections of docs/operations.md (runbook of %s)", rule.get("alert"))
                    .contains(runbook.substring(runbook.indexOf('#') + 1));
        }
    }

    @Test
    void theLinksWithinTheOperationsGuideLeadToItsSections() throws IOException {
        Matcher link =
                Pattern.compile("\\]\\(#([^)]+)\\)").matcher(Files.readString(root.resolve("docs/operations.md")));
        while (link.find()) {
            assertThat(operationsAnchors).contains(link.group(1));
        }
    }

    @Test
    void alertsAskOnlyForMetersAndLabelsTheServicesExpose() {
        for (Map<String, Object> rule : alertRules) {
            String expr = (String) rule.get("expr");
            assertThat(PromQl.metricNames(expr))
                    .as("metrics of %s", rule.get("alert"))
                    .isNotEmpty()
                    .allSatisfy(metric -> assertThat(KnownMeters.isKnown(metric))
                            .as("%s (alert %s) is a meter the services expose", metric, rule.get("alert"))
                            .isTrue());
            assertThat(KnownMeters.LABELS).as("labels of %s", rule.get("alert")).containsAll(PromQl.labelNames(expr));
        }
    }

    @Test
    void theLabelsAnAlertTalksAboutSurviveItsAggregation() {
        Pattern labelReference = Pattern.compile("\\$labels\\.([a-zA-Z_][a-zA-Z0-9_]*)");
        for (Map<String, Object> rule : alertRules) {
            Set<String> keptLabels = PromQl.aggregatedBy((String) rule.get("expr"));
            if (keptLabels.isEmpty()) {
                continue; // no aggregation: the series keep all their labels
            }
            for (Object text : map(rule.get("annotations")).values()) {
                Matcher reference = labelReference.matcher((String) text);
                while (reference.find()) {
                    assertThat(keptLabels)
                            .as("%s names $labels.%s", rule.get("alert"), reference.group(1))
                            .contains(reference.group(1));
                }
            }
        }
    }

    @Test
    void thereIsAnAlertForLagErrorsDeadLettersFreshnessScrapesSlaTimersAndTheOutbox() {
        Set<String> watched = alertRules.stream()
                .flatMap(rule -> PromQl.metricNames((String) rule.get("expr")).stream())
                .collect(toSet());
        assertThat(watched)
                .contains(
                        "sqp_kafka_consumer_lag",
                        "http_server_requests_seconds_count",
                        "sqp_dead_letters_total",
                        "sqp_dead_letters_pending",
                        "sqp_freshness_seconds_bucket",
                        "up",
                        "sqp_sla_announced_late_total",
                        "sqp_outbox_backlog");
        assertThat(alertRules)
                .filteredOn(rule -> ((String) rule.get("expr")).contains("sqp_freshness_seconds_bucket"))
                .singleElement()
                .satisfies(rule ->
                        assertThat((String) rule.get("expr")).contains("0.95").containsPattern("> 1\\b"));
    }

    // --- ops/grafana

    @Test
    void theDashboardChoosesItsDataSourceAndServicesByVariable() {
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        dashboard
                .path("templating")
                .path("list")
                .values()
                .forEach(v -> variables.put(v.path("name").asString(), v));
        assertThat(variables).containsKeys("datasource", "application");
        assertThat(variables.get("datasource").path("type").asString()).isEqualTo("datasource");
        assertThat(variables.get("datasource").path("query").asString()).isEqualTo("prometheus");
        JsonNode application = variables.get("application");
        assertThat(application.path("datasource").path("uid").asString()).isEqualTo(DATASOURCE_VARIABLE);
        assertThat(application.path("definition").asString()).contains("application");
        assertThat(application.path("includeAll").asBoolean()).isTrue();

        List<JsonNode> panels = panels(dashboard);
        assertThat(panels).extracting(p -> p.path("id").asInt()).doesNotHaveDuplicates();
        for (JsonNode panel : panels) {
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("x").asInt() + grid.path("w").asInt())
                    .as("width of %s", panel.path("title").asString())
                    .isBetween(1, 24);
            if (panel.has("targets")) {
                assertThat(panel.path("datasource").path("uid").asString())
                        .as("data source of %s", panel.path("title").asString())
                        .isEqualTo(DATASOURCE_VARIABLE);
                panel.path("targets").values().forEach(target -> {
                    assertThat(target.path("datasource").path("uid").asString()).isEqualTo(DATASOURCE_VARIABLE);
                    assertThat(target.path("expr").asString())
                            .as("query of %s", panel.path("title").asString())
                            .contains("$application");
                });
            }
        }
    }

    @Test
    void everyPanelAsksOnlyForMetersAndLabelsTheServicesExpose() {
        List<String> expressions = expressions();
        assertThat(expressions).isNotEmpty();
        for (String expr : expressions) {
            assertThat(PromQl.metricNames(expr))
                    .as("metrics of %s", expr)
                    .isNotEmpty()
                    .allSatisfy(metric -> assertThat(KnownMeters.isKnown(metric))
                            .as("%s is a meter the services expose", metric)
                            .isTrue());
            assertThat(KnownMeters.LABELS).as("labels of %s", expr).containsAll(PromQl.labelNames(expr));
        }
    }

    @Test
    void theDashboardShowsEveryProductMeter() {
        Set<String> shown = expressions().stream()
                .flatMap(expr -> PromQl.metricNames(expr).stream())
                .map(KnownMeters::meterOf)
                .collect(toSet());
        Set<String> productMeters =
                KnownMeters.PRODUCT.stream().map(KnownMeters::meterOf).collect(toCollection(TreeSet::new));
        assertThat(shown).containsAll(productMeters);
        assertThat(shown)
                .contains(
                        "http_server_requests_seconds",
                        "jvm_memory_used_bytes",
                        "process_cpu_usage",
                        "jvm_gc_pause_seconds");
    }

    @Test
    void grafanaIsProvisionedWithTheComposePrometheusAndTheDashboard() {
        Map<String, Object> datasource =
                maps(yaml(root.resolve("ops/grafana/provisioning/datasources/prometheus.yml"))
                                .get("datasources"))
                        .stream()
                        .filter(d -> "prometheus".equals(d.get("type")))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no Prometheus data source is provisioned"));
        URI url = URI.create((String) datasource.get("url"));
        assertThat(url.getHost()).isEqualTo("prometheus");
        assertThat(publishedContainerPorts("prometheus")).contains(url.getPort());

        Map<String, Object> provider = maps(yaml(root.resolve(
                                "ops/grafana/provisioning/dashboards/service-quality-platform.yml"))
                        .get("providers"))
                .get(0);
        Path dashboards =
                hostPath("grafana", (String) map(provider.get("options")).get("path"));
        assertThat(dashboards).isEqualTo(root.resolve("ops/grafana/dashboards").normalize());
        Object home = map(service("grafana").get("environment")).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
        assertThat(hostPath("grafana", (String) home)).isRegularFile();
        assertThat(hostPath("grafana", "/etc/grafana/provisioning/datasources/prometheus.yml"))
                .isRegularFile();
    }

    // --- the reading of PromQL this test relies on

    @Nested
    class ReadingPromQl {

        @Test
        void findsTheMetricsBehindFunctionsAggregationsAndGrafanaVariables() {
            assertThat(
                            PromQl.metricNames(
                                    "histogram_quantile(0.95, sum by (application, le) (rate(sqp_freshness_seconds_bucket{application=~\"$application\"}[$__rate_interval]))) > 1"))
                    .containsExactly("sqp_freshness_seconds_bucket");
            assertThat(
                            PromQl.metricNames(
                                    "sum by (application) (sqp_sla_timers_due) > 0 unless sum by (application) (increase(sqp_sla_announced_total[10m])) > 0"))
                    .containsExactly("sqp_sla_timers_due", "sqp_sla_announced_total");
            assertThat(PromQl.metricNames("sum(sqp_dead_letters_pending) or vector(0)"))
                    .containsExactly("sqp_dead_letters_pending");
        }

        @Test
        void aMisspelledMeterIsNotKnown() {
            Set<String> names = PromQl.metricNames("sum by (topic) (rate(sqp_dead_letter_total{topic!=\"x\"}[5m]))");
            assertThat(names).containsExactly("sqp_dead_letter_total");
            assertThat(KnownMeters.isKnown("sqp_dead_letter_total")).isFalse();
            assertThat(KnownMeters.isKnown("kafka_consumer_fetch_manager_records_consumed_rate"))
                    .isTrue();
        }

        @Test
        void findsTheLabelsMatchedAndGroupedBy() {
            assertThat(
                            PromQl.labelNames(
                                    "sum by (application, type) (rate(sqp_events_refused_total{reason=\"a,b=c\", application=~\"$application\"}[5m]))"))
                    .containsExactlyInAnyOrder("reason", "application", "type");
            assertThat(PromQl.aggregatedBy("max by (group, topic) (deriv(x[5m])) and max by (group) (x)"))
                    .containsExactly("group", "topic");
        }
    }

    // --- reading the files

    private static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("platform.root", "."))
                .toAbsolutePath()
                .normalize();
        while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository root (with docker-compose.yml)").isNotNull();
        return dir;
    }

    private static Map<String, Object> yaml(Path file) {
        try {
            return new Yaml(new ComposeConstructor()).load(Files.readString(file));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    /** SnakeYAML's safe constructor, reading compose's merge tags ({@code !reset []}, {@code !override}) as values. */
    private static final class ComposeConstructor extends SafeConstructor {

        ComposeConstructor() {
            super(new LoaderOptions());
            AbstractConstruct asValue = new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    if (node instanceof SequenceNode sequence) {
                        return constructSequence(sequence);
                    }
                    if (node instanceof MappingNode mapping) {
                        return constructMapping(mapping);
                    }
                    return constructScalar((ScalarNode) node);
                }
            };
            yamlConstructors.put(new Tag("!reset"), asValue);
            yamlConstructors.put(new Tag("!override"), asValue);
        }
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
    private static Set<String> anchorsOf(String markdown) {
        return markdown.lines()
                .filter(line -> line.matches("#{1,6} .*"))
                .map(line -> line.replaceFirst("#+ ", "")
                        .trim()
                        .toLowerCase()
                        .replaceAll("[^\\p{L}\\p{N} _-]", "")
                        .replace(' ', '-'))
                .collect(toCollection(LinkedHashSet::new));
    }

    private static Map<String, Map<String, Object>> services() {
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        map(compose.get("services")).forEach((name, service) -> services.put(name, map(service)));
        return services;
    }

    private static Map<String, Object> service(String name) {
        Map<String, Object> service = services().get(name);
        assertThat(service).as("service %s in docker-compose.yml", name).isNotNull();
        return service;
    }

    private static String image(String name) {
        return (String) service(name).get("image");
    }

    /** The service that receives traces: the one running Jaeger. */
    private static String traceBackend() {
        return services().entrySet().stream()
                .filter(s -> String.valueOf(s.getValue().get("image")).startsWith("jaegertracing/jaeger:"))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no trace backend in docker-compose.yml"));
    }

    private static URI devAuthIssuer() {
        return URI.create(resolved(map(service(DEV_AUTH).get("environment")).get("DEV_AUTH_ISSUER"), DEV_AUTH));
    }

    /** Host port → container port, as published when none of the variables is set. */
    private static Map<Integer, Integer> publishedPorts(String name) {
        Map<Integer, Integer> ports = new LinkedHashMap<>();
        for (String port : strings(service(name).getOrDefault("ports", List.of()))) {
            String[] parts = resolved(port, name).replaceFirst("/.*", "").split(":");
            ports.put(Integer.valueOf(parts[parts.length - 2]), Integer.valueOf(parts[parts.length - 1]));
        }
        return ports;
    }

    private static Set<Integer> publishedContainerPorts(String name) {
        return strings(service(name).getOrDefault("ports", List.of())).stream()
                .map(port -> port.substring(port.lastIndexOf(':') + 1).replaceFirst("/.*", ""))
                .map(Integer::valueOf)
                .collect(toSet());
    }

    private static Map<String, String> dependencies(Map<String, Object> service) {
        Map<String, String> conditions = new LinkedHashMap<>();
        Object dependsOn = service.get("depends_on");
        if (dependsOn instanceof List<?> list) {
            list.forEach(d -> conditions.put((String) d, "service_started"));
        } else if (dependsOn != null) {
            map(dependsOn)
                    .forEach((name, spec) -> conditions.put(name, (String)
                            Optional.ofNullable(map(spec).get("condition")).orElse("service_started")));
        }
        return conditions;
    }

    /** A value as compose gives it to the container when none of its variables is set: {@code ${VAR:-default}}. */
    private static String resolved(Object value, String service) {
        assertThat(value).as("variable in %s", service).isNotNull();
        Matcher variable = VARIABLE_WITH_DEFAULT.matcher(String.valueOf(value));
        StringBuilder resolved = new StringBuilder();
        while (variable.find()) {
            variable.appendReplacement(
                    resolved,
                    Matcher.quoteReplacement(
                            Optional.ofNullable(variable.group(2)).orElse("")));
        }
        variable.appendTail(resolved);
        return resolved.toString();
    }

    /** Where a path inside a tool's container comes from in the repository, through the tool's bind mounts. */
    private static Path hostPath(String tool, String containerPath) {
        for (String volume : strings(service(tool).getOrDefault("volumes", List.of()))) {
            String[] parts = volume.split(":");
            if (parts[0].startsWith("./") && (containerPath + "/").startsWith(parts[1] + "/")) {
                return root.resolve(parts[0].substring(2))
                        .resolve(containerPath.substring(parts[1].length()).replaceFirst("^/", ""))
                        .normalize();
            }
        }
        throw new AssertionError(containerPath + " is not mounted from the repository into " + tool);
    }

    private static String prometheusCommandFlag(String flag) {
        return strings(service("prometheus").get("command")).stream()
                .filter(arg -> arg.startsWith(flag + "="))
                .map(arg -> arg.substring(flag.length() + 1))
                .findFirst()
                .orElseThrow(() -> new AssertionError("prometheus is started without " + flag));
    }

    private static List<JsonNode> panels(JsonNode parent) {
        List<JsonNode> panels = new ArrayList<>();
        parent.path("panels").values().forEach(panel -> {
            panels.add(panel);
            panels.addAll(panels(panel));
        });
        return panels;
    }

    private static List<String> expressions() {
        return panels(dashboard).stream()
                .flatMap(panel -> panel.path("targets").values().stream())
                .map(target -> target.path("expr").asString())
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Map<String, Object>>) value;
    }

    private static List<String> strings(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return ((List<?>) value).stream().map(String::valueOf).toList();
    }
}

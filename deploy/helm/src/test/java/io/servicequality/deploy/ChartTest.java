package io.servicequality.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The chart as an operator installs it: linted, rendered with the value sets an operator would use, and every
 * manifest validated against the Kubernetes API's schemas (the official client's models, generated from the API's
 * OpenAPI document: unknown fields and missing required fields are refused), then checked for what makes the platform
 * run — probes on a port the container declares, resources, a disruption budget and an autoscaler per workload that
 * select its pods, every secret and config map they name present with the keys they read.
 */
class ChartTest {

    static final Path CHART = Path.of("service-quality-platform");
    static final List<String> SERVICES =
            List.of("feedback-service", "complaint-service", "scoring-service", "reporting-service");

    /** What the API's schema is for each kind the chart renders. */
    static final Map<String, Class<?>> MODELS = Map.of(
            "v1/ServiceAccount", V1ServiceAccount.class,
            "v1/Service", V1Service.class,
            "v1/ConfigMap", V1ConfigMap.class,
            "v1/Secret", V1Secret.class,
            "apps/v1/Deployment", V1Deployment.class,
            "apps/v1/StatefulSet", V1StatefulSet.class,
            "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class);

    static {
        new JSON(); // registers the models' type adapters (quantities, dates, int-or-string)
    }

    @Test
    void lintsCleanInStrictMode() {
        LintResult lint = new Helm(CHART).lint().strict().call();

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages())
                .noneMatch(message -> message.contains("[WARNING]") || message.contains("[ERROR]"));
    }

    static List<Arguments> valueSets() {
        return List.of(
                Arguments.of("defaults: an existing secret, CPU autoscaling, scoring state on volumes", values()),
                Arguments.of(
                        "the chart makes the secret; SASL, mail, lag autoscaling, tracing",
                        values(
                                "secrets.create",
                                true,
                                "secrets.mongodbUris.feedback",
                                "mongodb://feedback:pw@mongo-0,mongo-1,mongo-2/feedback?replicaSet=rs0",
                                "secrets.mongodbUris.complaint",
                                "mongodb://complaint:pw@mongo-0/complaint",
                                "secrets.mongodbUris.scoring",
                                "mongodb://scoring:pw@mongo-0/scoring",
                                "secrets.mongodbUris.reporting",
                                "mongodb://reporting:pw@mongo-0/reporting",
                                "secrets.kafkaSaslJaasConfig",
                                "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                                "secrets.smtpPassword",
                                "smtp-secret",
                                "kafka.securityProtocol",
                                "SASL_SSL",
                                "kafka.saslMechanism",
                                "SCRAM-SHA-512",
                                "services.reporting.mail.host",
                                "smtp.example.com",
                                "services.reporting.mail.username",
                                "reports",
                                "defaults.autoscaling.consumerLag.enabled",
                                true,
                                "tracing.otlpEndpoint",
                                "http://otel-collector:4318/v1/traces")),
                Arguments.of(
                        "fixed replicas, scoring state on emptyDir, twelve partitions",
                        values(
                                "defaults.autoscaling.enabled",
                                false,
                                "defaults.replicas",
                                3,
                                "services.scoring.streamsState.persistent",
                                false,
                                "kafka.partitions",
                                12)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void everyManifestIsValidForTheKubernetesApiAndTheWorkloadsAreWiredUp(String name, Map<String, Object> values)
            throws Exception {
        Rendered rendered = render(values);

        for (Map<String, Object> manifest : rendered.manifests()) {
            validate(manifest);
        }
        List<Workload> workloads = rendered.workloads();
        assertThat(workloads).extracting(Workload::service).containsExactlyInAnyOrderElementsOf(SERVICES);
        boolean autoscaling = !Boolean.FALSE.equals(values.get("defaults.autoscaling.enabled"));
        int partitions = (int) values.getOrDefault("kafka.partitions", 6);
        for (Workload workload : workloads) {
            V1PodTemplateSpec pod = workload.pod();
            Map<String, String> podLabels = pod.getMetadata().getLabels();
            assertThat(workload.selector()).as(workload.name()).isNotEmpty();
            assertThat(podLabels).as("pods carry their selector").containsAllEntriesOf(workload.selector());
            V1Container container = pod.getSpec().getContainers().get(0);
            List<String> ports =
                    container.getPorts().stream().map(V1ContainerPort::getName).toList();
            for (V1Probe probe :
                    List.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe())) {
                assertThat(probe).as(workload.name() + " probes").isNotNull();
                assertThat(ports).contains(probe.getHttpGet().getPort().getStrValue());
            }
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
            assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).containsKey("memory");

            for (V1EnvVar env : container.getEnv()) {
                if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                    String secret = env.getValueFrom().getSecretKeyRef().getName();
                    String key = env.getValueFrom().getSecretKeyRef().getKey();
                    if (rendered.secrets().isEmpty()) {
                        assertThat(secret).isEqualTo("service-quality-platform");
                    } else {
                        assertThat(rendered.secrets()).containsKey(secret);
                        assertThat(rendered.secrets().get(secret))
                                .as(env.getName())
                                .containsKey(key);
                    }
                }
            }
            container
                    .getEnvFrom()
                    .forEach(from -> assertThat(rendered.configMaps())
                            .containsKey(from.getConfigMapRef().getName()));
            Map<String, String> environment = environment(rendered, container);
            assertThat(environment).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "MONGODB_URI", "MONGODB_DATABASE");
            assertThat(environment).containsEntry("SQP_KAFKA_PARTITIONS", Integer.toString(partitions));
            assertThat(environment)
                    .as("each instance admits its share of a credential's quota")
                    .containsEntry(
                            "SQP_INSTANCES", autoscaling ? "2" : String.valueOf(values.get("defaults.replicas")));

            assertThat(rendered.budgetsSelecting(podLabels))
                    .as(workload.name() + " disruption budget")
                    .hasSize(1);
            assertThat(rendered.servicesSelecting(podLabels))
                    .as(workload.name() + " service")
                    .isNotEmpty();
            List<V2HorizontalPodAutoscaler> autoscalers = rendered.autoscalersOf(workload);
            if (autoscaling) {
                assertThat(autoscalers).as(workload.name() + " autoscaler").hasSize(1);
                assertThat(autoscalers.get(0).getSpec().getMaxReplicas()).isLessThanOrEqualTo(partitions);
                assertThat(workload.replicas())
                        .as("the autoscaler owns the replica count")
                        .isNull();
            } else {
                assertThat(autoscalers).isEmpty();
                assertThat(workload.replicas()).isEqualTo(values.get("defaults.replicas"));
            }
        }
        Workload scoring = workloads.stream()
                .filter(w -> w.service().equals("scoring-service"))
                .findFirst()
                .orElseThrow();
        boolean persistent = !Boolean.FALSE.equals(values.get("services.scoring.streamsState.persistent"));
        assertThat(scoring.kind()).isEqualTo(persistent ? "StatefulSet" : "Deployment");
        String stateDir = environment(
                        rendered, scoring.pod().getSpec().getContainers().get(0))
                .get("SQP_SCORING_STATE_DIR");
        Map<String, String> scoringEnvironment =
                environment(rendered, scoring.pod().getSpec().getContainers().get(0));
        assertThat(scoringEnvironment)
                .as("other instances forward reads of state this one holds to its pod address")
                .containsEntry("SQP_SCORING_ADVERTISED_ADDRESS", "$(POD_IP):8083")
                .containsEntry("SQP_SCORING_STANDBY_REPLICAS", "1");
        assertThat(scoring.pod().getSpec().getContainers().get(0).getEnv())
                .anyMatch(env -> env.getName().equals("POD_IP")
                        && env.getValueFrom().getFieldRef().getFieldPath().equals("status.podIP"));
        assertThat(scoring.pod().getSpec().getContainers().get(0).getVolumeMounts())
                .anyMatch(mount ->
                        mount.getMountPath().equals(stateDir) && mount.getName().equals("streams-state"));
        if (Boolean.TRUE.equals(values.get("defaults.autoscaling.consumerLag.enabled"))) {
            assertThat(rendered.autoscalersOf(scoring).get(0).getSpec().getMetrics())
                    .anyMatch(metric -> metric.getExternal() != null
                            && "scoring-service.counting.g1"
                                    .equals(metric.getExternal()
                                            .getMetric()
                                            .getSelector()
                                            .getMatchLabels()
                                            .get("consumergroup")));
        }
    }

    @Test
    void refusesValuesThatWouldBreakThePlatform() {
        assertThatThrownBy(() -> render(values("services.scoring.autoscaling.maxReplicas", 8)))
                .hasMessageContaining("autoscaling.maxReplicas 8 exceeds kafka.partitions 6");
        assertThatThrownBy(() -> render(values("defaults.replicas", "two"))).hasMessageContaining("replicas");
        assertThatThrownBy(() -> render(values("kafka.partitionCount", 6))).hasMessageContaining("partitionCount");
        assertThatThrownBy(() -> render(values("kafka.securityProtocol", "TLS")))
                .hasMessageContaining("securityProtocol");
        assertThatThrownBy(() -> render(values("secrets.create", true)))
                .hasMessageContaining("secrets.mongodbUris.complaint is required");
        assertThatThrownBy(() -> render(values("secrets.existingSecret", "")))
                .hasMessageContaining("secrets.existingSecret is required");
    }

    /** The schema check of one manifest: the model's own validation, which refuses unknown and missing fields. */
    private static void validate(Map<String, Object> manifest) throws Exception {
        String kind = manifest.get("apiVersion") + "/" + manifest.get("kind");
        Class<?> model = MODELS.get(kind);
        assertThat(model).as("a kind the chart is known to render: " + kind).isNotNull();
        JsonElement json = new Gson().toJsonTree(manifest);
        try {
            model.getMethod("validateJsonElement", JsonElement.class).invoke(null, json);
        } catch (InvocationTargetException e) {
            throw new AssertionError(
                    kind + " " + name(manifest) + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static Map<String, String> environment(Rendered rendered, V1Container container) {
        Map<String, String> environment = new HashMap<>();
        container
                .getEnvFrom()
                .forEach(from -> environment.putAll(Objects.requireNonNullElse(
                        rendered.configMaps().get(from.getConfigMapRef().getName()), Map.of())));
        for (V1EnvVar env : container.getEnv()) {
            environment.put(
                    env.getName(), env.getValue() != null ? env.getValue() : "(from " + env.getValueFrom() + ")");
        }
        return environment;
    }

    private static Map<String, Object> values(Object... pairs) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return values;
    }

    static Rendered render(Map<String, Object> values) {
        TemplateCommand template =
                new Helm(CHART).template().withName("quality").withNamespace("sqp");
        for (var value : values.entrySet()) {
            template = template.set(value.getKey(), value.getValue());
        }
        return Rendered.of(template.call());
    }

    @SuppressWarnings("unchecked")
    private static String name(Map<String, Object> manifest) {
        return String.valueOf(((Map<String, Object>) manifest.get("metadata")).get("name"));
    }

    /** One service's workload as rendered. */
    record Workload(
            String kind,
            String name,
            String service,
            Integer replicas,
            Map<String, String> selector,
            V1PodTemplateSpec pod) {}

    /** The rendered manifests, parsed strictly (a key given twice is an error, as it is for the API server). */
    record Rendered(List<Map<String, Object>> manifests) {

        @SuppressWarnings("unchecked")
        static Rendered of(String yaml) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            List<Map<String, Object>> manifests = new ArrayList<>();
            for (Object document : new Yaml(new SafeConstructor(options)).loadAll(yaml)) {
                if (document != null) {
                    manifests.add((Map<String, Object>) document);
                }
            }
            return new Rendered(manifests);
        }

        <T> List<T> all(String kind, Class<T> model) {
            Gson gson = JSON.getGson();
            return manifests.stream()
                    .filter(manifest -> kind.equals(manifest.get("kind")))
                    .map(manifest -> gson.fromJson(gson.toJsonTree(manifest), model))
                    .toList();
        }

        List<Workload> workloads() {
            List<Workload> workloads = new ArrayList<>();
            for (V1Deployment d : all("Deployment", V1Deployment.class)) {
                workloads.add(new Workload(
                        "Deployment",
                        d.getMetadata().getName(),
                        d.getMetadata().getLabels().get("app.kubernetes.io/name"),
                        d.getSpec().getReplicas(),
                        d.getSpec().getSelector().getMatchLabels(),
                        d.getSpec().getTemplate()));
            }
            for (V1StatefulSet s : all("StatefulSet", V1StatefulSet.class)) {
                workloads.add(new Workload(
                        "StatefulSet",
                        s.getMetadata().getName(),
                        s.getMetadata().getLabels().get("app.kubernetes.io/name"),
                        s.getSpec().getReplicas(),
                        s.getSpec().getSelector().getMatchLabels(),
                        s.getSpec().getTemplate()));
            }
            return workloads;
        }

        Map<String, Map<String, String>> secrets() {
            Map<String, Map<String, String>> secrets = new HashMap<>();
            all("Secret", V1Secret.class)
                    .forEach(s -> secrets.put(s.getMetadata().getName(), s.getStringData()));
            return secrets;
        }

        Map<String, Map<String, String>> configMaps() {
            Map<String, Map<String, String>> maps = new HashMap<>();
            all("ConfigMap", V1ConfigMap.class)
                    .forEach(c -> maps.put(c.getMetadata().getName(), c.getData()));
            return maps;
        }

        List<V1PodDisruptionBudget> budgetsSelecting(Map<String, String> podLabels) {
            return all("PodDisruptionBudget", V1PodDisruptionBudget.class).stream()
                    .filter(b -> podLabels
                            .entrySet()
                            .containsAll(
                                    b.getSpec().getSelector().getMatchLabels().entrySet()))
                    .toList();
        }

        List<V1Service> servicesSelecting(Map<String, String> podLabels) {
            return all("Service", V1Service.class).stream()
                    .filter(s -> podLabels
                            .entrySet()
                            .containsAll(s.getSpec().getSelector().entrySet()))
                    .toList();
        }

        List<V2HorizontalPodAutoscaler> autoscalersOf(Workload workload) {
            return all("HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class).stream()
                    .filter(h -> h.getSpec().getScaleTargetRef().getKind().equals(workload.kind())
                            && h.getSpec().getScaleTargetRef().getName().equals(workload.name()))
                    .toList();
        }
    }
}

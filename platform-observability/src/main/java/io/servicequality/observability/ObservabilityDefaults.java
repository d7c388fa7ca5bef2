package io.servicequality.observability;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The platform's observability settings, the same in every service, as defaults below everything a service or an
 * operator sets: the Prometheus endpoint beside health and info, every meter tagged with the service's name, health
 * probes where readiness includes Kafka and MongoDB and liveness does not, Kafka templates and listeners observed (so a
 * trace continues through the broker), and structured JSON logs unless {@code SQP_LOG_FORMAT=plain}.
 */
public class ObservabilityDefaults implements EnvironmentPostProcessor {

    static final String SOURCE = "platformObservabilityDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("management.endpoints.web.exposure.include", "health,info,metrics,prometheus");
        defaults.put("management.endpoint.health.probes.enabled", "true");
        defaults.put("management.endpoint.health.group.readiness.include", "readinessState,kafka,mongo");
        defaults.put("management.endpoint.health.group.liveness.include", "livenessState");
        defaults.put("management.metrics.tags.application", "${spring.application.name}");
        defaults.put("management.metrics.distribution.percentiles-histogram.http.server.requests", "true");
        defaults.put("management.tracing.sampling.probability", "${SQP_TRACING_SAMPLING_PROBABILITY:0.1}");
        defaults.put("management.opentelemetry.resource-attributes.service.name", "${spring.application.name}");
        defaults.put("spring.kafka.template.observation-enabled", "true");
        defaults.put("spring.kafka.listener.observation-enabled", "true");
        // the actuator on a port of its own (scraped and probed there, not exposed with the API) when one is given
        String managementPort = environment.getProperty("SQP_MANAGEMENT_PORT");
        if (managementPort != null && !managementPort.isBlank()) {
            defaults.put("management.server.port", managementPort);
        }
        if (!"plain".equalsIgnoreCase(environment.getProperty("SQP_LOG_FORMAT", "json"))) {
            defaults.put("logging.structured.format.console", "ecs");
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
    }
}

package io.servicequality.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.env.MockEnvironment;

class ObservabilityDefaultsTest {

    @Test
    void everyServiceExposesPrometheusTagsItsMetersAndKeepsKafkaOutOfLiveness() {
        MockEnvironment environment = new MockEnvironment().withProperty("spring.application.name", "scoring-service");

        new ObservabilityDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
                .isEqualTo("health,info,metrics,prometheus");
        assertThat(environment.getProperty("management.metrics.tags.application"))
                .isEqualTo("scoring-service");
        assertThat(environment.getProperty("management.endpoint.health.group.readiness.include"))
                .isEqualTo("readinessState,kafka,mongo");
        assertThat(environment.getProperty("management.endpoint.health.group.liveness.include"))
                .isEqualTo("livenessState");
        assertThat(environment.getProperty("spring.kafka.listener.observation-enabled"))
                .isEqualTo("true");
        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
        assertThat(environment.getProperty("management.server.port"))
                .as("the API's port unless told")
                .isNull();
    }

    @Test
    void theActuatorMovesToThePortItIsGiven() {
        MockEnvironment environment = new MockEnvironment().withProperty("SQP_MANAGEMENT_PORT", "9181");

        new ObservabilityDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("management.server.port")).isEqualTo("9181");
    }

    @Test
    void whatTheServiceOrTheOperatorSetsWins() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("management.endpoints.web.exposure.include", "health")
                .withProperty("SQP_TRACING_SAMPLING_PROBABILITY", "1.0");

        new ObservabilityDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
                .isEqualTo("health");
        assertThat(environment.getProperty("management.tracing.sampling.probability"))
                .isEqualTo("1.0");
    }

    @Test
    void plainLogsForLocalRuns() {
        MockEnvironment environment = new MockEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("env", Map.of("SQP_LOG_FORMAT", "plain")));

        new ObservabilityDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("logging.structured.format.console")).isNull();
    }
}

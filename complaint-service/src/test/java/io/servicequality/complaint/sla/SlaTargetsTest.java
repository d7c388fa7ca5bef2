package io.servicequality.complaint.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicequality.contracts.ComplaintChanged.Severity;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SlaTargetsTest {

    @ParameterizedTest
    @CsvSource({"CRITICAL, 1, 24", "HIGH, 4, 48", "MEDIUM, 8, 72", "LOW, 24, 120"})
    void defaultTargetsFollowTheSpec(Severity severity, int firstResponseHours, int resolutionHours) {
        assertThat(SlaTargets.DEFAULTS.of(severity).firstResponse()).isEqualTo(Duration.ofHours(firstResponseHours));
        assertThat(SlaTargets.DEFAULTS.of(severity).resolution()).isEqualTo(Duration.ofHours(resolutionHours));
    }

    @Test
    void aConfiguredTargetReplacesOnlyItself() {
        SlaTargets targets = bind(Map.of("sqp.complaints.sla.high.first-response", "2h"));

        assertThat(targets.of(Severity.HIGH).firstResponse()).isEqualTo(Duration.ofHours(2));
        assertThat(targets.of(Severity.HIGH).resolution()).isEqualTo(Duration.ofHours(48));
        assertThat(targets.of(Severity.CRITICAL)).isEqualTo(SlaTargets.DEFAULTS.of(Severity.CRITICAL));
    }

    @Test
    void refusesATargetThatIsNotPositive() {
        assertThatThrownBy(() -> bind(Map.of("sqp.complaints.sla.low.resolution", "0s")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("resolution target must be positive");
    }

    private static SlaTargets bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("sqp.complaints.sla", SlaTargets.class);
    }
}

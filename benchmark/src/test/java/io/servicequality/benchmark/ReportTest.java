package io.servicequality.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void aRateIsSetAgainstProducerPerformanceOnlyWhenThatWasMeasured() {
        assertThat(Report.ratio(200, 67_340)).isEqualTo("0.003");
        assertThat(Report.ratio(200, Double.NaN)).as("--producer-records 0").isEqualTo("—");
        assertThat(Report.ratio(200, 0)).isEqualTo("—");
    }
}

package io.servicequality.reporting.qualitytarget;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicequality.reporting.qualitytarget.QualityTargets.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

class QualityTargetsTest {

    private static final Target CSAT_ALL = new Target("t1", null, "csat.percent", "AT_LEAST", 80);
    private static final Target CSAT_A = new Target("t2", "A", "csat.percent", "AT_LEAST", 70);
    private static final Target ANSWER_ALL = new Target("t3", null, "interactions.answerRate", "AT_LEAST", 95);
    private static final Target WAIT_B = new Target("t4", "B", "interactions.waitSeconds.p90", "AT_MOST", 30);
    private static final List<Target> ALL = List.of(CSAT_ALL, CSAT_A, ANSWER_ALL, WAIT_B);

    @Test
    void aBranchTargetOverridesTheTenantWideTargetOfItsMetricOnly() {
        assertThat(QualityTargets.applyingTo(ALL, "A")).containsExactly(CSAT_A, ANSWER_ALL);
        assertThat(QualityTargets.applyingTo(ALL, "B")).containsExactly(CSAT_ALL, ANSWER_ALL, WAIT_B);
        assertThat(QualityTargets.applyingTo(ALL, "C")).containsExactly(CSAT_ALL, ANSWER_ALL);
        assertThat(QualityTargets.tenantWide(ALL)).containsExactly(CSAT_ALL, ANSWER_ALL);
    }

    @Test
    void theBoundIsOnTheAttainingSide() {
        assertThat(CSAT_ALL.attainedBy(80.0)).isTrue();
        assertThat(CSAT_ALL.attainedBy(79.99)).isFalse();
        assertThat(WAIT_B.attainedBy(30.0)).isTrue();
        assertThat(WAIT_B.attainedBy(30.5)).isFalse();
    }
}

package io.servicequality.reporting.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AlertFilterTest {

    private final AlertFilter branchInEast = AlertFilter.of(List.of("SH-001"), List.of("east"));
    private final AlertFilter east = AlertFilter.of(List.of("SH-001", "SH-002"), List.of("east"));

    @Test
    void aBranchSeesItsOwnItsRegionsAndTheTenantsAlertsOnly() {
        assertThat(branchInEast.passes("SH-001", "BRANCH", "SH-001")).isTrue();
        assertThat(branchInEast.passes(null, "REGION", "east")).isTrue();
        assertThat(branchInEast.passes(null, "TENANT", "acme-bank")).isTrue();
        assertThat(branchInEast.passes("SH-002", "BRANCH", "SH-002")).isFalse();
        assertThat(branchInEast.passes(null, "REGION", "west")).isFalse();
    }

    @Test
    void aRegionSeesItsBranchesItselfAndTheTenantButNoOtherRegion() {
        assertThat(east.passes("SH-002", "BRANCH", "SH-002")).isTrue();
        assertThat(east.passes(null, "REGION", "east")).isTrue();
        assertThat(east.passes(null, "TENANT", "acme-bank")).isTrue();
        assertThat(east.passes(null, "REGION", "west")).isFalse();
        assertThat(east.passes("BJ-001", "BRANCH", "BJ-001")).isFalse();
    }

    @Test
    void theTenantSeesEverythingAndUnscopedEventsAreMatchedByBranch() {
        assertThat(AlertFilter.of(null, null).passes(null, "REGION", "west")).isTrue();
        assertThat(AlertFilter.ALL.passes("BJ-001", null, null)).isTrue();
        assertThat(branchInEast.passes("SH-001", null, null)).isTrue();
        assertThat(branchInEast.passes("BJ-001", null, null)).isFalse();
        assertThat(AlertFilter.of(List.of("SH-009"), List.of()).passes(null, "REGION", "east"))
                .isFalse();
    }
}

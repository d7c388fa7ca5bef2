package io.servicequality.reporting.risk;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.servicequality.reporting.branch.BranchDirectory;
import io.servicequality.security.TenantGate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When a marked branch is assessed: once its last change is {@code settle} old, and a branch whose inputs keep
 * changing at most once per {@code reassess-after} — except after a model change or a lost race, which are assessed at
 * the next pass.
 */
class RiskMonitorTest {

    static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    final RiskAssessor assessor = mock(RiskAssessor.class);
    final RiskRegister register = mock(RiskRegister.class);
    final BranchDirectory directory = mock(BranchDirectory.class);
    Instant now = T0;
    RiskMonitor monitor;

    @BeforeEach
    void setUp() {
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneId.of("UTC");
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        RiskProperties properties = new RiskProperties(
                RiskModelTest.DOCUMENTED,
                Duration.ofSeconds(5),
                Duration.ofSeconds(2),
                Duration.ofSeconds(30),
                Duration.ofMinutes(5),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30));
        given(assessor.assess(anyString(), anyString())).willReturn(RiskRegister.Outcome.UPDATED);
        given(register.branchesOf("acme")).willReturn(List.of("B1"));
        given(directory.branches(any(), any())).willReturn(List.of());
        monitor = new RiskMonitor(
                assessor, register, directory, mock(TenantGate.class), mock(RiskGradeRelay.class), clock, properties);
    }

    @Test
    void aBranchWhoseInputsKeepChangingIsAssessedOncePerReassessInterval() {
        monitor.mark("acme", "B1");
        passAt(T0.plusSeconds(1));
        verify(assessor, never()).assess("acme", "B1"); // not settled yet
        passAt(T0.plusSeconds(2));
        verify(assessor, times(1)).assess("acme", "B1");

        // changes every few seconds: the next assessment 30 s after the last, not at every pass
        for (int second = 5; second < 30; second += 5) {
            now = T0.plusSeconds(second);
            monitor.mark("acme", "B1");
            passAt(T0.plusSeconds(second + 2));
        }
        verify(assessor, times(1)).assess("acme", "B1");
        passAt(T0.plusSeconds(32));
        verify(assessor, times(2)).assess("acme", "B1");

        // nothing changed since: nothing to assess
        passAt(T0.plusSeconds(120));
        verify(assessor, times(2)).assess("acme", "B1");
    }

    @Test
    void anAlertAboutTheBranchIsAssessedAtTheNextPassAfterItSettled() {
        monitor.mark("acme", "B1");
        passAt(T0.plusSeconds(2));
        verify(assessor, times(1)).assess("acme", "B1");

        now = T0.plusSeconds(10);
        monitor.mark("acme", "B1"); // a metric update: waits for reassess-after
        passAt(T0.plusSeconds(12));
        verify(assessor, times(1)).assess("acme", "B1");

        now = T0.plusSeconds(14);
        monitor.markUrgent("acme", "B1"); // an alert raised about it
        passAt(T0.plusSeconds(15));
        verify(assessor, times(1)).assess("acme", "B1"); // not settled yet
        passAt(T0.plusSeconds(16));
        verify(assessor, times(2)).assess("acme", "B1");
    }

    @Test
    void aChangedModelAndALostRaceAreAssessedAtTheNextPass() {
        monitor.mark("acme", "B1");
        passAt(T0.plusSeconds(2));
        verify(assessor, times(1)).assess("acme", "B1");

        now = T0.plusSeconds(3);
        monitor.markTenant("acme");
        passAt(T0.plusSeconds(5));
        verify(assessor, times(2)).assess("acme", "B1");

        clearInvocations(assessor);
        given(assessor.assess("acme", "B1"))
                .willReturn(RiskRegister.Outcome.CONFLICT)
                .willReturn(RiskRegister.Outcome.UPDATED);
        now = T0.plusSeconds(40);
        monitor.mark("acme", "B1");
        passAt(T0.plusSeconds(42));
        passAt(T0.plusSeconds(47));
        verify(assessor, times(2)).assess("acme", "B1");
        passAt(T0.plusSeconds(52)); // assessed again only after a new change
        verify(assessor, times(2)).assess("acme", "B1");
    }

    private void passAt(Instant at) {
        now = at;
        monitor.assessMarked();
    }
}

package io.servicequality.reporting.risk;

/**
 * The figures of one branch the model reads (docs/risk.md, "Inputs").
 *
 * @param sqiCurrent the SQI of the current window, {@code null} without data
 * @param sqiPrevious the SQI of the previous window, {@code null} without data
 * @param sqiN the smaller of the two windows' feedback responses + interactions offered
 * @param alertsRaised alerts raised for the branch (branch-scoped) in the current window
 * @param complaintsOpened complaints opened in the current window
 * @param slaBreaches complaint SLA breaches in the current window
 * @param volume feedback responses + interactions offered in the current window
 * @param openComplaints complaints open now
 * @param severeOpen of those, HIGH or CRITICAL
 */
public record RiskInputs(
        Double sqiCurrent,
        Double sqiPrevious,
        long sqiN,
        long alertsRaised,
        long complaintsOpened,
        long slaBreaches,
        long volume,
        long openComplaints,
        long severeOpen) {}

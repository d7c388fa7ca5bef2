package io.servicequality.reporting.periodicreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.servicequality.reporting.periodicreport.ReportPeriod.Kind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

class ReportPeriodTest {

    static final LocalDate THURSDAY = LocalDate.parse("2026-12-03");

    @Test
    void weeksRunMondayToSundayMonthsAndQuartersByTheCalendar() {
        assertThat(ReportPeriod.containing(Kind.WEEK, THURSDAY))
                .isEqualTo(new ReportPeriod(Kind.WEEK, LocalDate.parse("2026-11-30"), LocalDate.parse("2026-12-07")));
        assertThat(ReportPeriod.containing(Kind.MONTH, THURSDAY))
                .isEqualTo(new ReportPeriod(Kind.MONTH, LocalDate.parse("2026-12-01"), LocalDate.parse("2027-01-01")));
        assertThat(ReportPeriod.containing(Kind.QUARTER, LocalDate.parse("2026-08-15")))
                .isEqualTo(
                        new ReportPeriod(Kind.QUARTER, LocalDate.parse("2026-07-01"), LocalDate.parse("2026-10-01")));
    }

    @Test
    void theLastCompletePeriodTheOneBeforeAndAYearBefore() {
        ReportPeriod november = ReportPeriod.lastCompleteBefore(Kind.MONTH, THURSDAY);
        assertThat(november.start()).isEqualTo("2026-11-01");
        assertThat(november.lastDay()).isEqualTo("2026-11-30");
        assertThat(november.previous().start()).isEqualTo("2026-10-01");
        assertThat(november.yearBefore().start()).isEqualTo("2025-11-01");
        ReportPeriod lastWeek = ReportPeriod.lastCompleteBefore(Kind.WEEK, THURSDAY);
        assertThat(lastWeek.start()).isEqualTo("2026-11-23");
        assertThat(lastWeek.yearBefore().start())
                .isEqualTo("2025-11-24")
                .matches(d -> d.getDayOfWeek().getValue() == 1);
        ReportPeriod q1 = ReportPeriod.lastCompleteBefore(Kind.QUARTER, LocalDate.parse("2026-04-01"));
        assertThat(q1.start()).isEqualTo("2026-01-01");
        assertThat(q1.previous())
                .isEqualTo(
                        new ReportPeriod(Kind.QUARTER, LocalDate.parse("2025-10-01"), LocalDate.parse("2026-01-01")));
    }

    @Test
    void localDaysOfTheScopesTimeZone() {
        ReportPeriod november = ReportPeriod.containing(Kind.MONTH, LocalDate.parse("2026-11-10"));
        ZoneId shanghai = ZoneId.of("Asia/Shanghai");
        assertThat(november.from(shanghai)).isEqualTo(Instant.parse("2026-10-31T16:00:00Z"));
        assertThat(november.to(shanghai)).isEqualTo(Instant.parse("2026-11-30T16:00:00Z"));
    }

    @Test
    void aRequestedStartMustBeginAPeriodThatHasEnded() {
        assertThat(PeriodicReports.periodOf(Kind.WEEK, LocalDate.parse("2026-11-23"), THURSDAY)
                        .lastDay())
                .isEqualTo("2026-11-29");
        assertThatThrownBy(() -> PeriodicReports.periodOf(Kind.WEEK, LocalDate.parse("2026-11-24"), THURSDAY))
                .isInstanceOf(ErrorResponseException.class)
                .hasMessageContaining("2026-11-23");
        assertThatThrownBy(() -> PeriodicReports.periodOf(Kind.MONTH, LocalDate.parse("2026-12-01"), THURSDAY))
                .isInstanceOf(ErrorResponseException.class)
                .hasMessageContaining("has not ended");
        assertThatThrownBy(() -> Kind.of("YEAR")).hasMessageContaining("WEEK, MONTH or QUARTER");
    }
}

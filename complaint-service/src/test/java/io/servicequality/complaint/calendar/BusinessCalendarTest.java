package io.servicequality.complaint.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.servicequality.complaint.calendar.BusinessCalendar.Shift;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BusinessCalendarTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDate CHRISTMAS = LocalDate.parse("2026-12-25");

    /** Monday to Friday 09:00–12:00 and 13:00–17:00 (7 h a day) in Berlin, Christmas Day off. */
    private static final BusinessCalendar OFFICE = new BusinessCalendar(BERLIN, weekdays(), Set.of(CHRISTMAS));

    @ParameterizedTest(name = "opened {0} + {1} min → due {2} (Berlin)")
    @CsvSource({
        // inside the morning shift
        "2026-11-23T10:00, 60, 2026-11-23T11:00",
        // runs over the lunch break of a split shift
        "2026-11-23T11:30, 60, 2026-11-23T13:30",
        // opened during lunch: the clock starts at 13:00
        "2026-11-23T12:30, 60, 2026-11-23T14:00",
        // opened after hours: the clock starts the next morning
        "2026-11-23T18:00, 30, 2026-11-24T09:30",
        // Friday afternoon over the weekend
        "2026-11-20T16:00, 120, 2026-11-23T10:00",
        // opened on a Saturday: first business minute is Monday 09:00
        "2026-11-21T10:00, 60, 2026-11-23T10:00",
        // Thursday before Christmas: 1 h on Thursday, Friday is a holiday, then the weekend, then 7 h on Monday
        "2026-12-24T16:00, 480, 2026-12-28T17:00",
        // ending exactly at the end of a shift stays there rather than jumping to the next one
        "2026-11-23T09:00, 180, 2026-11-23T12:00"
    })
    void addsBusinessMinutesAcrossSplitShiftsWeekendsAndHolidays(String opened, long minutes, String due) {
        Instant from = berlin(opened);

        Instant result = OFFICE.plus(from, Duration.ofMinutes(minutes));

        assertThat(result).isEqualTo(berlin(due));
        assertThat(OFFICE.between(from, result)).isEqualTo(Duration.ofMinutes(minutes));
    }

    @Test
    void countsOnlyOpenHoursBetweenTwoInstants() {
        assertThat(OFFICE.between(berlin("2026-11-20T16:00"), berlin("2026-11-23T10:00")))
                .as("Friday 16–17 and Monday 09–10")
                .isEqualTo(Duration.ofHours(2));
        assertThat(OFFICE.between(berlin("2026-11-23T00:00"), berlin("2026-11-30T00:00")))
                .as("a full week of 5 × 7 h")
                .isEqualTo(Duration.ofHours(35));
        assertThat(OFFICE.between(berlin("2026-12-21T00:00"), berlin("2026-12-28T00:00")))
                .as("the week of Christmas Day loses a day")
                .isEqualTo(Duration.ofHours(28));
        assertThat(OFFICE.between(berlin("2026-11-23T12:10"), berlin("2026-11-23T12:50")))
                .as("within the lunch break")
                .isZero();
        assertThat(OFFICE.between(berlin("2026-11-23T11:00"), berlin("2026-11-23T10:00")))
                .isZero();
    }

    @Test
    void aShiftOnTheDayClocksGoForwardIsAnHourShorter() {
        // 2026-03-29: Berlin jumps from 02:00 CET to 03:00 CEST
        BusinessCalendar nights = openEveryDay(new Shift(LocalTime.of(1, 0), LocalTime.of(4, 0)));
        LocalDate springForward = LocalDate.parse("2026-03-29");

        assertThat(nights.between(startOf(springForward), startOf(springForward.plusDays(1))))
                .isEqualTo(Duration.ofHours(2));
        assertThat(nights.plus(berlin("2026-03-29T01:30"), Duration.ofMinutes(60)))
                .as("01:30 CET + 60 business minutes skips the missing hour")
                .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"))
                .isEqualTo(berlin("2026-03-29T03:30"));
        assertThat(nights.between(startOf(springForward.minusDays(1)), startOf(springForward)))
                .as("the day before is a normal 3 h night")
                .isEqualTo(Duration.ofHours(3));
    }

    @Test
    void aShiftOnTheDayClocksGoBackIsAnHourLonger() {
        // 2026-10-25: Berlin falls back from 03:00 CEST to 02:00 CET
        BusinessCalendar nights = openEveryDay(new Shift(LocalTime.of(1, 0), LocalTime.of(4, 0)));
        LocalDate fallBack = LocalDate.parse("2026-10-25");

        assertThat(nights.between(startOf(fallBack), startOf(fallBack.plusDays(1))))
                .isEqualTo(Duration.ofHours(4));
        assertThat(nights.plus(Instant.parse("2026-10-24T23:00:00Z"), Duration.ofHours(4)))
                .as("01:00 CEST + 4 business hours is 04:00 CET")
                .isEqualTo(Instant.parse("2026-10-25T03:00:00Z"));
    }

    @Test
    void aWholeDayIsTwentyThreeOrTwentyFiveHoursOnTheDaysOfTheTransitions() {
        BusinessCalendar sundays =
                new BusinessCalendar(BERLIN, Map.of(DayOfWeek.SUNDAY, List.of(Shift.WHOLE_DAY)), Set.of());

        assertThat(sundays.between(berlin("2026-03-29T00:00"), berlin("2026-03-30T00:00")))
                .isEqualTo(Duration.ofHours(23));
        assertThat(sundays.between(berlin("2026-10-25T00:00"), berlin("2026-10-26T00:00")))
                .isEqualTo(Duration.ofHours(25));
        assertThat(sundays.plus(berlin("2026-03-29T00:00"), Duration.ofHours(23)))
                .isEqualTo(berlin("2026-03-30T00:00"));
        assertThat(sundays.plus(berlin("2026-03-29T00:00"), Duration.ofHours(24)))
                .as("the 24th hour is on the next Sunday")
                .isEqualTo(berlin("2026-04-05T01:00"));
    }

    @Test
    void aCalendarOpenAroundTheClockIsPlainElapsedTime() {
        Instant from = Instant.parse("2026-11-20T10:00:00Z");

        assertThat(BusinessCalendar.ALWAYS_OPEN_UTC.plus(from, Duration.ofHours(48)))
                .isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(BusinessCalendar.alwaysOpen(BERLIN).between(berlin("2026-03-29T00:00"), berlin("2026-03-30T00:00")))
                .isEqualTo(Duration.ofHours(23));
    }

    @Test
    void refusesOverlappingShiftsAndAWeekWithoutOpenHours() {
        Map<DayOfWeek, List<Shift>> overlapping = Map.of(
                DayOfWeek.MONDAY,
                List.of(
                        new Shift(LocalTime.of(9, 0), LocalTime.of(12, 0)),
                        new Shift(LocalTime.of(11, 0), LocalTime.of(14, 0))));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BusinessCalendar(BERLIN, overlapping, Set.of()))
                .withMessageContaining("overlap");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BusinessCalendar(BERLIN, Map.of(DayOfWeek.MONDAY, List.of()), Set.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> new Shift(LocalTime.of(17, 0), LocalTime.of(9, 0)));
    }

    private static Map<DayOfWeek, List<Shift>> weekdays() {
        Map<DayOfWeek, List<Shift>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(
                DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            hours.put(
                    day,
                    List.of(
                            new Shift(LocalTime.of(9, 0), LocalTime.of(12, 0)),
                            new Shift(LocalTime.of(13, 0), LocalTime.of(17, 0))));
        }
        return hours;
    }

    private static BusinessCalendar openEveryDay(Shift shift) {
        Map<DayOfWeek, List<Shift>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.put(day, List.of(shift));
        }
        return new BusinessCalendar(BERLIN, hours, Set.of());
    }

    private static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(BERLIN).toInstant();
    }
}

package io.servicequality.complaint.calendar;

import io.servicequality.complaint.calendar.BusinessCalendar.Shift;
import io.servicequality.web.problem.FieldProblem;
import io.servicequality.web.problem.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code PUT /api/v1/calendars/{branchId}}: the branch's IANA time zone, its weekly hours (several shifts a day
 * allowed, {@code "to": "00:00"} meaning until midnight; a day left out is closed) and its holidays.
 */
record CalendarRequest(
        @NotBlank String timeZone,
        @NotEmpty Map<DayOfWeek, @NotNull List<@Valid @NotNull ShiftBody>> weeklyHours,
        @Size(max = 1000) List<@NotNull LocalDate> holidays) {

    /** The calendar, or a validation problem naming what is wrong. */
    BusinessCalendar toCalendar() {
        Map<String, String> errors = new LinkedHashMap<>();
        ZoneId zone = null;
        try {
            zone = ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            errors.put("timeZone", "must be an IANA time zone id such as Europe/Berlin");
        }
        Map<DayOfWeek, List<Shift>> hours = new EnumMap<>(DayOfWeek.class);
        weeklyHours.forEach((day, shifts) -> {
            try {
                List<Shift> checked = shifts.stream()
                        .map(shift -> new Shift(shift.from(), shift.to()))
                        .toList();
                hours.put(day, Shift.sortedChecked(checked));
            } catch (IllegalArgumentException e) {
                errors.put("weeklyHours." + day, e.getMessage());
            }
        });
        if (errors.isEmpty() && hours.values().stream().allMatch(List::isEmpty)) {
            errors.put("weeklyHours", "must contain at least one shift");
        }
        if (!errors.isEmpty()) {
            throw Problems.validationFailed(errors.entrySet().stream()
                    .map(error -> new FieldProblem(error.getKey(), error.getValue()))
                    .toList());
        }
        Set<LocalDate> holidayDates = holidays == null ? Set.of() : new HashSet<>(holidays);
        return new BusinessCalendar(zone, hours, holidayDates);
    }

    record ShiftBody(@NotNull LocalTime from, @NotNull LocalTime to) {}
}

package io.servicequality.complaint.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A branch's business calendar as callers see it. */
record CalendarResponse(
        String branchId, String timeZone, Map<DayOfWeek, List<ShiftView>> weeklyHours, List<LocalDate> holidays) {

    static CalendarResponse of(String branchId, BusinessCalendar calendar) {
        Map<DayOfWeek, List<ShiftView>> hours = new TreeMap<>();
        calendar.weeklyHours()
                .forEach((day, shifts) -> hours.put(
                        day,
                        shifts.stream()
                                .map(shift -> new ShiftView(shift.from(), shift.to()))
                                .toList()));
        return new CalendarResponse(
                branchId,
                calendar.zone().getId(),
                hours,
                calendar.holidays().stream().sorted().toList());
    }

    record ShiftView(LocalTime from, LocalTime to) {}
}

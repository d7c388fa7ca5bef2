package io.servicequality.complaint.calendar;

import io.servicequality.complaint.calendar.BusinessCalendar.Shift;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The stored business calendar of one branch, one document per (tenant, branch). Times and dates are kept as ISO
 * strings: they are local wall-clock values, which must not be shifted by the driver's date conversion.
 */
@Document("calendars")
record BranchCalendar(
        @Id String id,
        String tenantId,
        String branchId,
        String timeZone,
        List<DayHours> weeklyHours,
        List<String> holidays) {

    static String idOf(String tenantId, String branchId) {
        return tenantId + ":" + branchId;
    }

    static BranchCalendar of(String tenantId, String branchId, BusinessCalendar calendar) {
        List<DayHours> days = calendar.weeklyHours().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> new DayHours(
                        entry.getKey(),
                        entry.getValue().stream()
                                .map(shift -> new DayHours.StoredShift(
                                        shift.from().toString(), shift.to().toString()))
                                .toList()))
                .toList();
        List<String> holidays =
                calendar.holidays().stream().sorted().map(LocalDate::toString).toList();
        return new BranchCalendar(
                idOf(tenantId, branchId), tenantId, branchId, calendar.zone().getId(), days, holidays);
    }

    BusinessCalendar toCalendar() {
        Map<DayOfWeek, List<Shift>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayHours day : weeklyHours) {
            hours.put(
                    day.day(),
                    day.shifts().stream()
                            .map(shift -> new Shift(LocalTime.parse(shift.from()), LocalTime.parse(shift.to())))
                            .toList());
        }
        return new BusinessCalendar(
                ZoneId.of(timeZone),
                hours,
                holidays.stream().map(LocalDate::parse).collect(Collectors.toSet()));
    }

    record DayHours(DayOfWeek day, List<StoredShift> shifts) {

        record StoredShift(String from, String to) {}
    }
}

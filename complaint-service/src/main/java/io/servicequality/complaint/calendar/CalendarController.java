package io.servicequality.complaint.calendar;

import io.servicequality.web.problem.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Business calendars per branch: set or replace ({@code PUT}), read, list, remove (back to 24x7 UTC). */
@RestController
@RequestMapping(CalendarController.PATH)
class CalendarController {

    static final String PATH = "/api/v1/calendars";

    private final BusinessCalendars calendars;

    CalendarController(BusinessCalendars calendars) {
        this.calendars = calendars;
    }

    @PutMapping("/{branchId}")
    CalendarResponse put(
            @PathVariable @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String branchId,
            @Valid @RequestBody CalendarRequest request) {
        BusinessCalendar calendar = request.toCalendar();
        calendars.put(branchId, calendar);
        return CalendarResponse.of(branchId, calendar);
    }

    @GetMapping("/{branchId}")
    CalendarResponse get(@PathVariable String branchId) {
        return calendars
                .find(branchId)
                .map(calendar -> CalendarResponse.of(branchId, calendar))
                .orElseThrow(() -> Problems.notFound(
                        "No business calendar for branch " + branchId + "; it is open around the clock in UTC"));
    }

    @GetMapping
    List<CalendarResponse> list() {
        return calendars.all().stream()
                .map(stored -> CalendarResponse.of(stored.branchId(), stored.toCalendar()))
                .toList();
    }

    @DeleteMapping("/{branchId}")
    ResponseEntity<Void> remove(@PathVariable String branchId) {
        if (!calendars.remove(branchId)) {
            throw Problems.notFound("No business calendar for branch " + branchId);
        }
        return ResponseEntity.noContent().build();
    }
}

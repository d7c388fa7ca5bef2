package io.servicequality.complaint.calendar;

import io.servicequality.complaint.tenant.TenantProperties;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The business calendars of the tenant's branches. A branch without one is open around the clock in UTC. Every
 * change is announced as a {@link BusinessCalendarChanged} so that due times counted on the calendar are recomputed.
 */
@Service
public class BusinessCalendars {

    private final BranchCalendars calendars;
    private final ApplicationEventPublisher events;
    private final String tenantId;

    BusinessCalendars(BranchCalendars calendars, ApplicationEventPublisher events, TenantProperties tenant) {
        this.calendars = calendars;
        this.events = events;
        this.tenantId = tenant.tenantId();
    }

    /** The calendar due times of the branch's complaints are counted on. */
    public BusinessCalendar of(String branchId) {
        return find(branchId).orElse(BusinessCalendar.ALWAYS_OPEN_UTC);
    }

    Optional<BusinessCalendar> find(String branchId) {
        return calendars
                .findByIdAndTenantId(BranchCalendar.idOf(tenantId, branchId), tenantId)
                .map(BranchCalendar::toCalendar);
    }

    List<BranchCalendar> all() {
        return calendars.findByTenantIdOrderByBranchId(tenantId);
    }

    void put(String branchId, BusinessCalendar calendar) {
        calendars.save(BranchCalendar.of(tenantId, branchId, calendar));
        events.publishEvent(new BusinessCalendarChanged(tenantId, branchId));
    }

    boolean remove(String branchId) {
        Optional<BranchCalendar> existing =
                calendars.findByIdAndTenantId(BranchCalendar.idOf(tenantId, branchId), tenantId);
        existing.ifPresent(calendar -> {
            calendars.delete(calendar);
            events.publishEvent(new BusinessCalendarChanged(tenantId, branchId));
        });
        return existing.isPresent();
    }
}

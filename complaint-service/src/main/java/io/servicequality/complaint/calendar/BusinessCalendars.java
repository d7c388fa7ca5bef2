package io.servicequality.complaint.calendar;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.servicequality.security.CallerAccess;
import io.servicequality.security.audit.AuditTrail;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The business calendars of each tenant's branches. A branch without one is open around the clock in UTC. Every
 * change is announced as a {@link BusinessCalendarChanged} so that due times counted on the calendar are recomputed,
 * and recorded in the audit trail (who, when, before/after).
 *
 * <p>Requests see the calendars of the caller's tenant and, for a branch-bound caller, of its branches only (the
 * store query carries that scope: another branch's calendar is not found); a change names a branch the caller may act
 * for (403 otherwise).
 */
@Service
public class BusinessCalendars {

    private final BranchCalendars calendars;
    private final MongoOperations mongo;
    private final ApplicationEventPublisher events;
    private final CallerAccess callers;
    private final AuditTrail audit;

    BusinessCalendars(
            BranchCalendars calendars,
            MongoOperations mongo,
            ApplicationEventPublisher events,
            CallerAccess callers,
            AuditTrail audit) {
        this.calendars = calendars;
        this.mongo = mongo;
        this.events = events;
        this.callers = callers;
        this.audit = audit;
    }

    /** The calendar due times of the tenant's branch's complaints are counted on. */
    public BusinessCalendar of(String tenantId, String branchId) {
        return calendars
                .findByIdAndTenantId(BranchCalendar.idOf(tenantId, branchId), tenantId)
                .map(BranchCalendar::toCalendar)
                .orElse(BusinessCalendar.ALWAYS_OPEN_UTC);
    }

    /** The branch's calendar, if the caller may see it. */
    Optional<BusinessCalendar> find(String branchId) {
        return stored(branchId).map(BranchCalendar::toCalendar);
    }

    /** The calendars the caller may see, by branch. */
    List<BranchCalendar> all() {
        return mongo.find(new Query(callers.scope()).with(Sort.by("branchId")), BranchCalendar.class);
    }

    void put(String branchId, BusinessCalendar calendar) {
        callers.requireBranch(branchId);
        String tenantId = callers.tenantId();
        Optional<BranchCalendar> before = stored(branchId);
        calendars.save(BranchCalendar.of(tenantId, branchId, calendar));
        audit.record(
                "calendar.changed",
                target(branchId),
                before.map(BusinessCalendars::view).orElse(null),
                CalendarResponse.of(branchId, calendar));
        events.publishEvent(new BusinessCalendarChanged(tenantId, branchId));
    }

    boolean remove(String branchId) {
        Optional<BranchCalendar> existing = stored(branchId);
        existing.ifPresent(calendar -> {
            calendars.delete(calendar);
            audit.record("calendar.removed", target(branchId), view(calendar), null);
            events.publishEvent(new BusinessCalendarChanged(calendar.tenantId(), branchId));
        });
        return existing.isPresent();
    }

    private Optional<BranchCalendar> stored(String branchId) {
        Criteria own =
                new Criteria().andOperator(callers.scope(), where("branchId").is(branchId));
        return Optional.ofNullable(mongo.findOne(new Query(own), BranchCalendar.class));
    }

    private static String target(String branchId) {
        return "calendar:" + branchId;
    }

    private static CalendarResponse view(BranchCalendar stored) {
        return CalendarResponse.of(stored.branchId(), stored.toCalendar());
    }
}

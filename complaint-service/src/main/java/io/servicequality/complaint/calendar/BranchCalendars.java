package io.servicequality.complaint.calendar;

import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

/** Business calendars by branch, for background work on a complaint's own tenant; requests query through the caller's scope. */
interface BranchCalendars extends MongoRepository<BranchCalendar, String> {

    Optional<BranchCalendar> findByIdAndTenantId(String id, String tenantId);
}

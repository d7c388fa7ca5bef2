package io.servicequality.complaint.calendar;

import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

/** Business calendars by branch; every query names the tenant. */
interface BranchCalendars extends MongoRepository<BranchCalendar, String> {

    Optional<BranchCalendar> findByIdAndTenantId(String id, String tenantId);

    List<BranchCalendar> findByTenantIdOrderByBranchId(String tenantId);
}

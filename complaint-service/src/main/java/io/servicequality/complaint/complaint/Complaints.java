package io.servicequality.complaint.complaint;

import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * All complaints, for numbering and background work on each complaint in its own tenant; requests read complaints
 * through the caller's scope ({@code ComplaintService#get}).
 */
interface Complaints extends MongoRepository<Complaint, String> {

    Optional<Complaint> findFirstByTenantIdAndBranchIdAndMonthOrderBySerialDesc(
            String tenantId, String branchId, String month);

    /** The highest serial the branch used in the month, 0 if none yet. */
    default int highestSerial(String tenantId, String branchId, String month) {
        return findFirstByTenantIdAndBranchIdAndMonthOrderBySerialDesc(tenantId, branchId, month)
                .map(Complaint::serial)
                .orElse(0);
    }
}

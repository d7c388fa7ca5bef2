package io.servicequality.complaint.complaint;

import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

/** All complaints; every query names the tenant. */
interface Complaints extends MongoRepository<Complaint, String> {

    Optional<Complaint> findByIdAndTenantId(String id, String tenantId);

    Optional<Complaint> findFirstByTenantIdAndBranchIdAndMonthOrderBySerialDesc(
            String tenantId, String branchId, String month);

    /** The highest serial the branch used in the month, 0 if none yet. */
    default int highestSerial(String tenantId, String branchId, String month) {
        return findFirstByTenantIdAndBranchIdAndMonthOrderBySerialDesc(tenantId, branchId, month)
                .map(Complaint::serial)
                .orElse(0);
    }
}

package io.servicequality.complaint.correctiveaction;

import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

/** Stored corrective actions; every query names the tenant. */
interface CorrectiveActions extends MongoRepository<CorrectiveAction, String> {

    Optional<CorrectiveAction> findByIdAndTenantId(String id, String tenantId);
}

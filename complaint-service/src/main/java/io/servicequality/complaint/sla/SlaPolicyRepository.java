package io.servicequality.complaint.sla;

import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

/** Stored SLA policies; every query names the tenant. */
interface SlaPolicyRepository extends MongoRepository<SlaPolicy, String> {

    Optional<SlaPolicy> findByIdAndTenantId(String id, String tenantId);
}

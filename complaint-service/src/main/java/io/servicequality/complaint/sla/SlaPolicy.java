package io.servicequality.complaint.sla;

import io.servicequality.contracts.ComplaintChanged.Severity;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A tenant's own targets for one severity, in business minutes; one document per (tenant, severity). */
@Document("sla_policies")
record SlaPolicy(@Id String id, String tenantId, Severity severity, long firstResponseMinutes, long resolutionMinutes) {

    static String idOf(String tenantId, Severity severity) {
        return tenantId + ":" + severity;
    }
}

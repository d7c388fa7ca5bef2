package io.servicequality.reporting.complaint;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One counted complaint lifecycle event (opened, acknowledged, resolved, SLA breached) with the complaint's category,
 * severity and department at that time; the event id is the document id, so a redelivery is stored once.
 *
 * @param hour the start of the UTC hour the event fell in: the hour bucket scoring-service counts it in
 * @param withinTarget for acknowledged and resolved: before the due time
 */
@Document("complaintEvents")
@CompoundIndex(name = "tenant_hour_branch", def = "{'tenantId': 1, 'hour': 1, 'branchId': 1}")
record ComplaintEventRecord(
        @Id String eventId,
        String tenantId,
        String branchId,
        String complaintId,
        String type,
        String category,
        String severity,
        String department,
        Boolean withinTarget,
        Instant occurredAt,
        Instant hour) {}

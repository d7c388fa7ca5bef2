package io.servicequality.complaint.complaint;

import io.servicequality.complaint.tenant.TenantProperties;
import java.time.Clock;
import java.time.Instant;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** Opens complaints and reads them back, within the deployment's tenant. */
@Service
class ComplaintService {

    private static final Logger log = LoggerFactory.getLogger(ComplaintService.class);

    private final Complaints complaints;
    private final OutboxRelay relay;
    private final SlaTargets slaTargets;
    private final int maxNumberingAttempts;
    private final String tenantId;
    private final Clock clock;

    ComplaintService(
            Complaints complaints,
            OutboxRelay relay,
            SlaTargets slaTargets,
            NumberingProperties numbering,
            TenantProperties tenant,
            Clock clock) {
        this.complaints = complaints;
        this.relay = relay;
        this.slaTargets = slaTargets;
        this.maxNumberingAttempts = numbering.maxAttempts();
        this.tenantId = tenant.tenantId();
        this.clock = clock;
    }

    /**
     * Opens a complaint under the next free number of its branch and month.
     *
     * <p>Gap-free and unique without transactions: the serial is one more than the highest stored one, and the
     * insert is guarded by the unique (tenant, branch, month, serial) index. Losing that race to a concurrent opening
     * is a duplicate-key error, which stores nothing and so uses no number; we retry with the new highest serial.
     * The complaint and its {@code OPENED} event are one document, written in one insert.
     *
     * @param occurredAt when the customer complained; {@code null} means now
     */
    Complaint open(String branchId, Instant occurredAt, ComplaintDetails details) {
        Instant recordedAt = clock.instant();
        Instant openedAt = occurredAt != null ? occurredAt : recordedAt;
        String month = ComplaintNumber.monthOf(openedAt);
        String complaintId = new ObjectId().toHexString();
        for (int attempt = 1; attempt <= maxNumberingAttempts; attempt++) {
            ComplaintNumber number =
                    ComplaintNumber.following(branchId, openedAt, complaints.highestSerial(tenantId, branchId, month));
            Complaint complaint =
                    Complaint.open(complaintId, tenantId, branchId, number, openedAt, recordedAt, details, slaTargets);
            try {
                Complaint stored = complaints.insert(complaint);
                relay.publishSoon(stored.id());
                return stored;
            } catch (DuplicateKeyException e) {
                log.debug("Serial {} was taken concurrently (attempt {}), retrying", number, attempt);
            }
        }
        throw new NumberingContentionException(branchId, maxNumberingAttempts);
    }

    Complaint get(String complaintId) {
        return complaints
                .findByIdAndTenantId(complaintId, tenantId)
                .orElseThrow(() -> new ComplaintNotFoundException(complaintId));
    }
}

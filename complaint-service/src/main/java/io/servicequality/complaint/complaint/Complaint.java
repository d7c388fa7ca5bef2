package io.servicequality.complaint.complaint;

import io.servicequality.complaint.complaint.SlaTargets.DueTimes;
import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.ComplaintChanged.ComplaintEventType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The complaint aggregate. Every transition records its {@link ComplaintChanged} event in {@link #outbox}, a list on
 * this same document, so that the state change and the event to publish are written in one atomic step;
 * {@link OutboxRelay} publishes and removes them.
 *
 * <p>The unique index makes a (tenant, branch, month, serial) number impossible to hand out twice; see
 * {@link ComplaintService} for how serials are chosen.
 */
@Document(Complaint.COLLECTION)
@CompoundIndex(
        name = "number_unique_per_branch_and_month",
        def = "{'tenantId': 1, 'branchId': 1, 'month': 1, 'serial': 1}",
        unique = true)
class Complaint {

    static final String COLLECTION = "complaints";

    /** Who caused a transition, until callers authenticate. */
    static final String API_ACTOR = "api";

    @Id
    private final String id;

    private final String tenantId;
    private final String branchId;
    private final String number;
    private final String month;
    private final int serial;
    private ComplaintStatus status;
    private final ComplaintDetails details;
    private final Instant openedAt;
    private final Instant recordedAt;
    private final Instant firstResponseDueAt;
    private final Instant resolutionDueAt;
    private final List<ComplaintChanged> outbox;

    @Version
    private Long version;

    @PersistenceCreator
    Complaint(
            String id,
            String tenantId,
            String branchId,
            String number,
            String month,
            int serial,
            ComplaintStatus status,
            ComplaintDetails details,
            Instant openedAt,
            Instant recordedAt,
            Instant firstResponseDueAt,
            Instant resolutionDueAt,
            List<ComplaintChanged> outbox,
            Long version) {
        this.id = id;
        this.tenantId = tenantId;
        this.branchId = branchId;
        this.number = number;
        this.month = month;
        this.serial = serial;
        this.status = status;
        this.details = details;
        this.openedAt = openedAt;
        this.recordedAt = recordedAt;
        this.firstResponseDueAt = firstResponseDueAt;
        this.resolutionDueAt = resolutionDueAt;
        this.outbox = outbox == null ? new ArrayList<>() : new ArrayList<>(outbox);
        this.version = version;
    }

    /**
     * Opens a complaint and records {@code OPENED}. Instants are kept to the millisecond, the store's precision, so
     * that the answer to the caller, the stored document and the event agree.
     *
     * @param openedAt when the customer complained; the due times and the numbering month count from it
     * @param recordedAt when this service learnt of it
     */
    static Complaint open(
            String id,
            String tenantId,
            String branchId,
            ComplaintNumber number,
            Instant openedAt,
            Instant recordedAt,
            ComplaintDetails details,
            SlaTargets slaTargets) {
        if (!number.month().equals(ComplaintNumber.monthOf(openedAt))) {
            throw new IllegalArgumentException("number " + number + " does not belong to the month of " + openedAt);
        }
        Instant opened = openedAt.truncatedTo(ChronoUnit.MILLIS);
        DueTimes due = slaTargets.dueTimes(details.severity(), opened);
        Complaint complaint = new Complaint(
                id,
                tenantId,
                branchId,
                number.toString(),
                number.month(),
                number.serial(),
                ComplaintStatus.OPEN,
                details,
                opened,
                recordedAt.truncatedTo(ChronoUnit.MILLIS),
                due.firstResponseDueAt(),
                due.resolutionDueAt(),
                List.of(),
                null);
        complaint.record(ComplaintEventType.OPENED, opened, API_ACTOR);
        return complaint;
    }

    private void record(ComplaintEventType type, Instant occurredAt, String actor) {
        outbox.add(new ComplaintChanged(
                UUID.randomUUID(),
                tenantId,
                branchId,
                occurredAt,
                ComplaintChanged.SCHEMA_VERSION,
                id,
                number,
                type,
                details.channel(),
                details.category(),
                details.subcategory(),
                details.severity(),
                details.department(),
                firstResponseDueAt,
                resolutionDueAt,
                null,
                null,
                null,
                actor));
    }

    /** Events recorded but not yet acknowledged by Kafka, oldest first. */
    List<ComplaintChanged> pendingEvents() {
        return List.copyOf(outbox);
    }

    String id() {
        return id;
    }

    String tenantId() {
        return tenantId;
    }

    String branchId() {
        return branchId;
    }

    String number() {
        return number;
    }

    int serial() {
        return serial;
    }

    ComplaintStatus status() {
        return status;
    }

    ComplaintDetails details() {
        return details;
    }

    Instant openedAt() {
        return openedAt;
    }

    Instant firstResponseDueAt() {
        return firstResponseDueAt;
    }

    Instant resolutionDueAt() {
        return resolutionDueAt;
    }
}

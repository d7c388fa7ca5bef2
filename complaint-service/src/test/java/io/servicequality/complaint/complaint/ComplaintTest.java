package io.servicequality.complaint.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.servicequality.contracts.Channel;
import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.ComplaintChanged.ComplaintCategory;
import io.servicequality.contracts.ComplaintChanged.ComplaintEventType;
import io.servicequality.contracts.ComplaintChanged.Severity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ComplaintTest {

    private static final Instant OCCURRED = Instant.parse("2026-11-20T10:00:00.123456Z");
    private static final Instant RECORDED = Instant.parse("2026-11-20T10:03:00Z");
    private static final ComplaintDetails DETAILS = new ComplaintDetails(
            Channel.PHONE,
            ComplaintCategory.QUALITY,
            "billing-error",
            Severity.HIGH,
            "accounts",
            "Charged twice",
            "Two debits for one order",
            "c-77f1");

    @Test
    void opensWithStatusOpenAndDueTimesCountedFromTheOpeningInstant() {
        Complaint complaint = open(ComplaintNumber.following("SH-001", OCCURRED, 6));

        assertThat(complaint.status()).isEqualTo(ComplaintStatus.OPEN);
        assertThat(complaint.number()).isEqualTo("SH-001-202611-7");
        assertThat(complaint.openedAt()).isEqualTo(Instant.parse("2026-11-20T10:00:00.123Z"));
        assertThat(complaint.firstResponseDueAt()).isEqualTo(Instant.parse("2026-11-20T14:00:00.123Z"));
        assertThat(complaint.resolutionDueAt()).isEqualTo(Instant.parse("2026-11-22T10:00:00.123Z"));
    }

    @Test
    void recordsOpenedCarryingTheComplaintAsItWasOpened() {
        Complaint complaint = open(ComplaintNumber.following("SH-001", OCCURRED, 6));

        assertThat(complaint.pendingEvents()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(ComplaintEventType.OPENED);
            assertThat(event.eventId()).isNotNull();
            assertThat(event.schemaVersion()).isEqualTo(ComplaintChanged.SCHEMA_VERSION);
            assertThat(event.recordKey()).isEqualTo("acme-bank:SH-001");
            assertThat(event.complaintId()).isEqualTo("5f1d7c2e9b3a4c6d8e0f1a2b");
            assertThat(event.number()).isEqualTo("SH-001-202611-7");
            assertThat(event.occurredAt()).isEqualTo(complaint.openedAt());
            assertThat(event.channel()).isEqualTo(Channel.PHONE);
            assertThat(event.category()).isEqualTo(ComplaintCategory.QUALITY);
            assertThat(event.subcategory()).isEqualTo("billing-error");
            assertThat(event.severity()).isEqualTo(Severity.HIGH);
            assertThat(event.department()).isEqualTo("accounts");
            assertThat(event.firstResponseDueAt()).isEqualTo(complaint.firstResponseDueAt());
            assertThat(event.resolutionDueAt()).isEqualTo(complaint.resolutionDueAt());
            assertThat(event.actor()).isEqualTo("api");
        });
    }

    @Test
    void refusesANumberFromAnotherMonth() {
        ComplaintNumber october = ComplaintNumber.following("SH-001", Instant.parse("2026-10-31T12:00:00Z"), 0);

        assertThatIllegalArgumentException().isThrownBy(() -> open(october));
    }

    private static Complaint open(ComplaintNumber number) {
        return Complaint.open(
                "5f1d7c2e9b3a4c6d8e0f1a2b",
                "acme-bank",
                "SH-001",
                number,
                OCCURRED,
                RECORDED,
                DETAILS,
                SlaTargets.DEFAULTS);
    }
}

package io.servicequality.reporting.complaint;

import io.servicequality.contracts.ComplaintChanged;
import io.servicequality.contracts.ComplaintChanged.ComplaintEventType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Where one complaint stands now.
 *
 * @param channel the channel the complaint came through ({@code Channel} name), {@code null} when no event named one
 *     (and for states stored before the channel was kept)
 * @param open not yet resolved (or reopened): part of the backlog
 * @param lastOccurredAt event time of the newest event applied; older ones arriving late are ignored
 */
@Document("complaintStates")
@CompoundIndex(name = "tenant_open_branch", def = "{'tenantId': 1, 'open': 1, 'branchId': 1}")
record ComplaintState(
        @Id String id,
        String tenantId,
        String branchId,
        String complaintId,
        String number,
        String category,
        String severity,
        String department,
        String channel,
        Instant resolutionDueAt,
        boolean open,
        ComplaintEventType lastEvent,
        Instant lastOccurredAt) {

    private static final Set<ComplaintEventType> CLOSING =
            Set.of(ComplaintEventType.RESOLVED, ComplaintEventType.FOLLOWED_UP, ComplaintEventType.CLOSED);

    /** The state after {@code event}, given the state before it ({@code null} for the first). */
    static ComplaintState after(ComplaintState before, ComplaintChanged event) {
        boolean open = before == null || before.open;
        if (CLOSING.contains(event.type())) {
            open = false;
        } else if (event.type() == ComplaintEventType.OPENED || event.type() == ComplaintEventType.REOPENED) {
            open = true;
        }
        return new ComplaintState(
                idOf(event.tenantId(), event.complaintId()),
                event.tenantId(),
                event.branchId(),
                event.complaintId(),
                firstPresent(event.number(), before == null ? null : before.number),
                event.category() != null ? event.category().name() : before == null ? null : before.category,
                event.severity() != null ? event.severity().name() : before == null ? null : before.severity,
                firstPresent(event.department(), before == null ? null : before.department),
                event.channel() != null ? event.channel().name() : before == null ? null : before.channel,
                event.resolutionDueAt() != null
                        ? event.resolutionDueAt()
                        : before == null ? null : before.resolutionDueAt,
                open,
                event.type(),
                event.occurredAt());
    }

    boolean overdueAt(Instant now) {
        return open && resolutionDueAt != null && resolutionDueAt.isBefore(now);
    }

    static String idOf(String tenantId, String complaintId) {
        return URLEncoder.encode(tenantId, StandardCharsets.UTF_8) + "/"
                + URLEncoder.encode(complaintId, StandardCharsets.UTF_8);
    }

    private static <T> T firstPresent(T first, T second) {
        return first != null ? first : second;
    }
}

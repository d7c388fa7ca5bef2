package io.servicequality.feedback.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.servicequality.feedback.eventlog.WriteOutcome;
import io.servicequality.web.problem.FieldProblem;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The answer to a batch post: one result per item, in the order of the items.
 *
 * @param accepted items now durable on the log
 * @param rejected items that failed validation; resending them unchanged fails again
 * @param unavailable valid items the broker did not acknowledge; each says whether it may still be written
 *     ({@code outcome}); resend them with their eventId, which is counted once however often it is sent
 * @param forbidden valid items for a branch outside the caller's branches; nothing was accepted for them
 */
public record BatchResult(int accepted, int rejected, int unavailable, int forbidden, List<ItemResult> results) {

    /** The outcome of one item. */
    public enum Status {
        ACCEPTED,
        REJECTED,
        /** Not confirmed by the broker; {@code outcome} says whether it may still be written. */
        UNAVAILABLE,
        /** The item names a branch the caller may not write for (the single post answers 403). */
        FORBIDDEN
    }

    /**
     * @param index the item's position in the batch, from 0
     * @param eventId for accepted and unavailable items (also when the server made it up): resend with it
     * @param outcome for unavailable items: {@code UNKNOWN} (may still be written) or {@code NOT_WRITTEN}
     * @param errors for rejected items: the fields at fault, as in a 400 problem's {@code errors}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemResult(
            int index,
            Status status,
            UUID eventId,
            Instant receivedAt,
            Boolean late,
            WriteOutcome outcome,
            List<FieldProblem> errors) {}

    static BatchResult of(List<ItemResult> results) {
        return new BatchResult(
                count(results, Status.ACCEPTED),
                count(results, Status.REJECTED),
                count(results, Status.UNAVAILABLE),
                count(results, Status.FORBIDDEN),
                results);
    }

    private static int count(List<ItemResult> results, Status status) {
        return (int) results.stream().filter(r -> r.status() == status).count();
    }
}

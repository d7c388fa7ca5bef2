package io.servicequality.feedback.paging;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.servicequality.web.problem.Problems;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The position after an item in the order ({@code occurredAt}, {@code eventId}), encoded opaquely for clients.
 *
 * @param occurredAt the last item's event time
 * @param eventId the last item's event id
 */
public record Cursor(Instant occurredAt, String eventId) {

    public static final int MAX_LIMIT = 500;

    /** {@code null} (no cursor) is the start of the list. */
    public static Cursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            return new Cursor(Instant.parse(parts[0]), parts[1]);
        } catch (RuntimeException e) {
            throw Problems.validationFailed("cursor", "is not a cursor this service issued");
        }
    }

    public String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((occurredAt + "|" + eventId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads one page: the documents matching {@code filter} after {@code cursor}, in the list's order.
     *
     * @param find runs the query against the store
     * @param position the (occurredAt, eventId) of a document, for the next cursor
     */
    public static <D> Page<D> page(
            Criteria filter, String cursor, int limit, Function<Query, List<D>> find, Function<D, Cursor> position) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Problems.validationFailed("limit", "must be between 1 and " + MAX_LIMIT);
        }
        Cursor after = decode(cursor);
        Criteria criteria = after == null
                ? filter
                : new Criteria()
                        .andOperator(
                                filter,
                                new Criteria()
                                        .orOperator(
                                                where("occurredAt").gt(after.occurredAt()),
                                                where("occurredAt")
                                                        .is(after.occurredAt())
                                                        .and("eventId")
                                                        .gt(after.eventId())));
        Query query = new Query(criteria)
                .with(Sort.by(Sort.Order.asc("occurredAt"), Sort.Order.asc("eventId")))
                .limit(limit + 1);
        List<D> found = find.apply(query);
        if (found.size() <= limit) {
            return new Page<>(found, null);
        }
        List<D> items = found.subList(0, limit);
        return new Page<>(items, position.apply(items.get(limit - 1)).encode());
    }
}

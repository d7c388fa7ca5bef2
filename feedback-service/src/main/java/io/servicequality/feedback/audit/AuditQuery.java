package io.servicequality.feedback.audit;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.servicequality.contracts.Channel;
import io.servicequality.web.problem.Problems;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * What every audit list takes from its query string: filters, all optional, and the page wanted.
 *
 * @param from event time, inclusive
 * @param to event time, exclusive
 * @param cursor where the previous page ended ({@code null}: the first page)
 * @param limit items per page, 100 when absent
 */
public record AuditQuery(String branchId, Instant from, Instant to, Channel channel, String cursor, Integer limit) {

    static final int DEFAULT_LIMIT = 100;

    int limitOrDefault() {
        return limit == null ? DEFAULT_LIMIT : limit;
    }

    /**
     * Documents within {@code scope} (the caller's tenant and branches, {@code CallerAccess#scope()}) narrowed by the
     * filters given: a filter can only narrow the scope, never widen it.
     */
    Criteria criteria(Criteria scope) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw Problems.validationFailed("to", "must be after from");
        }
        List<Criteria> parts = new ArrayList<>();
        parts.add(scope);
        if (branchId != null) {
            parts.add(where("branchId").is(branchId));
        }
        if (from != null) {
            parts.add(where("occurredAt").gte(from));
        }
        if (to != null) {
            parts.add(where("occurredAt").lt(to));
        }
        if (channel != null) {
            parts.add(where("event.channel").is(channel.name()));
        }
        return new Criteria().andOperator(parts);
    }
}

package io.servicequality.feedback.paging;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.servicequality.contracts.Channel;
import io.servicequality.web.problem.Problems;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * The filters every audit list offers; all optional.
 *
 * @param from event time, inclusive
 * @param to event time, exclusive
 */
public record AuditFilter(String branchId, Instant from, Instant to, Channel channel) {

    /**
     * Documents within {@code scope} (the caller's tenant and branches, {@code CallerAccess#scope()}) narrowed by the
     * filters given: a filter can only narrow the scope, never widen it.
     */
    public Criteria criteria(Criteria scope) {
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
            parts.add(where("channel").is(channel));
        }
        return new Criteria().andOperator(parts);
    }
}

package io.servicequality.feedback.paging;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.servicequality.contracts.Channel;
import io.servicequality.feedback.problem.BadRequestException;
import java.time.Instant;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * The filters every audit list offers; all optional.
 *
 * @param from event time, inclusive
 * @param to event time, exclusive
 */
public record AuditFilter(String branchId, Instant from, Instant to, Channel channel) {

    /** Documents of {@code tenantId} only, narrowed by the filters given. */
    public Criteria criteria(String tenantId) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new BadRequestException("to", "must be after from");
        }
        Criteria criteria = where("tenantId").is(tenantId);
        if (branchId != null) {
            criteria.and("branchId").is(branchId);
        }
        if (from != null || to != null) {
            Criteria occurredAt = criteria.and("occurredAt");
            if (from != null) {
                occurredAt = occurredAt.gte(from);
            }
            if (to != null) {
                occurredAt.lt(to);
            }
        }
        if (channel != null) {
            criteria.and("channel").is(channel);
        }
        return criteria;
    }
}

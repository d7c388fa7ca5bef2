package io.servicequality.complaint.lifecycle;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.servicequality.security.CallerAccess;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Lists, counts and exports the complaints the caller may see by filter, newest first. Every query starts from the
 * caller's scope ({@link CallerAccess#scope()}: its tenant and, for a branch-bound caller, its branches); the request's
 * filters can only narrow it, so the items and every count stay within it.
 */
@Component
class ComplaintQueries {

    /** {@code open=false}: every status but the active ones, named, so the query stays an {@code $in}. */
    private static final Set<ComplaintStatus> RESOLVED_OR_CLOSED =
            EnumSet.complementOf(EnumSet.copyOf(ComplaintStatus.ACTIVE));

    private final MongoOperations mongo;
    private final CallerAccess callers;
    private final Clock clock;

    ComplaintQueries(MongoOperations mongo, CallerAccess callers, Clock clock) {
        this.mongo = mongo;
        this.callers = callers;
        this.clock = clock;
    }

    Page page(ComplaintFilter filter, int page, int size) {
        Instant now = clock.instant();
        List<Complaint> items = mongo.find(
                new Query(criteria(filter, now))
                        .with(newestFirst())
                        .skip((long) page * size)
                        .limit(size),
                Complaint.class);
        long total = mongo.count(new Query(criteria(filter, now)), Complaint.class);
        Map<ComplaintStatus, Long> byStatus = new EnumMap<>(ComplaintStatus.class);
        for (ComplaintStatus status : ComplaintStatus.values()) {
            if (couldMatch(filter, status)) {
                byStatus.put(status, mongo.count(new Query(criteria(filter.withStatus(status), now)), Complaint.class));
            } else {
                byStatus.put(status, 0L);
            }
        }
        long overdue = filter.overdue() == Boolean.FALSE
                ? 0
                : mongo.count(new Query(criteria(filter.overdueOnly(), now)), Complaint.class);
        return new Page(items, total, byStatus, overdue);
    }

    /** Streams every matching complaint in pages, so an export never holds them all. */
    void forEach(ComplaintFilter filter, Consumer<Complaint> each) {
        Instant now = clock.instant();
        int pageSize = 500;
        for (int page = 0; ; page++) {
            List<Complaint> batch = mongo.find(
                    new Query(criteria(filter, now))
                            .with(newestFirst())
                            .skip((long) page * pageSize)
                            .limit(pageSize),
                    Complaint.class);
            batch.forEach(each);
            if (batch.size() < pageSize) {
                return;
            }
        }
    }

    /** Whether a complaint in this status can pass the filter at all (otherwise its count is 0 without asking). */
    private static boolean couldMatch(ComplaintFilter filter, ComplaintStatus status) {
        return (filter.status() == null || filter.status() == status)
                && (filter.open() == null || filter.open() == ComplaintStatus.ACTIVE.contains(status));
    }

    private static Sort newestFirst() {
        return Sort.by(Sort.Order.desc("openedAt"), Sort.Order.desc("_id"));
    }

    private Criteria criteria(ComplaintFilter filter, Instant now) {
        List<Criteria> all = new ArrayList<>();
        all.add(callers.scope());
        if (filter.status() != null) {
            all.add(where("status").is(filter.status()));
        }
        if (filter.severity() != null) {
            all.add(where("details.severity").is(filter.severity()));
        }
        if (filter.category() != null) {
            all.add(where("details.category").is(filter.category()));
        }
        if (filter.department() != null) {
            all.add(where("details.department").is(filter.department()));
        }
        if (filter.branchId() != null) {
            all.add(where("branchId").is(filter.branchId()));
        }
        if (filter.number() != null) {
            all.add(where("number").is(filter.number()));
        }
        Criteria assignee = assignee(filter);
        if (assignee != null) {
            all.add(assignee);
        }
        if (filter.open() != null) {
            all.add(where("status").in(filter.open() ? ComplaintStatus.ACTIVE : RESOLVED_OR_CLOSED));
        }
        if (filter.overdue() != null) {
            Criteria overdue = new Criteria()
                    .orOperator(
                            where("firstResponse.completedAt")
                                    .is(null)
                                    .and("firstResponseDueAt")
                                    .lte(now),
                            where("resolution.completedAt")
                                    .is(null)
                                    .and("resolutionDueAt")
                                    .lte(now));
            all.add(filter.overdue() ? overdue : new Criteria().norOperator(overdue));
        }
        return new Criteria().andOperator(all.toArray(Criteria[]::new));
    }

    /**
     * {@code assignee} alone: that assignee's; {@code unassigned=true} alone: nobody's; both: the assignee's or
     * nobody's (one {@code $in} with {@code null}, which also matches an absent field and keeps to the
     * {@code by_assignee} index); {@code unassigned=false}: somebody's (with {@code assignee}: that assignee's).
     */
    private static Criteria assignee(ComplaintFilter filter) {
        boolean orNobody = filter.unassigned() == Boolean.TRUE;
        if (filter.assignee() != null) {
            return orNobody
                    ? where("assignee").in(Arrays.asList(filter.assignee(), null))
                    : where("assignee").is(filter.assignee());
        }
        if (filter.unassigned() == null) {
            return null;
        }
        return orNobody ? where("assignee").is(null) : where("assignee").ne(null);
    }

    /** One page of complaints, how many match in all, per status, and how many of them are overdue. */
    record Page(List<Complaint> items, long total, Map<ComplaintStatus, Long> byStatus, long overdue) {

        Stream<Complaint> stream() {
            return items.stream();
        }
    }
}

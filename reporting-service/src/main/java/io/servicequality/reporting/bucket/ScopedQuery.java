package io.servicequality.reporting.bucket;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The read model's one query shape: documents of a tenant's branches whose start lies in [from, to), by branch and
 * start. On MongoDB the compound indexes over tenant, kind, branch and start answer it.
 *
 * <p>This class is also the one place shaped for the embedded store (mongo-java-server, in the local stack and the
 * tests), which has no secondary indexes: it scans the collection and tests each document against the criteria in
 * order. So the most selective test comes first (one branch: its id; otherwise the time range), and a list of more than
 * {@link #MAX_IN_VALUES} branches is not sent as {@code $in} (testing every document against hundreds of values took
 * ~0.4 s per query on 75k documents): the tenant's documents in the range are read and filtered here instead. Either
 * way the answer is the same documents in the same order; callers need not know.
 */
final class ScopedQuery {

    /** Above this many branches, filter here rather than with {@code $in}. */
    static final int MAX_IN_VALUES = 16;

    private ScopedQuery() {}

    static List<Document> find(
            MongoOperations mongo,
            String collection,
            String tenantId,
            Collection<String> branchIds,
            Criteria kind,
            String startField,
            Instant from,
            Instant to,
            String... fields) {
        Criteria criteria;
        if (branchIds != null && branchIds.size() == 1) {
            criteria = where("branchId")
                    .is(branchIds.iterator().next())
                    .and(startField)
                    .gte(from)
                    .lt(to);
        } else {
            criteria = where(startField).gte(from).lt(to);
            if (branchIds != null && branchIds.size() <= MAX_IN_VALUES) {
                criteria = criteria.and("branchId").in(branchIds);
            }
        }
        Query query = Query.query(new Criteria()
                        .andOperator(criteria, kind, where("tenantId").is(tenantId)))
                .with(Sort.by("branchId", startField));
        query.fields().include(fields).include("branchId", startField, "statistics");
        List<Document> documents = mongo.find(query, Document.class, collection);
        if (branchIds == null || branchIds.size() <= MAX_IN_VALUES) {
            return documents;
        }
        Set<String> wanted = Set.copyOf(branchIds);
        return documents.stream()
                .filter(document -> wanted.contains(document.getString("branchId")))
                .toList();
    }
}

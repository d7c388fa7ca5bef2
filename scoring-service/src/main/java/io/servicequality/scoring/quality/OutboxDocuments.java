package io.servicequality.scoring.quality;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Documents that are their own outbox (targets, alert rules): every change raises {@code revision} and sets {@code
 * unpublished}; a delete only marks the document {@code removed}, so it leaves the API at once and is deleted once
 * {@link ConfigurationPublisher} has published the removal. Reads are always within the caller's scope (see {@link
 * ConfigurationScope}) and leave removed documents out.
 */
abstract class OutboxDocuments<T extends OutboxDocuments.Publishable> implements ConfigurationPublisher.Outbox<T> {

    /** What the outbox needs of a document. */
    interface Publishable {
        String id();

        long revision();

        boolean removed();
    }

    protected final MongoTemplate mongo;
    private final Class<T> type;

    OutboxDocuments(MongoTemplate mongo, Class<T> type) {
        this.mongo = mongo;
        this.type = type;
    }

    /** @param scope the caller's filter (tenant, and branch scope where bound) */
    List<T> all(Criteria scope) {
        return mongo.find(
                query(new Criteria().andOperator(scope, where("removed").ne(true)))
                        .with(Sort.by("_id")),
                type);
    }

    Optional<T> find(Criteria scope, String id) {
        return Optional.ofNullable(mongo.findOne(
                query(new Criteria()
                        .andOperator(scope, where("_id").is(id).and("removed").ne(true))),
                type));
    }

    /** Marks the document removed and queues the removal for publication. */
    boolean delete(Criteria scope, String id, Instant at) {
        return mongo.updateFirst(
                                query(new Criteria()
                                        .andOperator(
                                                scope,
                                                where("_id")
                                                        .is(id)
                                                        .and("removed")
                                                        .ne(true))),
                                new Update()
                                        .set("removed", true)
                                        .set("unpublished", true)
                                        .set("updatedAt", at)
                                        .inc("revision", 1L),
                                type)
                        .getModifiedCount()
                > 0;
    }

    @Override
    public List<T> unpublished(int limit) {
        return mongo.find(
                query(where("unpublished").is(true))
                        .with(Sort.by("updatedAt", "_id"))
                        .limit(limit),
                type);
    }

    @Override
    public void published(T document) {
        Query same = query(where("_id").is(document.id()).and("revision").is(document.revision()));
        if (document.removed()) {
            mongo.remove(same, type);
        } else {
            mongo.updateFirst(same, new Update().set("unpublished", false), type);
        }
    }

    @Override
    public long republishAll() {
        return mongo.updateMulti(
                        query(where("removed").ne(true)),
                        new Update().set("unpublished", true).inc("revision", 1L),
                        type)
                .getModifiedCount();
    }
}

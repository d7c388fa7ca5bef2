package io.servicequality.complaint.lifecycle;

import static org.springframework.data.mongodb.core.FindAndModifyOptions.options;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A lease on a named job, held by one instance at a time: one document in {@code leases}, taken or renewed by a
 * single atomic find-and-modify that matches only when the lease is free, expired, or already ours. When two
 * instances race for a free lease that does not exist yet, both upsert the same {@code _id} and the loser gets a
 * duplicate key.
 */
class TimerLease {

    static final String COLLECTION = "leases";

    private final MongoOperations mongo;
    private final String name;
    private final String holder;
    private final Duration timeout;
    private final Clock clock;

    TimerLease(MongoOperations mongo, String name, String holder, Duration timeout, Clock clock) {
        this.mongo = mongo;
        this.name = name;
        this.holder = holder;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Takes or renews the lease; false while another holder's lease runs. */
    boolean acquire() {
        Instant now = clock.instant();
        Criteria freeOrOurs = where("_id")
                .is(name)
                .orOperator(where("holder").is(holder), where("until").lte(Date.from(now)));
        Update take = new Update()
                .set("holder", holder)
                .set("until", Date.from(now.plus(timeout)))
                .set("renewedAt", Date.from(now));
        try {
            Document lease = mongo.findAndModify(
                    query(freeOrOurs), take, options().upsert(true).returnNew(true), Document.class, COLLECTION);
            return lease != null && holder.equals(lease.getString("holder"));
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Gives the lease up, so that another instance takes over at once instead of after the timeout. */
    void release() {
        mongo.updateFirst(
                query(where("_id").is(name).and("holder").is(holder)),
                new Update().set("until", Date.from(clock.instant())),
                COLLECTION);
    }

    String holder() {
        return holder;
    }
}

package io.servicequality.complaint.lifecycle;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Gives each new complaint the next free number of its branch and month: {@code {branchCode}-{yyyyMM}-{serial}}.
 *
 * <p>Gap-free and unique without transactions: the serial is one more than the highest stored one, and the insert is
 * guarded by the unique (tenant, branch, month, serial) index. Losing that race to a concurrent opening (here or on
 * another instance) is a duplicate-key error, which stores nothing and so uses no number; the opening is retried with
 * the new highest serial.
 */
@Component
class ComplaintNumbering {

    private static final Logger log = LoggerFactory.getLogger(ComplaintNumbering.class);

    private final MongoOperations mongo;
    private final int maxAttempts;

    /** The highest serial known to be taken per tenant, branch and month: where the next numbering starts looking. */
    private final Map<String, Integer> knownSerials = new ConcurrentHashMap<>();

    ComplaintNumbering(MongoOperations mongo, NumberingProperties properties) {
        this.mongo = mongo;
        this.maxAttempts = properties.maxAttempts();
    }

    /**
     * Inserts a complaint under the next free number of the branch's month of {@code openedAt}.
     *
     * @param insert inserts the complaint under the number it is given; throws {@link DuplicateKeyException} when
     *     another opening took the number first
     * @return what {@code insert} returned for the number it stored the complaint under
     * @throws NumberingContentionException after {@code sqp.complaints.numbering.max-attempts} lost races
     */
    <T> T insertNumbered(String tenantId, String branchId, Instant openedAt, Function<ComplaintNumber, T> insert) {
        String month = ComplaintNumber.monthOf(openedAt);
        String key = serialKey(tenantId, branchId, month);
        Integer known = knownSerials.get(key);
        int taken = known == null ? 0 : known;
        // this instance numbered the branch's month before: the serial after its last one is free unless another
        // instance took it, which the unique index tells; so try it without asking the store first
        boolean tryNextToKnown = known != null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            int highest = tryNextToKnown ? taken : highestSerialFrom(tenantId, branchId, month, taken);
            tryNextToKnown = false;
            ComplaintNumber number = ComplaintNumber.following(branchId, openedAt, highest);
            try {
                T inserted = insert.apply(number);
                knownSerials.merge(key, number.serial(), Math::max);
                return inserted;
            } catch (DuplicateKeyException e) {
                taken = number.serial();
                log.debug("Serial {} was taken concurrently (attempt {}), retrying", number, attempt);
            }
        }
        throw new NumberingContentionException(branchId, maxAttempts);
    }

    /**
     * The highest serial the branch used in the month (0 if none yet), found from {@code taken}, a serial known to be
     * used (or 0), by index lookups only: doubling steps while serials are used, then bisecting. Serials are gap-free
     * (a failed insert uses none), so the first free serial above {@code taken} follows the highest one; were there a
     * gap, the result would be the serial before it, whose successor is free all the same — the unique index decides.
     */
    private int highestSerialFrom(String tenantId, String branchId, String month, int taken) {
        int used = Math.max(taken, 0);
        int step = 1;
        while (serialUsed(tenantId, branchId, month, used + step)) {
            used += step;
            step *= 2;
        }
        // used is taken (or 0) and used + step is free: bisect in between
        int free = used + step;
        while (free - used > 1) {
            int middle = used + (free - used) / 2;
            if (serialUsed(tenantId, branchId, month, middle)) {
                used = middle;
            } else {
                free = middle;
            }
        }
        return used;
    }

    /**
     * Whether the number is taken: an equality match on exactly the fields of the unique numbering index, reading at
     * most one document's {@code _id}.
     */
    private boolean serialUsed(String tenantId, String branchId, String month, int serial) {
        Query number = query(where("tenantId")
                        .is(tenantId)
                        .and("branchId")
                        .is(branchId)
                        .and("month")
                        .is(month)
                        .and("serial")
                        .is(serial))
                .limit(1);
        number.fields().include("_id");
        return !mongo.find(number, Document.class, Complaint.COLLECTION).isEmpty();
    }

    private static String serialKey(String tenantId, String branchId, String month) {
        return tenantId + '\n' + branchId + '\n' + month;
    }
}

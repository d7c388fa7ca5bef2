package io.servicequality.reporting.bucket;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * "Keep the newest" writes of one document without scanning: read the stored revision by id, then replace exactly
 * that revision (the filter {@code {_id, <revision field>}} is backed by a unique index on those two fields, the only
 * kind of index the embedded store uses for a compound filter) or insert when none is stored. A lost race (the
 * revision moved, or another writer inserted first) re-reads and decides again, so a newer stored revision is never
 * overwritten and an equal or older update changes nothing.
 */
final class StoredRevisions {

    private StoredRevisions() {}

    static boolean storeIfNewer(
            MongoOperations mongo, String collection, String id, String revisionField, long revision, Object document) {
        while (true) {
            var byId = query(where("_id").is(id));
            byId.fields().include(revisionField);
            Document stored = mongo.findOne(byId, Document.class, collection);
            if (stored == null) {
                try {
                    mongo.insert(document, collection);
                    return true;
                } catch (DuplicateKeyException insertedMeanwhile) {
                    continue;
                }
            }
            long storedRevision = ((Number) stored.get(revisionField)).longValue();
            if (storedRevision >= revision) {
                return false;
            }
            var sameRevision = query(where("_id").is(id).and(revisionField).is(storedRevision));
            if (mongo.replace(sameRevision, document, collection).getModifiedCount() > 0) {
                return true;
            }
        }
    }
}

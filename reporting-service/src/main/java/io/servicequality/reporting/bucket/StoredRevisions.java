package io.servicequality.reporting.bucket;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Compare-and-set writes of many documents in one unordered bulk: each document replaces exactly the revision the
 * writer last saw stored (the filter {@code {_id, <revision field>}}, found by {@code _id}), or is inserted when the
 * writer saw none.
 * When another writer got there first (a replacement that matched nothing, or an insert refused as a duplicate), the
 * caller re-reads those documents and decides again: a newer stored revision is never overwritten.
 */
final class StoredRevisions {

    private static final int DUPLICATE_KEY = 11000;

    /** No revision of the document is known to be stored: insert it. */
    static final long NONE = -1;

    /**
     * One document to write.
     *
     * @param expected the revision the writer saw stored, or {@link #NONE}
     */
    record Write(String id, long expected, Document document) {}

    private StoredRevisions() {}

    /**
     * Writes all, in one bulk.
     *
     * @return whether every write went through; {@code false} when at least one met a revision it did not expect
     */
    static boolean writeAll(MongoOperations mongo, String collection, String revisionField, List<Write> writes) {
        if (writes.isEmpty()) {
            return true;
        }
        List<WriteModel<Document>> models = new ArrayList<>(writes.size());
        int replacements = 0;
        for (Write write : writes) {
            if (write.expected() == NONE) {
                models.add(new InsertOneModel<>(write.document()));
            } else {
                replacements++;
                models.add(new ReplaceOneModel<>(
                        new Document("_id", write.id()).append(revisionField, write.expected()), write.document()));
            }
        }
        try {
            BulkWriteResult result =
                    mongo.getCollection(collection).bulkWrite(models, new BulkWriteOptions().ordered(false));
            return result.getMatchedCount() == replacements
                    && result.getInsertedCount() == writes.size() - replacements;
        } catch (MongoBulkWriteException partly) {
            for (BulkWriteError error : partly.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw partly;
                }
            }
            return false;
        }
    }

    /** The stored documents with these ids (those that exist), by id, in one query. */
    static Map<String, Document> byIds(MongoOperations mongo, String collection, Collection<String> ids) {
        Map<String, Document> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        for (Document document : mongo.find(Query.query(Criteria.where("_id").in(ids)), Document.class, collection)) {
            found.put(document.getString("_id"), document);
        }
        return found;
    }
}

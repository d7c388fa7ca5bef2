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
import java.util.function.Supplier;
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
     * How many documents one bulk carries. A flush of the read model under load writes hundreds of buckets, each a
     * tree of a few hundred values once converted; built all at once they outlived several young collections, were
     * promoted and filled the old generation (full collections of a second every few seconds, measured at 200
     * events/s on a 384 MB heap: docs/benchmarks.md). Built and written a bulk at a time, at most this many exist.
     */
    static final int DOCUMENTS_PER_BULK = 100;

    /**
     * One document to write.
     *
     * @param expected the revision the writer saw stored, or {@link #NONE}
     * @param document builds the document when its bulk is written (from an immutable snapshot taken by the writer)
     */
    record Write(String id, long expected, Supplier<Document> document) {}

    private StoredRevisions() {}

    /**
     * Writes all, in unordered bulks of at most {@link #DOCUMENTS_PER_BULK}; each bulk's documents are built just before
     * it is sent. A bulk whose writes met revisions they did not expect does not stop the others.
     *
     * @return whether every write went through; {@code false} when at least one met a revision it did not expect
     */
    static boolean writeAll(MongoOperations mongo, String collection, String revisionField, List<Write> writes) {
        boolean allWritten = true;
        for (int from = 0; from < writes.size(); from += DOCUMENTS_PER_BULK) {
            List<Write> bulk = writes.subList(from, Math.min(writes.size(), from + DOCUMENTS_PER_BULK));
            allWritten &= writeBulk(mongo, collection, revisionField, bulk);
        }
        return allWritten;
    }

    private static boolean writeBulk(
            MongoOperations mongo, String collection, String revisionField, List<Write> writes) {
        List<WriteModel<Document>> models = new ArrayList<>(writes.size());
        int replacements = 0;
        for (Write write : writes) {
            if (write.expected() == NONE) {
                models.add(new InsertOneModel<>(write.document().get()));
            } else {
                replacements++;
                models.add(new ReplaceOneModel<>(
                        new Document("_id", write.id()).append(revisionField, write.expected()),
                        write.document().get()));
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

package io.servicequality.reporting.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import io.servicequality.reporting.bucket.StoredRevisions.Write;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The read model's compare-and-set writes, a bulk at a time, on the embedded store. */
class StoredRevisionsIT {

    private static final String COLLECTION = "revisioned";
    private static final int WRITES = 2 * StoredRevisions.DOCUMENTS_PER_BULK + 37;

    @RegisterExtension
    static final InMemoryStore STORE = new InMemoryStore();

    private MongoTemplate mongo;
    private int database;

    @BeforeEach
    void freshDatabase() {
        mongo = new MongoTemplate(STORE.client(), "revisions" + (++database) + System.nanoTime());
        mongo.createCollection(COLLECTION);
    }

    /**
     * Each document is built just before its bulk is sent: when the n-th is built, exactly the bulks before its own are
     * stored — so a flush never holds more than one bulk of converted documents.
     */
    @Test
    void documentsAreBuiltAndWrittenABulkAtATime() {
        List<Long> storedWhenBuilt = new ArrayList<>();
        List<Write> writes = new ArrayList<>();
        for (int i = 0; i < WRITES; i++) {
            String id = "bucket-" + i;
            writes.add(new Write(id, StoredRevisions.NONE, () -> {
                storedWhenBuilt.add(mongo.getCollection(COLLECTION).countDocuments());
                return new Document("_id", id).append("revision", 1L);
            }));
        }

        assertThat(StoredRevisions.writeAll(mongo, COLLECTION, "revision", writes))
                .isTrue();

        assertThat(mongo.getCollection(COLLECTION).countDocuments()).isEqualTo(WRITES);
        for (int i = 0; i < WRITES; i++) {
            long bulksBefore = i / StoredRevisions.DOCUMENTS_PER_BULK;
            assertThat(storedWhenBuilt.get(i))
                    .as("documents stored when the %d-th was built", i)
                    .isEqualTo(bulksBefore * StoredRevisions.DOCUMENTS_PER_BULK);
        }
    }

    /** A write that meets a revision it did not expect fails the call, but every other bulk is still written. */
    @Test
    void aConflictInOneBulkLeavesTheOthersWrittenAndIsReported() {
        List<Write> writes = new ArrayList<>();
        for (int i = 0; i < WRITES; i++) {
            writes.add(write("bucket-" + i, StoredRevisions.NONE, 1));
        }
        assertThat(StoredRevisions.writeAll(mongo, COLLECTION, "revision", writes))
                .isTrue();

        List<Write> next = new ArrayList<>();
        for (int i = 0; i < WRITES; i++) {
            // bucket-5 was written meanwhile by someone else: this writer still expects revision 0
            next.add(write("bucket-" + i, i == 5 ? 0 : 1, 2));
        }
        assertThat(StoredRevisions.writeAll(mongo, COLLECTION, "revision", next))
                .isFalse();

        for (int i = 0; i < WRITES; i++) {
            Document stored = mongo.getCollection(COLLECTION)
                    .find(new Document("_id", "bucket-" + i))
                    .first();
            assertThat(stored.getLong("revision")).as("bucket-" + i).isEqualTo(i == 5 ? 1L : 2L);
        }
    }

    private static Write write(String id, long expected, long revision) {
        return new Write(id, expected, () -> new Document("_id", id).append("revision", revision));
    }
}

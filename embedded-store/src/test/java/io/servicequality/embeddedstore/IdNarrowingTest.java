package io.servicequality.embeddedstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.backend.IndexKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code _id} index answers a compare-and-set filter such as {@code {_id, version}} by its {@code _id}, so the
 * services need no unique index on exactly those fields (which a real MongoDB would only rewrite on every write).
 */
class IdNarrowingTest {

    @TempDir
    Path directory;

    @Test
    void theIdIndexTakesAQueryWithAPlainIdAndMoreFieldsButNoOtherIndexOrIdOperator() {
        MVStore store = MVStore.open(null);
        var id = new TypedKeyUniqueIndex(
                store.openMap("id", TypedKeyUniqueIndex.mapBuilder()),
                "_id_",
                List.of(new IndexKey("_id", true)),
                false);
        var other = new TypedKeyUniqueIndex(
                store.openMap("k", TypedKeyUniqueIndex.mapBuilder()), "k_1", List.of(new IndexKey("k", true)), false);

        var compareAndSet = new de.bwaldvogel.mongo.bson.Document("_id", "B-1").append("version", 3L);
        assertThat(id.canHandle(compareAndSet)).isTrue();
        assertThat(id.idPartOf(compareAndSet)).isEqualTo(new de.bwaldvogel.mongo.bson.Document("_id", "B-1"));
        assertThat(id.canHandle(new de.bwaldvogel.mongo.bson.Document(
                                "_id", new de.bwaldvogel.mongo.bson.Document("$in", List.of("B-1", "B-2")))
                        .append("version", 3L)))
                .isFalse();
        assertThat(other.canHandle(new de.bwaldvogel.mongo.bson.Document("k", 1).append("version", 3L)))
                .isFalse();
        store.close();
    }

    @Test
    void compareAndSetWritesByIdAndVersionMatchOnlyTheCurrentVersion() throws Exception {
        try (EmbeddedStore store = EmbeddedStore.onFile(directory.resolve("cas.mv"), "127.0.0.1", 0, 100, 16);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> buckets = client.getDatabase("db").getCollection("buckets");
            for (int i = 0; i < 200; i++) {
                buckets.insertOne(
                        new Document("_id", "B-" + i).append("version", 1L).append("n", i));
            }

            var current = buckets.replaceOne(
                    Filters.and(Filters.eq("_id", "B-7"), Filters.eq("version", 1L)),
                    new Document("_id", "B-7").append("version", 2L).append("n", 70));
            var stale = buckets.replaceOne(
                    Filters.and(Filters.eq("_id", "B-7"), Filters.eq("version", 1L)),
                    new Document("_id", "B-7").append("version", 2L).append("n", -1));

            assertThat(current.getMatchedCount()).isEqualTo(1);
            assertThat(stale.getMatchedCount()).isZero();
            assertThat(buckets.find(Filters.eq("_id", "B-7")).first().getInteger("n"))
                    .isEqualTo(70);
            assertThat(buckets.find(new Document("_id", "B-8").append("version", 1L))
                            .into(new ArrayList<>()))
                    .hasSize(1);
            assertThat(buckets.find(new Document("_id", "B-8").append("version", 5L))
                            .into(new ArrayList<>()))
                    .isEmpty();
            assertThat(buckets.find(new Document("_id", new Document("$in", List.of("B-1", "B-2")))
                                    .append("version", 1L))
                            .into(new ArrayList<>()))
                    .hasSize(2);
        }
    }
}

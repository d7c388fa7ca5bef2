package io.servicequality.embeddedstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class EmbeddedStoreTest {

    /** The exactly-once designs (scoring's guarded bucket upserts) rely on single-document atomicity. */
    @Test
    void concurrentIncrementsOnOneDocumentAreNeverLost() throws Exception {
        int writers = 8;
        int incrementsEach = 200;
        try (EmbeddedStore store = EmbeddedStore.inMemory();
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> counters = client.getDatabase("test").getCollection("counters");
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < incrementsEach; i++) {
                        counters.updateOne(
                                Filters.eq("_id", "bucket"),
                                Updates.combine(Updates.inc("count", 1), Updates.inc("revision", 1)),
                                new UpdateOptions().upsert(true));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();

            Document bucket = counters.find(Filters.eq("_id", "bucket")).first();
            assertThat(bucket.getInteger("count")).isEqualTo(writers * incrementsEach);
            assertThat(bucket.getInteger("revision")).isEqualTo(writers * incrementsEach);
        }
    }

    @Test
    void answersTheHelloCommandThatHealthChecksSend() {
        try (EmbeddedStore store = EmbeddedStore.inMemory();
                MongoClient client = MongoClients.create(store.connectionString())) {
            Document answer = client.getDatabase("admin").runCommand(new Document("hello", 1));

            assertThat(answer.get("ok")).isIn(1, 1.0);
            assertThat(answer.getInteger("maxWireVersion")).isPositive();
        }
    }
}

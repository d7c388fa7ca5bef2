package io.servicequality.embeddedstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local run's file store: documents survive a restart unchanged, and files of the plain backend are converted. */
class FileStoreTest {

    @TempDir
    Path directory;

    @Test
    void everyValueTypeTheServicesStoreReadsBackUnchangedAfterARestart() throws Exception {
        Path file = directory.resolve("store.mv");
        Document written = sample();
        try (EmbeddedStore store = EmbeddedStore.onFile(file, "127.0.0.1", 0, 100, 16);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("db").getCollection("things");
            things.createIndex(Indexes.ascending("tenantId", "eventId"), new IndexOptions().unique(true));
            things.insertOne(written);
            things.updateOne(Filters.eq("_id", "a"), Updates.inc("count", 2L));
        }

        try (EmbeddedStore store = EmbeddedStore.onFile(file, "127.0.0.1", 0, 100, 16);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("db").getCollection("things");
            Document read = things.find(Filters.eq("_id", "a")).first();
            assertThat(read).isEqualTo(new Document(written).append("count", 42L));
            // the unique index still guards after the restart
            Document duplicate =
                    new Document("_id", "b").append("tenantId", "acme").append("eventId", "e-1");
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> things.insertOne(duplicate)))
                    .hasMessageContaining("E11000");
        }
    }

    /**
     * Unique indexes keep their keys in {@link IndexKeyType}'s order and encoding: for every type of value the services
     * index, a second document with an equal key is refused (1, 1L and 1.0 are one key, as on MongoDB), a lookup by
     * the indexed field finds its document, and both hold after a restart.
     */
    @Test
    void uniqueIndexesOnEveryKeyTypeFindAndRefuseDuplicatesAcrossARestart() throws Exception {
        Path file = directory.resolve("keys.mv");
        List<Object> keys = List.of(
                "SH-001",
                "服务",
                7,
                2.5,
                -3L,
                true,
                new Date(1_763_630_000_000L),
                new ObjectId("6740a8c2f1b2c3d4e5f60718"),
                new Document("branch", "SH-001").append("hour", 9),
                List.of("a", 1),
                new Binary(new byte[] {1, 2, 3}),
                Decimal128.parse("1.25"));
        for (int restart = 0; restart < 2; restart++) {
            try (EmbeddedStore store = EmbeddedStore.onFile(file, "127.0.0.1", 0, 100, 16);
                    MongoClient client = MongoClients.create(store.connectionString())) {
                MongoCollection<Document> things = client.getDatabase("db").getCollection("keyed");
                if (restart == 0) {
                    things.createIndex(Indexes.ascending("k"), new IndexOptions().unique(true));
                    for (Object key : keys) {
                        things.insertOne(new Document("k", key));
                    }
                    things.insertOne(new Document("other", "no k at all"));
                }
                for (Object key : keys) {
                    assertThat(things.find(Filters.eq("k", key)).into(new java.util.ArrayList<>()))
                            .as("lookup of %s", key)
                            .hasSize(1);
                    assertThat(org.assertj.core.api.Assertions.catchThrowable(
                                    () -> things.insertOne(new Document("k", key))))
                            .as("duplicate of %s", key)
                            .hasMessageContaining("E11000");
                }
                for (Object sameAsSeven : List.of(7L, 7.0)) {
                    assertThat(org.assertj.core.api.Assertions.catchThrowable(
                                    () -> things.insertOne(new Document("k", sameAsSeven))))
                            .hasMessageContaining("E11000");
                }
                assertThat(org.assertj.core.api.Assertions.catchThrowable(
                                () -> things.insertOne(new Document("other", "no k either"))))
                        .hasMessageContaining("E11000");
                things.insertOne(new Document("k", "new-" + restart));
                assertThat(things.countDocuments()).isEqualTo(keys.size() + 2 + restart);
            }
        }
    }

    @Test
    void aFileWrittenByThePlainBackendIsConvertedOnceAndKeepsEveryDocument() throws Exception {
        Path file = directory.resolve("old.mv");
        H2Backend plain = new H2Backend(file.toString());
        MongoServer oldServer = new MongoServer(plain);
        var address = oldServer.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            MongoCollection<Document> things = client.getDatabase("db").getCollection("things");
            things.createIndex(Indexes.ascending("n"), new IndexOptions().unique(true));
            for (int i = 0; i < 50; i++) {
                things.insertOne(new Document("_id", "doc-" + i).append("n", i).append("nested", sample()));
            }
        }
        oldServer.shutdown();
        plain.close();

        for (int restart = 0; restart < 2; restart++) {
            try (EmbeddedStore store = EmbeddedStore.onFile(file, "127.0.0.1", 0, 100, 16);
                    MongoClient client = MongoClients.create(store.connectionString())) {
                MongoCollection<Document> things = client.getDatabase("db").getCollection("things");
                assertThat(things.countDocuments()).isEqualTo(50 + restart);
                assertThat(things.find(Filters.eq("_id", "doc-7")).first().get("nested", Document.class))
                        .isEqualTo(sample());
                // the unique index, converted to typed keys, still finds and guards
                assertThat(things.find(Filters.eq("n", 33)).first().getString("_id"))
                        .isEqualTo("doc-33");
                assertThat(org.assertj.core.api.Assertions.catchThrowable(
                                () -> things.insertOne(new Document("_id", "again").append("n", 12))))
                        .hasMessageContaining("E11000");
                things.insertOne(new Document("_id", "new-" + restart).append("n", 100 + restart));
            }
        }
    }

    /**
     * MVStore writes pages in the background while writers go on, and the server changes stored documents in place:
     * under concurrent inserts and in-place updates with frequent commits the store keeps working, and after a restart
     * it holds every insert it acknowledged. (When documents were kept decoded, the background encoder met documents
     * being changed and, before it started over, closed the store; {@link EncodedCollection} keeps them as bytes that
     * never change.)
     */
    @Test
    void concurrentWritersWithFrequentBackgroundCommitsKeepEveryAcknowledgedWrite() throws Exception {
        Path file = directory.resolve("busy.mv");
        int writers = 4;
        int writesEach = 600;
        java.util.concurrent.atomic.AtomicInteger acknowledged = new java.util.concurrent.atomic.AtomicInteger();
        List<String> refusals = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (EmbeddedStore store = EmbeddedStore.onFile(file, "127.0.0.1", 0, 1, 16);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("db").getCollection("busy");
            var pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < writesEach; i++) {
                        try {
                            things.insertOne(new Document("_id", writer + "-" + i)
                                    .append("writer", writer)
                                    .append("nested", sample().append("_id", null)));
                            acknowledged.incrementAndGet();
                            // updated in place by the server: documents the background encoder may be writing
                            things.updateOne(
                                    Filters.eq("_id", "counter-" + writer),
                                    Updates.combine(Updates.inc("n", 1), Updates.push("last", i)),
                                    new com.mongodb.client.model.UpdateOptions().upsert(true));
                            things.find(Filters.eq("_id", "counter-" + writer))
                                    .projection(com.mongodb.client.model.Projections.include("n"))
                                    .first();
                            things.findOneAndUpdate(
                                    Filters.eq("_id", "counter-" + writer),
                                    Updates.combine(Updates.set("claim", "c" + i), Updates.pull("last", i)),
                                    new com.mongodb.client.model.FindOneAndUpdateOptions()
                                            .returnDocument(com.mongodb.client.model.ReturnDocument.AFTER));
                            things.updateOne(Filters.eq("_id", "counter-" + writer), Updates.unset("claim"));
                            things.replaceOne(
                                    Filters.eq("_id", "replaced-" + writer),
                                    new Document("v", i).append("nested", sample().append("_id", null)),
                                    new com.mongodb.client.model.ReplaceOptions().upsert(true));
                        } catch (com.mongodb.MongoException refused) {
                            // the library's H2 backend rarely refuses a write under this much concurrency ("Can not
                            // compare", seen with its plain backend too); what matters here is that nothing is lost
                            refusals.add(refused.getMessage());
                        }
                    }
                }));
            }
            for (var future : done) {
                future.get(120, java.util.concurrent.TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(refusals).allSatisfy(refusal -> assertThat(refusal).doesNotContain("closed"));
            assertThat(refusals.size()).isLessThan(writers * writesEach / 100);
            assertThat(things.countDocuments(Filters.exists("writer"))).isEqualTo(acknowledged.get());
        }
        try (EmbeddedStore store = EmbeddedStore.onFile(file, "127.0.0.1", 0, 100, 16);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("db").getCollection("busy");
            assertThat(things.countDocuments(Filters.exists("writer"))).isEqualTo(acknowledged.get());
            assertThat(things.find(Filters.eq("_id", "counter-2")).first()).containsKey("n");
        }
    }

    /**
     * Files written while documents were stored by the previous value type (a varint length, then the BSON, decoded
     * into the page cache) read back unchanged: the format is the same, so nothing is converted.
     */
    @Test
    void aFileOfThePreviousDocumentTypeReadsBackWithoutConversion() throws Exception {
        Path file = directory.resolve("previous.mv");
        de.bwaldvogel.mongo.bson.Document stored = new de.bwaldvogel.mongo.bson.Document("_id", "doc-1")
                .append("n", 1L)
                .append("nested", new de.bwaldvogel.mongo.bson.Document("text", "服务质量"));
        try (EmbeddedStore store = EmbeddedStore.onFile(file, "127.0.0.1", 0, 100, 16);
                MongoClient client = MongoClients.create(store.connectionString())) {
            // the collection, its _id index and the document's key as the store records them
            client.getDatabase("db").getCollection("things").insertOne(new Document("_id", "doc-1"));
        }
        var previousType = new org.h2.mvstore.type.BasicDataType<de.bwaldvogel.mongo.bson.Document>() {
            @Override
            public int getMemory(de.bwaldvogel.mongo.bson.Document document) {
                return 1024;
            }

            @Override
            public void write(org.h2.mvstore.WriteBuffer buffer, de.bwaldvogel.mongo.bson.Document document) {
                io.netty.buffer.ByteBuf encoded = io.netty.buffer.Unpooled.buffer();
                de.bwaldvogel.mongo.wire.bson.BsonEncoder.encodeDocument(document, encoded);
                byte[] bytes = new byte[encoded.readableBytes()];
                encoded.readBytes(bytes);
                buffer.putVarInt(bytes.length).put(bytes);
            }

            @Override
            public de.bwaldvogel.mongo.bson.Document read(java.nio.ByteBuffer buffer) {
                byte[] bytes = new byte[org.h2.mvstore.DataUtils.readVarInt(buffer)];
                buffer.get(bytes);
                return de.bwaldvogel.mongo.wire.bson.BsonDecoder.decodeBson(
                        io.netty.buffer.Unpooled.wrappedBuffer(bytes));
            }

            @Override
            public de.bwaldvogel.mongo.bson.Document[] createStorage(int size) {
                return new de.bwaldvogel.mongo.bson.Document[size];
            }
        };
        // the collection's data map, written again as the previous version wrote it
        org.h2.mvstore.MVStore mvStore =
                new org.h2.mvstore.MVStore.Builder().fileName(file.toString()).open();
        mvStore.removeMap(StoreFormat.dataMapName("db.things"));
        mvStore.openMap(
                        StoreFormat.dataMapName("db.things"),
                        new org.h2.mvstore.MVMap.Builder<Object, de.bwaldvogel.mongo.bson.Document>()
                                .valueType(previousType))
                .put("doc-1", stored);
        mvStore.close();

        try (EmbeddedStore store = EmbeddedStore.onFile(file, "127.0.0.1", 0, 100, 16);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("db").getCollection("things");
            assertThat(things.find(Filters.eq("_id", "doc-1")).first())
                    .isEqualTo(new Document("_id", "doc-1")
                            .append("n", 1L)
                            .append("nested", new Document("text", "服务质量")));
        }
    }

    /**
     * A collection's size (collStats, dbStats) is that of its documents' BSON, kept from the encoded lengths through
     * inserts, updates, replacements and deletes, and across a restart.
     */
    @Test
    void theSizeOfACollectionIsThatOfItsDocumentsThroughEveryKindOfWrite() throws Exception {
        Path file = directory.resolve("sizes.mv");
        try (EmbeddedStore store = EmbeddedStore.onFile(file, "127.0.0.1", 0, 100, 16);
                MongoClient client = MongoClients.create(store.connectionString())) {
            var database = client.getDatabase("db");
            MongoCollection<Document> things = database.getCollection("things");
            for (int i = 0; i < 20; i++) {
                things.insertOne(new Document("_id", "doc-" + i).append("n", i).append("nested", sample()));
            }
            things.updateOne(Filters.eq("_id", "doc-3"), Updates.set("text", "x".repeat(1000)));
            things.replaceOne(Filters.eq("_id", "doc-4"), new Document("small", true));
            things.deleteOne(Filters.eq("_id", "doc-5"));
            things.findOneAndUpdate(Filters.eq("_id", "doc-6"), Updates.unset("nested"));
            assertThat(collectionSize(database)).isEqualTo(encodedSize(things)).isPositive();
        }
        try (EmbeddedStore store = EmbeddedStore.onFile(file, "127.0.0.1", 0, 100, 16);
                MongoClient client = MongoClients.create(store.connectionString())) {
            var database = client.getDatabase("db");
            assertThat(collectionSize(database)).isEqualTo(encodedSize(database.getCollection("things")));
        }
    }

    private static long collectionSize(com.mongodb.client.MongoDatabase database) {
        return database.runCommand(new Document("collStats", "things"))
                .get("size", Number.class)
                .longValue();
    }

    private static long encodedSize(MongoCollection<Document> collection) {
        long size = 0;
        for (org.bson.RawBsonDocument document :
                collection.withDocumentClass(org.bson.RawBsonDocument.class).find()) {
            size += document.getByteBuffer().remaining();
        }
        return size;
    }

    private static Document sample() {
        return new Document("_id", "a")
                .append("tenantId", "acme")
                .append("eventId", "e-1")
                .append("int", 7)
                .append("count", 40L)
                .append("double", 1.0 / 3)
                .append("decimal", Decimal128.parse("12.345"))
                .append("flag", true)
                .append("nothing", null)
                .append("at", new Date(1_763_630_000_000L))
                .append("objectId", new ObjectId("6740a8c2f1b2c3d4e5f60718"))
                .append(
                        "uuid",
                        UUID.fromString("0b9d3c1e-6f3a-4c55-9d7e-2a1f0c9e4b11").toString())
                .append("bytes", new Binary(new byte[] {1, 2, 3}))
                .append("text", "服务质量 — 中文")
                .append("list", List.of(1, "two", new Document("three", 3.0)))
                .append(
                        "statistics",
                        new Document("csat", new Document("n", 3L).append("sum", 12L))
                                .append("histogram", new Document("12", 4L).append("15", 1L)));
    }
}

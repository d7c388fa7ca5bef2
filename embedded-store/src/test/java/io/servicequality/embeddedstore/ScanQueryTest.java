package io.servicequality.embeddedstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file store answers a scanning query by first decoding only the fields the query names
 * ({@link EncodedCollection#queriedFields}): for every kind of condition the services and a user could write, it
 * returns what the library's own in-memory backend returns for the same documents.
 */
class ScanQueryTest {

    @TempDir
    Path directory;

    private static final Map<String, Function<MongoCollection<Document>, FindIterable<Document>>> QUERIES =
            Map.ofEntries(
                    Map.entry("everything", c -> c.find()),
                    Map.entry("equal", c -> c.find(Filters.eq("branchId", "b-3"))),
                    Map.entry(
                            "scoped range",
                            c -> c.find(Filters.and(
                                    Filters.eq("tenantId", "t-1"),
                                    Filters.in("branchId", List.of("b-1", "b-2", "b-7")),
                                    Filters.eq("period", "UTC_DAY"),
                                    Filters.gte("start", new Date(1_000_000L * 20)),
                                    Filters.lt("start", new Date(1_000_000L * 120))))),
                    Map.entry("or", c -> c.find(Filters.or(Filters.eq("n", 3), Filters.gt("score", 0.9)))),
                    Map.entry("nor", c -> c.find(Filters.nor(Filters.eq("tenantId", "t-0"), Filters.lt("n", 4)))),
                    Map.entry("dotted", c -> c.find(Filters.eq("nested.a.b", 2))),
                    Map.entry("dotted into statistics", c -> c.find(Filters.gt("statistics.csat.n", 150L))),
                    Map.entry("missing", c -> c.find(Filters.exists("optional", false))),
                    Map.entry("null", c -> c.find(Filters.eq("optional", null))),
                    Map.entry("array element", c -> c.find(Filters.eq("tags", "red"))),
                    Map.entry("elemMatch", c -> c.find(Filters.elemMatch("items", Filters.gt("q", 7)))),
                    Map.entry("size", c -> c.find(Filters.size("tags", 2))),
                    Map.entry("regex", c -> c.find(Filters.regex("name", "^branch 1"))),
                    Map.entry("not", c -> c.find(Filters.not(Filters.gt("n", 5)))),
                    Map.entry("expr", c -> c.find(Filters.expr(new Document("$gt", List.of("$n", "$m"))))),
                    Map.entry(
                            "sorted and limited",
                            c -> c.find(Filters.gt("n", 2))
                                    .sort(Sorts.orderBy(Sorts.descending("score"), Sorts.ascending("_id")))
                                    .limit(7)),
                    Map.entry(
                            "projected",
                            c -> c.find(Filters.eq("period", "UTC_MONTH"))
                                    .projection(new Document("branchId", 1).append("statistics.csat", 1))));

    @Test
    void everyKindOfScanAnswersAsTheLibrarysOwnBackend() throws Exception {
        List<Document> documents = documents(300);
        try (EmbeddedStore reference = EmbeddedStore.inMemory();
                EmbeddedStore file = EmbeddedStore.onFile(directory.resolve("scan.mv"), "127.0.0.1", 0, 100, 16);
                MongoClient referenceClient = MongoClients.create(reference.connectionString());
                MongoClient fileClient = MongoClients.create(file.connectionString())) {
            MongoCollection<Document> expected =
                    referenceClient.getDatabase("db").getCollection("rollups");
            MongoCollection<Document> actual = fileClient.getDatabase("db").getCollection("rollups");
            expected.insertMany(documents);
            actual.insertMany(documents);
            for (var query : QUERIES.entrySet()) {
                List<Document> answer = query.getValue().apply(actual).into(new ArrayList<>());
                assertThat(answer)
                        .as(query.getKey())
                        .isEqualTo(query.getValue().apply(expected).into(new ArrayList<>()));
                if (!query.getKey().equals("everything")) {
                    assertThat(answer).as(query.getKey() + " selects").hasSizeBetween(1, documents.size() - 1);
                }
            }
            // an update found by a scan changes the document the scan decoded, and only that one
            Bson scoped = Filters.and(Filters.eq("tenantId", "t-1"), Filters.eq("branchId", "b-2"));
            expected.updateMany(scoped, new Document("$inc", new Document("n", 100)));
            actual.updateMany(scoped, new Document("$inc", new Document("n", 100)));
            assertThat(actual.find().sort(Sorts.ascending("_id")).into(new ArrayList<>()))
                    .isEqualTo(expected.find().sort(Sorts.ascending("_id")).into(new ArrayList<>()));
        }
    }

    private static List<Document> documents(int count) {
        Random random = new Random(42);
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Document document = new Document("_id", String.format("doc-%03d", i))
                    .append("tenantId", "t-" + random.nextInt(2))
                    .append("branchId", "b-" + random.nextInt(10))
                    .append("period", random.nextBoolean() ? "UTC_DAY" : "UTC_MONTH")
                    .append("start", new Date(1_000_000L * random.nextInt(200)))
                    .append("n", random.nextInt(10))
                    .append("m", random.nextInt(10))
                    .append("score", random.nextDouble())
                    .append("name", "branch " + random.nextInt(30))
                    .append("nested", new Document("a", new Document("b", random.nextInt(4))))
                    .append("tags", random.nextBoolean() ? List.of("red", "blue") : List.of("green"))
                    .append(
                            "items",
                            List.of(new Document("q", random.nextInt(10)), new Document("q", random.nextInt(10))))
                    .append("statistics", statistics(random));
            if (random.nextInt(3) == 0) {
                document.append("optional", random.nextBoolean() ? null : "present");
            }
            documents.add(document);
        }
        return documents;
    }

    /** A read model's bulk: the part a scan skips by its length. */
    private static Document statistics(Random random) {
        Document histogram = new Document();
        for (int bin = 0; bin < 100; bin++) {
            histogram.append(Integer.toString(bin), (long) random.nextInt(50));
        }
        return new Document("csat", new Document("n", (long) random.nextInt(300)).append("sum", random.nextInt(1500)))
                .append("waitSeconds", new Document("counts", histogram))
                .append("byChannel", List.of(new Document("channel", "BRANCH").append("counts", histogram)));
    }
}

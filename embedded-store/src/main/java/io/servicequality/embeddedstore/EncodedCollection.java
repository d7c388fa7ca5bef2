package io.servicequality.embeddedstore;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.type.ByteArrayDataType;

/**
 * The library's {@code H2Collection} with each document kept encoded, as its BSON bytes, in the data map and in
 * MVStore's page cache, and decoded when the library reads it.
 *
 * <p>Why: the library's collection keeps decoded documents in the map, so the page cache held trees of thousands of
 * small objects per read-model document (~21 KB of BSON each), which every update replaced in the old generation. A
 * profile of the store at 200 events/s (docs/benchmarks.md) found about 30 of its 50 % of a core in the garbage
 * collector, 13 % in G1's concurrent marking alone; the cache could not bound it either, since it counted each decoded
 * document as one kilobyte. Bytes are one object per document, never scanned by the collector, and counted exactly by
 * the cache. A read decodes (microseconds); a query the library answers by scanning first decodes only the fields the
 * query names ({@link #queriedFields}: the read models' documents are mostly their statistics, skipped by length),
 * and the whole document only when those match. A write encodes once, and the size of the collection follows from the
 * encoded lengths instead of the library encoding the old and new document again only to measure them.
 *
 * <p>The bytes of a document never change once stored, so MVStore's background writer never meets a document being
 * changed: the library changes the decoded copy it read and hands it back ({@link #handleUpdate}). The file format is
 * that of the previous value type (a varint length, then the BSON), so files need no conversion.
 */
final class EncodedCollection extends AbstractSynchronizedMongoCollection<Object> {

    private static final String DATA_SIZE_KEY = "dataSize";

    private static final Set<String> LOGICAL_OPERATORS = Set.of("$and", "$or", "$nor");

    private final MVMap<Object, byte[]> dataMap;
    private final MVMap<String, Object> metaMap;

    EncodedCollection(
            MongoDatabase database,
            String collectionName,
            CollectionOptions options,
            MVMap<Object, byte[]> dataMap,
            MVMap<String, Object> metaMap,
            CursorRegistry cursorRegistry) {
        super(database, collectionName, options, cursorRegistry);
        this.dataMap = dataMap;
        this.metaMap = metaMap;
        metaMap.putIfAbsent(DATA_SIZE_KEY, 0L);
    }

    /** Maps of documents stored with this collection. */
    static MVMap.Builder<Object, byte[]> mapBuilder() {
        return new MVMap.Builder<Object, byte[]>().valueType(ByteArrayDataType.INSTANCE);
    }

    /** The size is kept from the encoded lengths at each write ({@link #changeDataSize}), not by encoding again. */
    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    @Override
    protected void updateDataSize(int sizeDelta) {
        changeDataSize(sizeDelta);
    }

    private void changeDataSize(long sizeDelta) {
        if (sizeDelta != 0) {
            synchronized (metaMap) {
                Number value = (Number) metaMap.get(DATA_SIZE_KEY);
                metaMap.put(DATA_SIZE_KEY, value.longValue() + sizeDelta);
            }
        }
    }

    @Override
    protected int getDataSize() {
        return ((Number) metaMap.get(DATA_SIZE_KEY)).intValue();
    }

    @Override
    protected Object addDocumentInternal(Document document) {
        Object key = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField()) : UUID.randomUUID();
        byte[] encoded = BsonBytes.encode(document);
        byte[] previous = dataMap.put(Missing.ofNullable(key), encoded);
        if (previous != null) {
            throw new IllegalStateException("Document with key '" + key + "' already existed in " + this);
        }
        changeDataSize(encoded.length);
        return key;
    }

    @Override
    public int count() {
        return dataMap.size();
    }

    @Override
    public boolean isEmpty() {
        return dataMap.isEmpty();
    }

    @Override
    protected Document getDocument(Object position) {
        byte[] encoded = dataMap.get(position);
        return encoded == null ? null : BsonBytes.decode(encoded);
    }

    @Override
    protected void removeDocument(Object position) {
        byte[] removed = dataMap.remove(position);
        if (removed == null) {
            throw new NoSuchElementException("No document with key " + position);
        }
        changeDataSize(-removed.length);
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return dataMap.entrySet().stream()
                .map(entry -> new DocumentWithPosition<>(BsonBytes.decode(entry.getValue()), entry.getKey()));
    }

    @Override
    protected QueryResult matchDocuments(
            Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
        Stream<Document> documents;
        if (isNaturalDescending(orderBy)) {
            documents = streamAllDocumentsWithPosition()
                    .sorted((left, right) -> ValueComparator.desc().compare(left.getPosition(), right.getPosition()))
                    .map(DocumentWithPosition::getDocument);
        } else {
            Set<String> queried = queriedFields(query);
            Stream<byte[]> candidates = dataMap.values().stream();
            if (queried != null && !queried.isEmpty()) {
                candidates = candidates.filter(
                        encoded -> documentMatchesQuery(BsonBytes.decodeFields(encoded, queried), query));
            }
            documents = candidates.map(BsonBytes::decode);
        }
        return matchDocumentsFromStream(documents, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /**
     * The top-level fields a query reads ({@code a} for {@code a.b}, through {@code $and}, {@code $or} and {@code
     * $nor}), so that a scan decodes only those of each document before it knows it matches; {@code null} when the
     * query may read other fields ({@code $expr}, {@code $where}, {@code $text} …). A document that matches on them is
     * decoded whole and matched again.
     */
    static Set<String> queriedFields(Document query) {
        Set<String> fields = new HashSet<>();
        return collectQueriedFields(query, fields) ? fields : null;
    }

    private static boolean collectQueriedFields(Document query, Set<String> fields) {
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            String key = condition.getKey();
            if (!key.startsWith("$")) {
                int dot = key.indexOf('.');
                fields.add(dot < 0 ? key : key.substring(0, dot));
            } else if (LOGICAL_OPERATORS.contains(key) && condition.getValue() instanceof List<?> clauses) {
                for (Object clause : clauses) {
                    if (!(clause instanceof Document document) || !collectQueriedFields(document, fields)) {
                        return false;
                    }
                }
            } else {
                return false;
            }
        }
        return true;
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        byte[] encoded = BsonBytes.encode(newDocument);
        byte[] previous = dataMap.put(Missing.ofNullable(position), encoded);
        changeDataSize(encoded.length - (previous == null ? 0 : previous.length));
    }
}

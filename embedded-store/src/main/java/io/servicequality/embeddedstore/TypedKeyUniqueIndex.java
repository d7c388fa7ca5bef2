package io.servicequality.embeddedstore;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;

/**
 * A unique index on an MVStore map whose keys are {@link IndexKeyType}: the library's {@code H2UniqueIndex} with the
 * map opened by {@link BsonH2Backend} (that class's constructor is package-private, so it cannot be given a map of
 * another key type). Same map, same operations.
 *
 * <p>One addition, for the {@code _id} index: the library uses a unique index only for a query naming exactly its
 * fields, so a compare-and-set filter such as {@code {_id, version}} read every document of its collection unless the
 * service created a unique index on exactly those fields — an index a real MongoDB only has to rewrite on every write.
 * Here the {@code _id} index also answers a query that has a plain {@code _id} value and more fields: it gives the one
 * document with that {@code _id}, and the library matches the rest of the query on it as usual. So the services declare
 * only the indexes MongoDB needs.
 */
final class TypedKeyUniqueIndex extends AbstractUniqueIndex<Object> {

    private final MVMap<KeyValue, Object> map;

    TypedKeyUniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.map = map;
    }

    /** Maps of index keys stored with {@link IndexKeyType}. */
    static MVMap.Builder<KeyValue, Object> mapBuilder() {
        return new MVMap.Builder<KeyValue, Object>().keyType(IndexKeyType.INSTANCE);
    }

    @Override
    protected Object removeDocument(KeyValue key) {
        return map.remove(key);
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
        return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return map.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue key) {
        return map.get(key);
    }

    @Override
    public long getCount() {
        return map.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        return super.canHandle(query) || idPartOf(query) != null;
    }

    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        if (super.canHandle(query)) {
            return super.getPositions(query);
        }
        return super.getPositions(idPartOf(query));
    }

    /** For the {@code _id} index, a query's plain {@code _id} equality when it names more fields; else {@code null}. */
    Document idPartOf(Document query) {
        if (query.size() < 2 || !query.containsKey("_id") || !keys().equals(List.of("_id"))) {
            return null;
        }
        Object id = query.get("_id");
        if (id instanceof Document operators && operators.keySet().stream().anyMatch(key -> key.startsWith("$"))) {
            return null; // {_id: {$in: …}}, {_id: {$gt: …}}: not one document
        }
        return new Document("_id", id);
    }
}

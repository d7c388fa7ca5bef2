package io.servicequality.embeddedstore;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encoding of a store file, recorded in the file: documents {@code bson} since {@link BsonH2Backend}, absent in
 * files the plain H2 backend wrote (Java serialisation); index keys {@code typed} since {@link IndexKeyType}, absent
 * before. {@link #convert} rewrites what a file lacks once, map by map.
 */
final class StoreFormat {

    private static final Logger log = LoggerFactory.getLogger(StoreFormat.class);

    /** The plain backend's map names, kept so that its metadata and index maps stay valid. */
    private static final String DATA_PREFIX = "databases.";

    private static final String META_PREFIX = "meta.";
    private static final String FORMAT_MAP = "sqp.store-format";
    private static final String FORMAT_KEY = "documents";
    private static final String INDEX_FORMAT_KEY = "indexKeys";
    private static final String INDEX_INFIX = "._index_";
    static final String BSON = "bson";
    static final String TYPED = "typed";

    private StoreFormat() {}

    static String dataMapName(String namespace) {
        return DATA_PREFIX + namespace;
    }

    static String metaMapName(String namespace) {
        return META_PREFIX + namespace;
    }

    /** The plain backend's name of a unique index's map. */
    static String indexMapName(String namespace, String indexName) {
        return namespace + INDEX_INFIX + indexName;
    }

    /** Brings a file written by the plain backend or an earlier version to the current format; a new file is marked. */
    static void convert(MVStore store) {
        MVMap<String, String> format = store.openMap(FORMAT_MAP);
        if (!BSON.equals(format.get(FORMAT_KEY))) {
            convertDocumentsToBson(store);
            format.put(FORMAT_KEY, BSON);
        }
        if (!TYPED.equals(format.get(INDEX_FORMAT_KEY))) {
            convertIndexKeys(store);
            format.put(INDEX_FORMAT_KEY, TYPED);
        }
        store.commit();
    }

    /** Rewrites a file's Java-serialised documents as BSON. */
    private static void convertDocumentsToBson(MVStore store) {
        List<String> dataMaps = store.getMapNames().stream()
                .filter(name -> name.startsWith(DATA_PREFIX))
                .toList();
        for (String name : dataMaps) {
            MVMap<Object, Document> serialised = store.openMap(name);
            List<Map.Entry<Object, Document>> documents = new ArrayList<>(serialised.entrySet());
            store.removeMap(serialised);
            MVMap<Object, byte[]> bson = store.openMap(name, EncodedCollection.mapBuilder());
            documents.forEach(entry -> bson.put(entry.getKey(), BsonBytes.encode(entry.getValue())));
            log.info("converted {} documents of {} to BSON", documents.size(), name.substring(DATA_PREFIX.length()));
        }
    }

    /**
     * Rewrites the unique indexes' maps with {@link IndexKeyType} keys: their order changes with the key type, so the
     * entries are read in the old order and inserted again.
     */
    private static void convertIndexKeys(MVStore store) {
        List<String> indexMaps = store.getMapNames().stream()
                .filter(name -> name.contains(INDEX_INFIX))
                .toList();
        for (String name : indexMaps) {
            MVMap<KeyValue, Object> untyped = store.openMap(name);
            List<Map.Entry<KeyValue, Object>> entries = new ArrayList<>(untyped.entrySet());
            store.removeMap(untyped);
            MVMap<KeyValue, Object> typed = store.openMap(name, TypedKeyUniqueIndex.mapBuilder());
            entries.forEach(entry -> typed.put(entry.getKey(), entry.getValue()));
            log.info("converted {} keys of index {}", entries.size(), name);
        }
    }
}

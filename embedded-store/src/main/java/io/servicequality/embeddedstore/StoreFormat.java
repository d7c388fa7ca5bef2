package io.servicequality.embeddedstore;

import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encoding of a store file's documents, recorded in the file: {@code bson} since {@link BsonH2Backend}; absent in
 * files the plain H2 backend wrote (Java serialisation), which {@link #convertToBson} rewrites once, map by map.
 */
final class StoreFormat {

    private static final Logger log = LoggerFactory.getLogger(StoreFormat.class);

    /** The plain backend's map names, kept so that its metadata and index maps stay valid. */
    private static final String DATA_PREFIX = "databases.";

    private static final String META_PREFIX = "meta.";
    private static final String FORMAT_MAP = "sqp.store-format";
    private static final String FORMAT_KEY = "documents";
    static final String BSON = "bson";

    private StoreFormat() {}

    static String dataMapName(String namespace) {
        return DATA_PREFIX + namespace;
    }

    static String metaMapName(String namespace) {
        return META_PREFIX + namespace;
    }

    /** Rewrites a file's Java-serialised documents as BSON, once; a new or already converted file is left alone. */
    static void convertToBson(MVStore store) {
        MVMap<String, String> format = store.openMap(FORMAT_MAP);
        if (BSON.equals(format.get(FORMAT_KEY))) {
            return;
        }
        List<String> dataMaps = store.getMapNames().stream()
                .filter(name -> name.startsWith(DATA_PREFIX))
                .toList();
        for (String name : dataMaps) {
            MVMap<Object, Document> serialised = store.openMap(name);
            List<Map.Entry<Object, Document>> documents = new ArrayList<>(serialised.entrySet());
            store.removeMap(serialised);
            MVMap<Object, Document> bson =
                    store.openMap(name, new MVMap.Builder<Object, Document>().valueType(BsonDocumentType.INSTANCE));
            documents.forEach(entry -> bson.put(entry.getKey(), entry.getValue()));
            log.info("converted {} documents of {} to BSON", documents.size(), name.substring(DATA_PREFIX.length()));
        }
        format.put(FORMAT_KEY, BSON);
        store.commit();
    }
}

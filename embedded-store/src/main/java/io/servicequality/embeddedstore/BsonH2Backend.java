package io.servicequality.embeddedstore;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 file backend with documents stored as BSON instead of Java serialisation.
 *
 * <p>Why: profiling the local stack under load (JFR, docs/benchmarks.md) found the store process spending about 60 % of
 * its CPU in {@code ObjectOutputStream}/{@code ObjectInputStream}, because H2's MVStore serialises values of a type it
 * does not know (the library's {@code Document}) with Java serialisation. The library's own BSON codec (the one that
 * reads and writes the wire protocol) encodes the same documents in a fraction of the time; the backend's collection
 * factory is {@code protected}: each collection keeps its documents as BSON bytes ({@link EncodedCollection}). The
 * unique indexes' maps get {@link IndexKeyType} keys in the same way (the default compared two keys by
 * Java-serialising both). Files written by the plain backend, or before index keys were typed, are converted once at
 * start-up ({@link StoreFormat}).
 */
final class BsonH2Backend extends H2Backend {

    BsonH2Backend(MVStore store) {
        super(store);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new BsonDatabase(databaseName, getCursorRegistry());
    }

    /** Opens each collection as an {@link EncodedCollection} (same map names as the plain backend). */
    private final class BsonDatabase extends H2Database {

        BsonDatabase(String databaseName, CursorRegistry cursors) {
            super(databaseName, getMvStore(), cursors);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(collectionName);
            // the backend's constructor opens the stored databases: read its store, not a field of this subclass
            MVStore store = getMvStore();
            MVMap<Object, byte[]> data =
                    store.openMap(StoreFormat.dataMapName(namespace), EncodedCollection.mapBuilder());
            MVMap<String, Object> meta = store.openMap(StoreFormat.metaMapName(namespace));
            return new EncodedCollection(this, collectionName, options, data, meta, cursorRegistry);
        }

        /** Opens each unique index's map with {@link IndexKeyType} keys (same map name as the plain backend). */
        @Override
        protected Index<Object> openOrCreateUniqueIndex(
                String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            MVMap<KeyValue, Object> map = getMvStore()
                    .openMap(
                            StoreFormat.indexMapName(getFullCollectionNamespace(collectionName), indexName),
                            TypedKeyUniqueIndex.mapBuilder());
            return new TypedKeyUniqueIndex(map, indexName, keys, sparse);
        }
    }
}

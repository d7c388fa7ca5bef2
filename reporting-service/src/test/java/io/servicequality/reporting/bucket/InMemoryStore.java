package io.servicequality.reporting.bucket;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.servicequality.embeddedstore.EmbeddedStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The embedded store in memory and a client of it, for the read model's tests that run without Spring: started before
 * the class's tests, closed after them ({@code @RegisterExtension static final InMemoryStore STORE = new
 * InMemoryStore();}).
 */
final class InMemoryStore implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedStore store;
    private MongoClient client;

    @Override
    public void beforeAll(ExtensionContext context) {
        store = EmbeddedStore.inMemory();
        client = MongoClients.create(store.connectionString());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        client.close();
        store.close();
    }

    MongoClient client() {
        return client;
    }
}

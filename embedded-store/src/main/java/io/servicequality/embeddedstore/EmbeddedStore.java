package io.servicequality.embeddedstore;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB wire-compatible store (mongo-java-server behind a {@link HelloAnsweringBackend}); not for production, which
 * runs real MongoDB (docker-compose.yml).
 *
 * <p>{@link #main} is the local run's store, on an H2 MVStore file so data survives a restart. Configured by
 * environment: {@code STORE_HOST} (default 127.0.0.1), {@code STORE_PORT} (27017), {@code STORE_FILE}
 * (.platform/store/store.mv), {@code STORE_AUTO_COMMIT_MILLIS} (100). MVStore persists changes in the background; the
 * short auto-commit delay bounds what a {@code kill -9} of this process could lose, and a normal stop
 * (SIGINT/SIGTERM) commits everything.
 *
 * <p>{@link #inMemory()} is the integration tests' store.
 */
public final class EmbeddedStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStore.class);

    private final MongoServer server;
    private final InetSocketAddress address;

    private EmbeddedStore(MongoServer server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    /** A fresh in-memory store on a free local port. */
    public static EmbeddedStore inMemory() {
        MongoServer server = new MongoServer(new HelloAnsweringBackend(new MemoryBackend()));
        return new EmbeddedStore(server, server.bind());
    }

    /**
     * {@code mongodb://127.0.0.1:<port>/?maxPoolSize=8}, for {@code spring.mongodb.uri}. The small pool keeps the
     * in-memory server from being hit by dozens of connections opened at once (a test racing 40 writers did lose its
     * connections to it); the writers still interleave, which is what concurrency tests need.
     */
    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/?maxPoolSize=8";
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    public static void main(String[] args) throws Exception {
        String host = env("STORE_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("STORE_PORT", "27017"));
        Path file = Path.of(env("STORE_FILE", ".platform/store/store.mv")).toAbsolutePath();
        int autoCommitMillis = Integer.parseInt(env("STORE_AUTO_COMMIT_MILLIS", "100"));
        Files.createDirectories(file.getParent());

        MVStore mvStore = new MVStore.Builder().fileName(file.toString()).open();
        mvStore.setAutoCommitDelay(autoCommitMillis);
        H2Backend backend = new H2Backend(mvStore);
        MongoServer server = new MongoServer(new HelloAnsweringBackend(backend));
        server.bind(host, port);
        log.info("Embedded store listening on mongodb://{}:{} with data in {}", host, port, file);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            backend.close();
            log.info("Embedded store stopped; data committed to {}", file);
            stopped.countDown();
        }));
        stopped.await();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

package io.servicequality.embeddedstore;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
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
 * (.platform/store/store.mv), {@code STORE_AUTO_COMMIT_MILLIS} (1000: MVStore rewrites every changed page at each commit; see embedded-store/README.md), {@code STORE_CACHE_MB} (128: MVStore's page cache, the
 * documents in it as BSON bytes; H2's default is 16). Documents are stored as BSON ({@link BsonH2Backend}). MVStore persists changes in the background; the
 * short auto-commit delay bounds what a {@code kill -9} of this process could lose, and a normal stop
 * (SIGINT/SIGTERM) commits everything.
 *
 * <p>{@link #inMemory()} is the integration tests' store.
 */
public final class EmbeddedStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStore.class);

    private static final String NETTY_CHECK_ACCESSIBLE = "io.netty.buffer.checkAccessible";

    private final MongoServer server;
    private final InetSocketAddress address;
    private final H2Backend fileBackend;

    private EmbeddedStore(MongoServer server, InetSocketAddress address, H2Backend fileBackend) {
        this.server = server;
        this.address = address;
        this.fileBackend = fileBackend;
    }

    /** A fresh in-memory store on a free local port. */
    public static EmbeddedStore inMemory() {
        MongoServer server = new MongoServer(new HelloAnsweringBackend(new MemoryBackend()));
        return new EmbeddedStore(server, server.bind(), null);
    }

    /**
     * A store on an H2 MVStore file (created when absent; a file of the plain H2 backend is converted to BSON first),
     * listening on {@code host:port} ({@code port} 0: a free one).
     *
     * @param autoCommitMillis how long MVStore may hold changes before writing them (what a kill -9 could lose)
     * @param cacheMegabytes MVStore's page cache (documents in it as BSON bytes, counted exactly)
     */
    public static EmbeddedStore onFile(Path file, String host, int port, int autoCommitMillis, int cacheMegabytes)
            throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        MVStore mvStore = new MVStore.Builder()
                .fileName(file.toString())
                .cacheSize(cacheMegabytes)
                .open();
        mvStore.setAutoCommitDelay(autoCommitMillis);
        StoreFormat.convert(mvStore);
        H2Backend backend = new BsonH2Backend(mvStore);
        MongoServer server = new MongoServer(new HelloAnsweringBackend(backend));
        server.bind(host, port);
        return new EmbeddedStore(server, server.getLocalAddress(), backend);
    }

    /**
     * {@code mongodb://127.0.0.1:<port>/?maxPoolSize=8}, for {@code spring.mongodb.uri}. The small pool keeps the
     * in-memory server from being hit by dozens of connections opened at once (a test racing 40 writers did lose its
     * connections to it); the writers still interleave, which is what concurrency tests need.
     */
    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/?maxPoolSize=8";
    }

    /** Stops serving; a file store commits everything and closes its file. */
    @Override
    public void close() {
        if (fileBackend == null) {
            server.shutdownNow();
        } else {
            server.shutdown();
            fileBackend.close();
        }
    }

    public static void main(String[] args) throws Exception {
        // Netty checks, before every byte a buffer reads or writes, that the buffer was not released yet; the BSON
        // codec (wire protocol and stored pages) goes byte by byte, and a JFR of the store under load put a sixth of
        // its CPU in that check. It guards against a use-after-release bug, which the library has not shown; bounds
        // checks stay on. Must be set before Netty's buffer classes load; a -D on the command line still wins.
        System.setProperty(NETTY_CHECK_ACCESSIBLE, System.getProperty(NETTY_CHECK_ACCESSIBLE, "false"));
        String host = env("STORE_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("STORE_PORT", "27017"));
        Path file = Path.of(env("STORE_FILE", ".platform/store/store.mv")).toAbsolutePath();
        int autoCommitMillis = Integer.parseInt(env("STORE_AUTO_COMMIT_MILLIS", "1000"));
        int cacheMegabytes = Integer.parseInt(env("STORE_CACHE_MB", "128"));
        EmbeddedStore store = onFile(file, host, port, autoCommitMillis, cacheMegabytes);
        log.info("Embedded store listening on mongodb://{}:{} with data in {}", host, port, file);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            store.close();
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

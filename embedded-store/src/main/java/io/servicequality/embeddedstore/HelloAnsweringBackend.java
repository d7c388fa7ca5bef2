package io.servicequality.embeddedstore;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.time.Clock;
import java.util.Collection;
import java.util.List;

/**
 * mongo-java-server predates the {@code hello} command (MongoDB 4.4+) that Spring Boot's MongoDB health indicator
 * sends, so a service on the embedded store would report itself DOWN. This backend answers {@code hello} like the
 * legacy {@code isMaster} and passes everything else through unchanged.
 */
public final class HelloAnsweringBackend implements MongoBackend {

    private final MongoBackend delegate;

    public HelloAnsweringBackend(MongoBackend delegate) {
        this.delegate = delegate;
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document body = message.getDocument();
        if (!body.isEmpty() && "hello".equals(body.keySet().iterator().next())) {
            return delegate.handleCommand(message.getChannel(), message.getDatabaseName(), "isMaster", body);
        }
        return delegate.handleMessage(message);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        return delegate.handleCommand(channel, databaseName, "hello".equals(command) ? "isMaster" : command, query);
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return delegate.handleQuery(query);
    }

    @Override
    public void handleClose(Channel channel) {
        delegate.handleClose(channel);
    }

    @Override
    public void dropDatabase(String database) {
        delegate.dropDatabase(database);
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return delegate.getCurrentOperations(query);
    }

    @Override
    public Document getServerStatus() {
        return delegate.getServerStatus();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        delegate.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return delegate.getClock();
    }

    @Override
    public void enableOplog() {
        delegate.enableOplog();
    }

    @Override
    public void disableOplog() {
        delegate.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return delegate.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        delegate.version(version);
        return this;
    }
}

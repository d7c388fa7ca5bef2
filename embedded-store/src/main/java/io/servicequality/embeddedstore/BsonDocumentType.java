package io.servicequality.embeddedstore;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ConcurrentModificationException;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * An MVStore value type that stores mongo-java-server documents as BSON (length-prefixed).
 *
 * <p>MVStore encodes changed pages on a background thread while the server goes on working, and the server updates a
 * stored document object in place ({@code cloneInto} of the new version into the old one) under its collection's
 * lock, which the encoder does not hold. Encoding then meets a document being changed and fails with a
 * {@code ConcurrentModificationException} (found under load; Java serialisation read the map's table without that
 * check and could write a half-changed document). The change takes microseconds, so the encoder simply starts over:
 * what it writes is the document before or after the change, and the next commit writes the changed page again.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    static final BsonDocumentType INSTANCE = new BsonDocumentType();

    /** MVStore's page-cache accounting only needs an estimate; measuring each document would cost an encoding. */
    private static final int ESTIMATED_BYTES = 1024;

    /** A change in place takes microseconds; this many fresh starts mean something else is wrong. */
    private static final int MAX_ATTEMPTS = 100_000;

    /**
     * Each writing thread's encoding buffer, kept at the size of the largest document it encoded: a fresh 256-byte
     * buffer per document was grown (and copied) five or six times for the read models' ~21 KB documents, at every
     * page write.
     */
    private static final ThreadLocal<ByteBuf> ENCODING_BUFFER =
            ThreadLocal.withInitial(() -> Unpooled.buffer(16 * 1024));

    private BsonDocumentType() {}

    @Override
    public int getMemory(Document document) {
        return ESTIMATED_BYTES;
    }

    /** Maps of documents stored with this type. */
    static MVMap.Builder<Object, Document> mapBuilder() {
        return new MVMap.Builder<Object, Document>().valueType(INSTANCE);
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        ByteBuf encoded = ENCODING_BUFFER.get();
        for (int attempt = 1; ; attempt++) {
            encoded.clear();
            try {
                BsonEncoder.encodeDocument(document, encoded);
                int length = encoded.readableBytes();
                buffer.putVarInt(length);
                buffer.put(encoded.array(), encoded.arrayOffset() + encoded.readerIndex(), length);
                return;
            } catch (ConcurrentModificationException beingChanged) {
                if (attempt == MAX_ATTEMPTS) {
                    throw beingChanged;
                }
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public Document read(ByteBuffer buffer) {
        int length = DataUtils.readVarInt(buffer);
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
    }

    /**
     * MVStore compares values only to decide whether a stored value is the expected one (replace-if-equal); documents
     * have no order, so this is equality, with an arbitrary but stable answer otherwise.
     */
    @Override
    public int compare(Document a, Document b) {
        if (a == b || a.equals(b)) {
            return 0;
        }
        return Integer.compare(System.identityHashCode(a), System.identityHashCode(b)) < 0 ? -1 : 1;
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}

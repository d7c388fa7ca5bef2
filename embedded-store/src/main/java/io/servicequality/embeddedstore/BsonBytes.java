package io.servicequality.embeddedstore;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.BsonConstants;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.Set;

/** Documents to and from their BSON bytes, with the library's own codec (the one of the wire protocol). */
final class BsonBytes {

    /**
     * Each writing thread's encoding buffer, kept at the size of the largest document it encoded: a fresh 256-byte
     * buffer per document was grown (and copied) five or six times for the read models' ~21 KB documents.
     */
    private static final ThreadLocal<ByteBuf> ENCODING_BUFFER =
            ThreadLocal.withInitial(() -> Unpooled.buffer(16 * 1024));

    private BsonBytes() {}

    static byte[] encode(Document document) {
        ByteBuf encoded = ENCODING_BUFFER.get().clear();
        BsonEncoder.encodeDocument(document, encoded);
        int from = encoded.arrayOffset() + encoded.readerIndex();
        return Arrays.copyOfRange(encoded.array(), from, from + encoded.readableBytes());
    }

    static Document decode(byte[] bytes) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
    }

    /**
     * Only the named top-level fields of a document (those it has); the others are skipped, embedded documents and
     * arrays by their length without reading them.
     */
    static Document decodeFields(byte[] bytes, Set<String> fields) {
        ByteBuf buffer = Unpooled.wrappedBuffer(bytes);
        int end = buffer.readIntLE() - 1;
        Document document = new Document();
        while (buffer.readerIndex() < end) {
            byte type = buffer.readByte();
            String name = BsonDecoder.decodeCString(buffer);
            if (fields.contains(name)) {
                document.put(name, BsonDecoder.decodeValue(type, buffer));
            } else if (type == BsonConstants.TYPE_EMBEDDED_DOCUMENT
                    || type == BsonConstants.TYPE_ARRAY
                    || type == BsonConstants.TYPE_JAVASCRIPT_CODE_WITH_SCOPE) {
                // the length includes its own four bytes
                buffer.skipBytes(buffer.getIntLE(buffer.readerIndex()));
            } else {
                BsonDecoder.decodeValue(type, buffer);
            }
        }
        return document;
    }
}

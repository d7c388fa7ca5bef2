package io.servicequality.embeddedstore;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

class BsonDocumentTypeTest {

    @Test
    void documentsOfAnySizeReadBackAsWrittenOneAfterAnother() {
        List<Document> documents =
                List.of(document("big", 40_000), document("small", 3), document("empty", 0), document("medium", 5_000));
        WriteBuffer buffer = new WriteBuffer();
        documents.forEach(document -> BsonDocumentType.INSTANCE.write(buffer, document));

        ByteBuffer written = buffer.getBuffer().flip();
        List<Document> read = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            read.add(BsonDocumentType.INSTANCE.read(written));
        }

        assertThat(read).isEqualTo(documents);
        assertThat(written.hasRemaining()).isFalse();
    }

    private static Document document(String id, int values) {
        Document document = new Document("_id", id);
        Document counts = new Document();
        for (int i = 0; i < values; i++) {
            counts.put("k" + i, (long) i * 7);
        }
        return document.append("counts", counts).append("name", "branch " + id);
    }
}

package io.servicequality.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The event catalogue: an AsyncAPI 3.0 document of every topic (address, retention, record key, headers, payload
 * schema, samples, who sends and who receives), generated from this module's records, topics and samples. The
 * generator lives in this module's tests, which fail when the committed {@code docs/asyncapi.json} differs from what
 * it produces; the build packs that file into this jar, and every service serves it at {@code GET /v3/asyncapi}.
 */
public final class EventCatalogue {

    /** Where the document lies on the class path. */
    public static final String RESOURCE = "catalogue/asyncapi.json";

    private EventCatalogue() {}

    /** The AsyncAPI document as JSON (UTF-8 bytes). */
    public static byte[] json() {
        try (InputStream in = EventCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "missing " + RESOURCE + ": contracts was built without docs/asyncapi.json");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

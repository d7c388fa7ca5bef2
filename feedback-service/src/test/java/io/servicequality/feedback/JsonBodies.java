package io.servicequality.feedback;

import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Edits of JSON request bodies for validation matrices: set or remove a field at a dotted path. */
public final class JsonBodies {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonBodies() {}

    public static String change(String json, UnaryOperator<ObjectNode> change) {
        return JSON.writeValueAsString(change.apply((ObjectNode) JSON.readTree(json)));
    }

    public static JsonNode tree(String json) {
        return JSON.readTree(json);
    }

    /** Sets the value at a dotted path such as {@code servqual.reliability.expectation}, creating objects on the way. */
    public static UnaryOperator<ObjectNode> set(String path, Object value) {
        return body -> {
            String[] names = path.split("\\.");
            ObjectNode parent = body;
            for (int i = 0; i < names.length - 1; i++) {
                parent = parent.has(names[i]) ? (ObjectNode) parent.get(names[i]) : parent.putObject(names[i]);
            }
            parent.set(names[names.length - 1], JSON.valueToTree(value));
            return body;
        };
    }

    public static UnaryOperator<ObjectNode> remover(String... fields) {
        return body -> {
            for (String field : fields) {
                body.remove(field);
            }
            return body;
        };
    }
}

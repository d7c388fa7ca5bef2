package io.servicequality.contracts;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Schemas (draft-07, the base of AsyncAPI's schema format) of the event records, read from their record
 * components the way Jackson writes them: every component a property in declaration order, {@code null} allowed for
 * reference types, and the logical type name of a polymorphic event ({@code @JsonTypeInfo} / {@code @JsonSubTypes}) as
 * a constant property. Every record and polymorphic type gets one named schema, referred to by {@code $ref}.
 *
 * <p>Why not a library: see docs/adr/0011-event-catalogue-asyncapi-from-contracts.md.
 */
final class RecordSchemas {

    /** What every event carries, always set (the {@code branchId} is {@code null} for tenant-wide objects). */
    static final Set<String> ALWAYS_PRESENT = Set.of("eventId", "tenantId", "occurredAt", "schemaVersion");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String refPrefix;
    private final Map<String, ObjectNode> schemas = new TreeMap<>();
    private final Map<String, Class<?>> named = new TreeMap<>();

    /** @param refPrefix where the named schemas will live, e.g. {@code #/components/schemas/} */
    RecordSchemas(String refPrefix) {
        this.refPrefix = refPrefix;
    }

    /** The named schemas generated so far, by name. */
    Map<String, ObjectNode> schemas() {
        return schemas;
    }

    /** A {@code $ref} to the schema of a record or polymorphic type, generating it and all it refers to. */
    ObjectNode refTo(Class<?> type) {
        String name = type.getSimpleName();
        Class<?> existing = named.putIfAbsent(name, type);
        if (existing == null) {
            schemas.put(name, NODES.objectNode()); // reserved first, so that a cycle ends here
            schemas.put(name, type.isRecord() ? recordSchema(type) : polymorphicSchema(type));
        } else if (existing != type) {
            throw new IllegalStateException("two types named " + name + ": " + existing + ", " + type);
        }
        return NODES.objectNode().put("$ref", refPrefix + name);
    }

    private ObjectNode polymorphicSchema(Class<?> type) {
        JsonTypeInfo info = type.getAnnotation(JsonTypeInfo.class);
        JsonSubTypes subTypes = type.getAnnotation(JsonSubTypes.class);
        if (info == null || subTypes == null || info.use() != JsonTypeInfo.Id.NAME) {
            throw new IllegalArgumentException(type + " is neither a record nor polymorphic by logical type name");
        }
        ObjectNode schema = NODES.objectNode();
        schema.put("title", type.getSimpleName());
        schema.put(
                "description",
                "One of " + subTypes.value().length + " events, told apart by the logical type name in `"
                        + info.property() + "`.");
        ArrayNode oneOf = schema.putArray("oneOf");
        for (JsonSubTypes.Type subType : subTypes.value()) {
            oneOf.add(refTo(subType.value()));
        }
        schema.put("discriminator", info.property());
        return schema;
    }

    private ObjectNode recordSchema(Class<?> type) {
        ObjectNode schema = NODES.objectNode();
        schema.put("title", type.getSimpleName());
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        TypeName typeName = typeNameOf(type);
        if (typeName != null) {
            properties
                    .putObject(typeName.property())
                    .put("type", "string")
                    .put("const", typeName.name())
                    .put("description", "The logical type name (never a Java class name).");
            required.add(typeName.property());
        }
        boolean event = PlatformEvent.class.isAssignableFrom(type);
        for (RecordComponent component : type.getRecordComponents()) {
            boolean alwaysPresent =
                    component.getType().isPrimitive() || (event && ALWAYS_PRESENT.contains(component.getName()));
            properties.set(component.getName(), schemaOf(component.getGenericType(), !alwaysPresent));
            if (alwaysPresent) {
                required.add(component.getName());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        return schema;
    }

    private ObjectNode schemaOf(Type type, boolean nullable) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                ObjectNode schema = simple("array", nullable);
                schema.set("items", schemaOf(arguments[0], false));
                return schema;
            }
            if (Map.class.isAssignableFrom(raw)) {
                ObjectNode schema = simple("object", nullable);
                if (arguments[0] == Integer.class || arguments[0] == Long.class) {
                    schema.putObject("propertyNames").put("pattern", "^-?[0-9]+$");
                }
                schema.set("additionalProperties", schemaOf(arguments[1], false));
                return schema;
            }
            throw new IllegalArgumentException("no schema for " + type);
        }
        Class<?> clazz = (Class<?>) type;
        if (clazz == boolean.class || clazz == Boolean.class) {
            return simple("boolean", nullable);
        }
        if (clazz == int.class || clazz == Integer.class) {
            return simple("integer", nullable).put("format", "int32");
        }
        if (clazz == long.class || clazz == Long.class) {
            return simple("integer", nullable).put("format", "int64");
        }
        if (clazz == double.class || clazz == Double.class) {
            return simple("number", nullable).put("format", "double");
        }
        if (clazz == String.class) {
            return simple("string", nullable);
        }
        if (clazz == UUID.class) {
            return simple("string", nullable).put("format", "uuid");
        }
        if (clazz == Instant.class) {
            return simple("string", nullable).put("format", "date-time");
        }
        if (clazz.isEnum()) {
            ObjectNode schema = simple("string", nullable);
            ArrayNode values = schema.putArray("enum");
            for (Object constant : clazz.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
            if (nullable) {
                values.addNull();
            }
            return schema;
        }
        if (clazz.isRecord() || clazz.isAnnotationPresent(JsonTypeInfo.class)) {
            ObjectNode ref = refTo(clazz);
            if (!nullable) {
                return ref;
            }
            ObjectNode schema = NODES.objectNode();
            schema.putArray("oneOf").add(ref).add(NODES.objectNode().put("type", "null"));
            return schema;
        }
        throw new IllegalArgumentException("no schema for " + type);
    }

    private static ObjectNode simple(String type, boolean nullable) {
        ObjectNode schema = NODES.objectNode();
        if (nullable) {
            schema.putArray("type").add(type).add("null");
        } else {
            schema.put("type", type);
        }
        return schema;
    }

    /** The logical type name Jackson writes for a record under a polymorphic interface, or {@code null}. */
    static TypeName typeNameOf(Class<?> type) {
        for (Class<?> parent : type.getInterfaces()) {
            JsonTypeInfo info = parent.getAnnotation(JsonTypeInfo.class);
            JsonSubTypes subTypes = parent.getAnnotation(JsonSubTypes.class);
            if (info != null && subTypes != null) {
                for (JsonSubTypes.Type subType : subTypes.value()) {
                    if (subType.value() == type) {
                        return new TypeName(info.property(), subType.name());
                    }
                }
                throw new IllegalStateException(type + " is missing from @JsonSubTypes of " + parent);
            }
        }
        return null;
    }

    record TypeName(String property, String name) {}
}

package io.servicequality.feedback.ingest;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.util.List;
import java.util.Optional;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * Describes every kind's ingest requests in the OpenAPI document from its {@link EventType}: the request schema of
 * the single post and of each batch item, and the examples, so that each kind's endpoints are documented alike
 * without annotations repeated per controller.
 */
@Component
class IngestApiDocumentation implements OpenApiCustomizer {

    private final List<IngestEndpoints<?, ?, ?>> endpoints;
    private final JsonMapper json;

    IngestApiDocumentation(List<IngestEndpoints<?, ?, ?>> endpoints, JsonMapper json) {
        this.endpoints = endpoints;
        this.json = json;
    }

    @Override
    public void customise(OpenAPI api) {
        for (IngestEndpoints<?, ?, ?> kind : endpoints) {
            String path = basePath(kind);
            EventType<?, ?, ?> type = kind.type();
            Schema<?> request = requestSchema(api, type.requestType());
            EventType.RequestExamples examples = type.examples();
            post(api, path).ifPresent(operation -> {
                MediaType single = new MediaType().schema(request);
                examples.single().forEach(example -> single.addExamples(example.name(), example(example.json())));
                operation.setRequestBody(requestBody(operation)
                        .content(new Content()
                                .addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE, single)));
            });
            post(api, path + "/batch")
                    .ifPresent(operation -> operation.setRequestBody(requestBody(operation)
                            .content(new Content()
                                    .addMediaType(
                                            org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                                            new MediaType()
                                                    .schema(new ArraySchema().items(request))
                                                    .addExamples("JSON array", example(examples.batch())))
                                    .addMediaType(
                                            Intake.NDJSON_VALUE,
                                            new MediaType()
                                                    .schema(new StringSchema())
                                                    .addExamples(
                                                            "NDJSON", new Example().value(examples.batchNdjson()))))));
        }
    }

    /** A reference to the request's schema, added to the document's components if it is not there yet. */
    private static Schema<?> requestSchema(OpenAPI api, Class<?> requestType) {
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        ModelConverters.getInstance().readAll(requestType).forEach((name, schema) -> {
            if (api.getComponents().getSchemas() == null
                    || !api.getComponents().getSchemas().containsKey(name)) {
                api.getComponents().addSchemas(name, schema);
            }
        });
        return new Schema<>().$ref("#/components/schemas/" + requestType.getSimpleName());
    }

    private static Optional<Operation> post(OpenAPI api, String path) {
        PathItem item = api.getPaths() == null ? null : api.getPaths().get(path);
        return Optional.ofNullable(item).map(PathItem::getPost);
    }

    private static RequestBody requestBody(Operation operation) {
        return operation.getRequestBody() == null ? new RequestBody().required(true) : operation.getRequestBody();
    }

    /** The example as a JSON value (not a string holding JSON), as the document shows it. */
    private Example example(String jsonText) {
        return new Example().value(json.readValue(jsonText, Object.class));
    }

    private static String basePath(IngestEndpoints<?, ?, ?> kind) {
        RequestMapping mapping =
                AnnotatedElementUtils.findMergedAnnotation(ClassUtils.getUserClass(kind), RequestMapping.class);
        if (mapping == null || mapping.path().length != 1) {
            throw new IllegalStateException(kind.getClass() + " must map exactly one base path");
        }
        return mapping.path()[0];
    }
}

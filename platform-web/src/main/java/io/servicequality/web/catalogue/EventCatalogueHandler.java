package io.servicequality.web.catalogue;

import io.servicequality.contracts.EventCatalogue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.HttpRequestMethodNotSupportedException;

/**
 * Answers {@value #PATH} with contracts' AsyncAPI document ({@link EventCatalogue}), read once. A plain handler rather
 * than a controller, so that springdoc does not list it among the service's operations (like {@code /v3/api-docs}
 * itself, it documents the API rather than being part of it).
 */
public final class EventCatalogueHandler implements HttpRequestHandler {

    /** Beside OpenAPI's {@code /v3/api-docs}. */
    public static final String PATH = "/v3/asyncapi";

    private final byte[] document;

    public EventCatalogueHandler(byte[] document) {
        this.document = document.clone();
    }

    /** The document contracts carries. */
    public static EventCatalogueHandler fromContracts() {
        return new EventCatalogueHandler(EventCatalogue.json());
    }

    @Override
    public void handleRequest(HttpServletRequest request, HttpServletResponse response)
            throws HttpRequestMethodNotSupportedException, IOException {
        boolean head = "HEAD".equals(request.getMethod());
        if (!head && !"GET".equals(request.getMethod())) {
            throw new HttpRequestMethodNotSupportedException(request.getMethod(), List.of("GET", "HEAD"));
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(document.length);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        if (!head) {
            response.getOutputStream().write(document);
        }
    }
}

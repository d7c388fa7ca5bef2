package io.servicequality.console;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sqp.console}: where each service is reached and which API paths it owns.
 *
 * @param services per service name, its base URL and the path prefixes it owns; a request under one of them is relayed
 *     there unchanged (path and query), with the signed-in user's access token
 */
@ConfigurationProperties("sqp.console")
public record ConsoleProperties(Map<String, Service> services) {

    public ConsoleProperties {
        services = services == null ? Map.of() : Map.copyOf(services);
    }

    /**
     * @param url the service's base URL, e.g. {@code http://localhost:8082}
     * @param paths the API path prefixes it owns, e.g. {@code /api/v1/complaints}
     */
    public record Service(URI url, List<String> paths) {

        public Service {
            paths = paths == null ? List.of() : List.copyOf(paths);
        }
    }
}

package io.servicequality.reporting.dashboard;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sqp.reporting.*}.
 *
 * @param consoleUrl the staff console (its operations dashboard is the start page), where {@code GET /} and {@code GET
 *     /dashboard} send browsers
 */
@Validated
@ConfigurationProperties("sqp.reporting")
public record ConsoleProperties(
        @NotNull @DefaultValue("http://127.0.0.1:8090/") URI consoleUrl) {}

package io.servicequality.scoring.tenant;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The tenant this deployment serves: every query the service answers is filtered by it. */
@Validated
@ConfigurationProperties(prefix = "sqp")
public record TenantProperties(@NotBlank String tenantId) {}

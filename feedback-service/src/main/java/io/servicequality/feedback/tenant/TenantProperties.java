package io.servicequality.feedback.tenant;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** @param tenantId the one tenant this deployment serves ({@code SQP_TENANT_ID}) */
@Validated
@ConfigurationProperties("sqp")
public record TenantProperties(
        @NotBlank @DefaultValue("demo") String tenantId) {}

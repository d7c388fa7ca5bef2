package io.servicequality.reporting.tenant;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code sqp.tenant-id} (env {@code SQP_TENANT_ID}): the tenant whose data this deployment shows. */
@Validated
@ConfigurationProperties("sqp")
public record TenantProperties(
        @NotBlank @DefaultValue("demo") String tenantId) {}

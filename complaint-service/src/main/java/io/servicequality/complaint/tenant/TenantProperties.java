package io.servicequality.complaint.tenant;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code sqp.tenant-id} (env {@code SQP_TENANT_ID}): the tenant every complaint of this deployment belongs to. */
@Validated
@ConfigurationProperties("sqp")
public record TenantProperties(
        @DefaultValue("demo") @NotBlank String tenantId) {}

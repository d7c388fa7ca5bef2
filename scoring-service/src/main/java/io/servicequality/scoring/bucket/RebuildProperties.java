package io.servicequality.scoring.bucket;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Who may start a rebuild. A rebuild rewinds the shared consumer groups and recounts the buckets of every tenant the
 * deployment serves, so it is an operator's action: only ADMINs of the operator tenant may start it; an ADMIN of any
 * other tenant gets 403.
 *
 * @param operatorTenant the tenant whose ADMINs operate this deployment ({@code SQP_OPERATOR_TENANT})
 */
@Validated
@ConfigurationProperties(prefix = "sqp.rebuild")
record RebuildProperties(@NotBlank String operatorTenant) {}

package io.servicequality.reporting.staff;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sqp.staff.*}: when a member of staff is listed as needing training. A metric is only judged on at least
 * {@code minN} observations (answered interactions, CSAT answers, acknowledged or resolved complaints).
 *
 * @param minN the least n a metric is judged (and, by default, ranked) on
 * @param csatBelow CSAT % of the linked feedback below this is a need
 * @param fcrBelow first-contact resolution % below this is a need
 * @param slaComplianceBelow first-response or resolution SLA compliance % below this is a need
 */
@Validated
@ConfigurationProperties("sqp.staff")
public record StaffProperties(
        @Min(1) @DefaultValue("30") long minN,

        @DecimalMin("0") @DecimalMax("100") @DefaultValue("80")
        double csatBelow,

        @DecimalMin("0") @DecimalMax("100") @DefaultValue("70")
        double fcrBelow,

        @DecimalMin("0") @DecimalMax("100") @DefaultValue("90")
        double slaComplianceBelow) {}

package io.servicequality.reporting.periodicreport;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A report to generate every period.
 *
 * @param name what the tenant calls it (1–100 characters)
 * @param branchId a branch, or
 * @param regionId a region, or neither: the tenant
 * @param zone for a region or the tenant, the time zone of the period's local days (default UTC)
 * @param emails who gets each report by e-mail (at most 20 addresses; needs an SMTP server, {@code spring.mail.host})
 * @param webhookUrl where each report is posted as a signed {@code report.generated} message (https)
 */
record ReportDefinitionRequest(
        @Schema(example = "Monthly report, region east") String name,
        String branchId,
        String regionId,
        @Schema(example = "Asia/Shanghai") String zone,

        @Schema(
                example = "MONTH",
                allowableValues = {"WEEK", "MONTH", "QUARTER"})
        String period,

        @Schema(
                example = "zh-CN",
                allowableValues = {"en", "zh-CN"})
        String language,

        @Schema(example = "[\"quality@example.com\"]") List<String> emails,

        @Schema(example = "https://hooks.example.com/sqp-reports")
        String webhookUrl) {}

package io.servicequality.reporting.periodicreport;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;

/**
 * A report to generate now.
 *
 * @param branchId a branch, or
 * @param regionId a region, or neither: the tenant
 * @param zone for a region or the tenant, the time zone of the period's local days (default UTC); a branch's is its own
 * @param period {@code WEEK}, {@code MONTH} or {@code QUARTER}
 * @param start the period's first day; without it the last period that has ended
 * @param language {@code en} or {@code zh-CN}
 */
record PeriodicReportRequest(
        String branchId,
        String regionId,
        String zone,

        @Schema(
                example = "MONTH",
                allowableValues = {"WEEK", "MONTH", "QUARTER"})
        String period,

        @Schema(example = "2026-11-01") LocalDate start,

        @Schema(
                example = "zh-CN",
                allowableValues = {"en", "zh-CN"})
        String language) {}

package io.servicequality.reporting.scope;

import io.servicequality.web.csv.CsvExportable;
import io.servicequality.web.csv.CsvHttpMessageConverter;
import io.servicequality.web.range.TimeRange;
import io.servicequality.web.range.ValidTimeRange;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import org.springframework.http.ResponseEntity;

/**
 * What every report is asked for: a scope (a branch, a region, or without either the caller's whole scope), the period
 * {@code [from, to)} and the answer's format. Bound from the query string and validated before the report is computed.
 *
 * @param branchId one branch (checked against the caller's scope by {@link Scopes#resolve})
 * @param regionId one region's branches
 * @param from ISO-8601 instant, inclusive
 * @param to ISO-8601 instant, exclusive, after {@code from}
 * @param format {@code json} (the default) or {@code csv}
 */
@ValidTimeRange
public record ReportQuery(
        String branchId,
        String regionId,
        @NotNull Instant from,
        @NotNull Instant to,

        @Pattern(regexp = "(?i)json|csv", message = "must be json or csv")
        String format)
        implements TimeRange {

    /** Whether the answer is asked for as {@code text/csv}. */
    public boolean csv() {
        return "csv".equalsIgnoreCase(format);
    }

    /**
     * The report in the format asked for: {@code text/csv} when {@code format=csv}, whatever the client accepts;
     * otherwise negotiated as usual (JSON, or CSV for {@code Accept: text/csv}).
     */
    public <T extends CsvExportable> ResponseEntity<T> answer(T report) {
        return csv()
                ? ResponseEntity.ok()
                        .contentType(CsvHttpMessageConverter.TEXT_CSV)
                        .body(report)
                : ResponseEntity.ok(report);
    }
}

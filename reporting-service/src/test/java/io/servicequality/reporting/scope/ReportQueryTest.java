package io.servicequality.reporting.scope;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReportQueryTest {

    private static final Instant FROM = Instant.parse("2026-11-20T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-21T00:00:00Z");

    private final Validator validator =
            Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void onlyJsonAndCsvAreFormatsInAnyCase() {
        assertThat(new ReportQuery(null, null, FROM, TO, null).csv()).isFalse();
        assertThat(new ReportQuery(null, null, FROM, TO, "JSON").csv()).isFalse();
        assertThat(new ReportQuery(null, null, FROM, TO, "csv").csv()).isTrue();
        assertThat(violations(new ReportQuery(null, null, FROM, TO, "CSV"))).isEmpty();
        assertThat(violations(new ReportQuery(null, null, FROM, TO, "xlsx")))
                .containsExactly(Map.entry("format", "must be json or csv"));
    }

    @Test
    void aPeriodMustEndAfterItStartsAndHaveBothBounds() {
        assertThat(violations(new ReportQuery("SH-001", null, TO, FROM, null)))
                .containsExactly(Map.entry("to", "must be after from"));
        assertThat(violations(new ReportQuery("SH-001", null, FROM, FROM, null)))
                .containsExactly(Map.entry("to", "must be after from"));
        assertThat(violations(new ReportQuery(null, null, null, TO, null))).containsOnlyKeys("from");
    }

    private Map<String, String> violations(ReportQuery query) {
        return validator.validate(query).stream()
                .collect(Collectors.toMap(
                        violation -> violation.getPropertyPath().toString(), ConstraintViolation::getMessage));
    }
}

package io.servicequality.reporting.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void quotesSeparatorsAndQuotesAndDefusesSpreadsheetFormulas() {
        String csv = Csv.render(new Csv.Table(
                List.of("name", "value"),
                List.of(
                        Arrays.asList("Jing'an, \"north\"", -1.5),
                        Arrays.asList("=HYPERLINK(\"x\")", null),
                        Arrays.asList("line\nbreak", 3))));

        assertThat(csv)
                .isEqualTo("name,value\r\n"
                        + "\"Jing'an, \"\"north\"\"\",-1.5\r\n"
                        + "\"'=HYPERLINK(\"\"x\"\")\",\r\n"
                        + "\"line\nbreak\",3\r\n");
    }

    @Test
    void flattensANestedViewIntoDottedFieldValueRows() {
        record Inner(double percent, List<Double> ci95) {}
        record View(String branchId, Inner csat, Object nps) {}

        Csv.Table table = Csv.flattened(new View("SH-001", new Inner(75.0, List.of(30.1, 95.4)), null));

        assertThat(table.rows())
                .containsExactly(
                        List.of("branchId", "SH-001"),
                        List.of("csat.percent", 75.0),
                        List.of("csat.ci95.0", 30.1),
                        List.of("csat.ci95.1", 95.4),
                        Arrays.asList("nps", null));
    }
}

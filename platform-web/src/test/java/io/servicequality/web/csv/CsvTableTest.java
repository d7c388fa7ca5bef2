package io.servicequality.web.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTableTest {

    @Test
    void quotesSeparatorsAndQuotesAndDefusesSpreadsheetFormulas() {
        String csv = new CsvTable(
                        List.of("name", "value"),
                        List.of(
                                Arrays.asList("Jing'an, \"north\"", -1.5),
                                Arrays.asList("=HYPERLINK(\"x\")", null),
                                Arrays.asList("line\nbreak", 3)))
                .render();

        assertThat(csv)
                .isEqualTo("name,value\r\n"
                        + "\"Jing'an, \"\"north\"\"\",-1.5\r\n"
                        + "\"'=HYPERLINK(\"\"x\"\")\",\r\n"
                        + "\"line\nbreak\",3\r\n");
    }

    @Test
    void defusesEveryFormulaStartInTextButLeavesNegativeNumbersAndBooleansAsTheyAre() {
        String csv = new CsvTable(
                        List.of("cell"),
                        List.of(
                                List.of("+1"),
                                List.of("-1"),
                                List.of("@SUM(A1)"),
                                List.of("\tTAB"),
                                List.of("\rCR"),
                                List.of(-1),
                                List.of(false)))
                .render();

        assertThat(csv).isEqualTo("cell\r\n'+1\r\n'-1\r\n'@SUM(A1)\r\n'\tTAB\r\n\"'\rCR\"\r\n-1\r\nfalse\r\n");
    }

    @Test
    void aStreamedRowIsWrittenExactlyAsTheTableWritesIt() {
        List<?> cells = Arrays.asList("=SUM(A1)", "a,b", null, 3, true);
        CsvTable table = new CsvTable(List.of("a", "b", "c", "d", "e"), List.of(cells));

        assertThat(CsvTable.row(cells)).isEqualTo("'=SUM(A1),\"a,b\",,3,true\r\n");
        assertThat(table.render()).endsWith(CsvTable.row(cells));
    }

    @Test
    void anEmptyTableIsItsHeaderAlone() {
        assertThat(new CsvTable(List.of("branchId", "n"), List.of()).render()).isEqualTo("branchId,n\r\n");
    }

    @Test
    void flattensANestedViewIntoDottedFieldValueRows() {
        record Inner(double percent, List<Double> ci95) {}
        record View(String branchId, Inner csat, Object nps) {}

        CsvTable table = CsvTable.flattened(new View("SH-001", new Inner(75.0, List.of(30.1, 95.4)), null));

        assertThat(table.header()).containsExactly("field", "value");
        assertThat(table.rows())
                .containsExactly(
                        List.of("branchId", "SH-001"),
                        List.of("csat.percent", 75.0),
                        List.of("csat.ci95.0", 30.1),
                        List.of("csat.ci95.1", 95.4),
                        Arrays.asList("nps", null));
    }
}

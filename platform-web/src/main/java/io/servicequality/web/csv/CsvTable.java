package io.servicequality.web.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A table: one header row and data rows of the same width; {@code null} cells are left empty.
 *
 * @param header the column names
 * @param rows the cells, numbers and booleans written as they are, anything else as its {@code toString()}
 */
public record CsvTable(List<String> header, List<List<?>> rows) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A nested view as {@code field,value} rows, one per leaf, with dotted paths ({@code feedback.csat.ci95.0}). */
    public static CsvTable flattened(Object view) {
        List<List<?>> rows = new ArrayList<>();
        flatten("", JSON.valueToTree(view), rows);
        return new CsvTable(List.of("field", "value"), rows);
    }

    /** RFC 4180: cells separated by commas, rows ended by CRLF, the header first. */
    public String render() {
        StringBuilder csv = new StringBuilder();
        appendRow(csv, header);
        rows.forEach(row -> appendRow(csv, row));
        return csv.toString();
    }

    private static void flatten(String path, JsonNode node, List<List<?>> rows) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), rows);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "." + i, node.get(i), rows);
            }
        } else if (node.isNull()) {
            rows.add(Arrays.asList(path, null));
        } else if (node.isNumber()) {
            rows.add(List.of(path, node.numberValue()));
        } else {
            rows.add(List.of(path, node.asString()));
        }
    }

    private static void appendRow(StringBuilder csv, List<?> cells) {
        csv.append(row(cells));
    }

    /**
     * One row as this table writes it, ended by CRLF: for an export that streams its rows instead of holding them in a
     * table, with the same quoting and the same defused formulas.
     */
    public static String row(List<?> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells.get(i)));
        }
        return line.append("\r\n").toString();
    }

    /**
     * Quoted when it holds a separator, a quote or a line break; a text cell starting with {@code = + - @}, a tab or a
     * carriage return gets a leading apostrophe, so that a spreadsheet shows it instead of running it as a formula.
     */
    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}

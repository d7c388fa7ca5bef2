package io.servicequality.reporting.csv;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Builds {@code text/csv} answers. */
public final class Csv {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Csv() {}

    /** A table: one header row and data rows of the same width; {@code null} cells are left empty. */
    public record Table(List<String> header, List<List<?>> rows) {}

    public static ResponseEntity<String> response(String name, Table table) {
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".csv")
                                .build()
                                .toString())
                .body(render(table));
    }

    /** A nested view as {@code field,value} rows, one per leaf, with dotted paths ({@code feedback.csat.ci95.0}). */
    public static Table flattened(Object view) {
        List<List<?>> rows = new ArrayList<>();
        flatten("", JSON.valueToTree(view), rows);
        return new Table(List.of("field", "value"), rows);
    }

    static String render(Table table) {
        StringBuilder csv = new StringBuilder();
        appendRow(csv, table.header());
        table.rows().forEach(row -> appendRow(csv, row));
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
            rows.add(java.util.Arrays.asList(path, null));
        } else if (node.isNumber()) {
            rows.add(List.of(path, node.numberValue()));
        } else {
            rows.add(List.of(path, node.asString()));
        }
    }

    private static void appendRow(StringBuilder csv, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells.get(i)));
        }
        csv.append("\r\n");
    }

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

package io.servicequality.security.test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared mechanics of each service's {@code AuthorizationMatrixIT}: the operations a service's OpenAPI document
 * declares, and the one readable rules table (operation × caller → expected status) the test compares them with.
 */
public final class AuthorizationMatrix {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AuthorizationMatrix() {}

    /** Every operation of an OpenAPI document as {@code "<METHOD> <path template>"}, in document order. */
    public static Set<String> operationsOf(String openApiDocument) {
        JsonNode paths = JSON.readTree(openApiDocument).get("paths");
        Set<String> operations = new LinkedHashSet<>();
        for (var path : paths.properties()) {
            for (var method : path.getValue().properties()) {
                operations.add(method.getKey().toUpperCase() + " " + path.getKey());
            }
        }
        return operations;
    }

    /**
     * A dead-letter topic no service has: the matrix calls platform-operations' {@code /api/v1/dead-letters/{topic}…}
     * operations with it, so that the role rule decides and an ADMIN gets the controller's 404, and nothing is replayed
     * or purged under the other tests sharing the broker (platform-operations' own tests replay and purge).
     */
    public static final String NO_SUCH_DEAD_LETTER_TOPIC = "sqp.no-such-topic.v1.dlt";

    /** {@code path} with platform-operations' dead-letter placeholders filled in ({@link #NO_SUCH_DEAD_LETTER_TOPIC}). */
    public static String deadLetterPath(String path) {
        return path.replace("{topic}", NO_SUCH_DEAD_LETTER_TOPIC)
                .replace("{partition}", "0")
                .replace("{offset}", "0");
    }

    /** One request of the matrix: the status the service answered {@code caller} for {@code operation}. */
    @FunctionalInterface
    public interface Call<C> {
        String status(String operation, C caller) throws Exception;
    }

    /**
     * Runs every operation as every caller and lists the answers that differ from the rules; prints the matrix size.
     *
     * @return the mismatches, {@code "<operation> as <caller>: expected …, got …"}, empty when all answers match
     */
    public static <C extends Enum<C>> List<String> mismatches(
            Map<String, Map<C, String>> rules, Set<String> operations, Class<C> callers, Call<C> call)
            throws Exception {
        List<String> mismatches = new ArrayList<>();
        C[] all = callers.getEnumConstants();
        for (String operation : operations) {
            for (C caller : all) {
                String expected = rules.get(operation).get(caller);
                String actual = call.status(operation, caller);
                if (!expected.equals(actual)) {
                    mismatches.add(operation + " as " + caller + ": expected " + expected + ", got " + actual);
                }
            }
        }
        System.out.printf(
                "Authorization matrix: %d operations x %d callers = %d checks, %d mismatches%n",
                operations.size(), all.length, operations.size() * all.length, mismatches.size());
        return mismatches;
    }

    /**
     * Parses a table whose first line names the callers ({@code operation | NONE | ADMIN | …}, the names of {@code
     * callers}' constants) and whose other lines give one operation and its expected status per caller. Every row must
     * name every caller, in the header's order.
     */
    public static <C extends Enum<C>> Map<String, Map<C, String>> rules(String table, Class<C> callers) {
        List<String> lines = table.lines().filter(line -> !line.isBlank()).toList();
        String[] header = lines.get(0).split("\\|");
        Map<String, Map<C, String>> rules = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\\|");
            Map<C, String> row = new EnumMap<>(callers);
            for (int i = 1; i < cells.length; i++) {
                row.put(Enum.valueOf(callers, header[i].strip()), cells[i].strip());
            }
            if (!row.keySet().equals(Set.of(callers.getEnumConstants()))) {
                throw new IllegalArgumentException("row does not name every caller: " + line);
            }
            rules.put(cells[0].strip(), row);
        }
        return rules;
    }
}

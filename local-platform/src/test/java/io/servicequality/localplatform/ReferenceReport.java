package io.servicequality.localplatform;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What an English weekly report of one branch must print, computed straight from the raw events of its week and of
 * the week before (none a year before): each headline's value, n, 95 % interval (CSAT and answer rate Wilson, NPS
 * adjusted Wald, effort mean ± 1.96 s/√n — written out here, not taken from the platform), the changes and whether the
 * intervals overlap; each SERVQUAL dimension's n, means and gap; each channel's row; how many members of staff have
 * data. And the tables of the report's HTML, read back by the heading above each.
 */
final class ReferenceReport {

    private static final double Z = 1.96;
    private static final String NONE = "—";

    private ReferenceReport() {}

    /** A value with its n and interval; {@code value} {@code null} without data. */
    record Measure(Double value, long n, Double low, Double high) {
        static final Measure NONE = new Measure(null, 0, null, null);

        boolean hasInterval() {
            return value != null && low != null;
        }
    }

    /** The headline table's rows by their label, each the text of its cells as the report prints them. */
    static Map<String, List<String>> headlines(
            Collection<ReferenceScorecard.Feedback> feedback,
            Collection<ReferenceScorecard.Interaction> interactions,
            Collection<ReferenceScorecard.Feedback> feedbackBefore,
            Collection<ReferenceScorecard.Interaction> interactionsBefore) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        row(
                rows,
                "Service Quality Index (0–100)",
                1,
                (f, i) -> measureOf(ReferenceScorecard.of(f, i, 0).get("/sqi"), f.size() + i.size()),
                feedback,
                interactions,
                feedbackBefore,
                interactionsBefore);
        row(
                rows,
                "CSAT (% satisfied)",
                1,
                ReferenceReport::csat,
                feedback,
                interactions,
                feedbackBefore,
                interactionsBefore);
        row(rows, "NPS", 1, ReferenceReport::nps, feedback, interactions, feedbackBefore, interactionsBefore);
        row(
                rows,
                "Customer effort (mean, 1–7)",
                2,
                ReferenceReport::ces,
                feedback,
                interactions,
                feedbackBefore,
                interactionsBefore);
        row(
                rows,
                "SERVQUAL gap (weighted)",
                2,
                (f, i) -> measureOf(ReferenceScorecard.of(f, i, 0).get("/feedback/servqual/weighted"), f.size()),
                feedback,
                interactions,
                feedbackBefore,
                interactionsBefore);
        row(
                rows,
                "Answer rate (%)",
                1,
                (f, i) -> wilson(
                        i.stream()
                                .filter(ReferenceScorecard.Interaction::answered)
                                .count(),
                        i.size()),
                feedback,
                interactions,
                feedbackBefore,
                interactionsBefore);
        row(
                rows,
                "Average handle time (s)",
                0,
                (f, i) -> measureOf(
                        ReferenceScorecard.of(f, i, 0).get("/interactions/avgHandleSeconds"),
                        i.stream()
                                .filter(ReferenceScorecard.Interaction::answered)
                                .count()),
                feedback,
                interactions,
                feedbackBefore,
                interactionsBefore);
        // no complaints in either week: none opened (a count, no interval), no resolution compliance
        Measure none = new Measure(0.0, 0, null, null);
        rows.put("Complaints opened", cells("Complaints opened", 0, none, none, none));
        rows.put("Resolved on time (%)", cells("Resolved on time (%)", 1, Measure.NONE, Measure.NONE, Measure.NONE));
        return rows;
    }

    /** The SERVQUAL table's rows by dimension label: n, expectation, perception, gap (importance not checked). */
    static Map<String, List<String>> servqual(Collection<ReferenceScorecard.Feedback> feedback) {
        Map<String, Double> card = ReferenceScorecard.of(feedback, List.of(), 0);
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String dimension : ReferenceScorecard.DIMENSIONS) {
            String at = "/feedback/servqual/dimensions/" + dimension;
            if (!card.containsKey(at + "/n")) {
                continue;
            }
            String label = Character.toUpperCase(dimension.charAt(0)) + dimension.substring(1);
            rows.put(
                    label,
                    List.of(
                            label,
                            count(card.get(at + "/n").longValue()),
                            num(card.get(at + "/expectation"), 2),
                            num(card.get(at + "/perception"), 2),
                            change(card.get(at + "/gap"), 2)));
        }
        return rows;
    }

    /** The channel table's rows by channel label: SQI, responses, CSAT, offered, answer rate, complaints. */
    static Map<String, List<String>> channels(
            Collection<ReferenceScorecard.Feedback> feedback, Collection<ReferenceScorecard.Interaction> interactions) {
        Map<String, Double> byChannel = ReferenceScorecard.byChannel(feedback, interactions, Map.of(), Map.of());
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String channel : List.of("PHONE", "CHAT", "APP", "WEB", "COUNTER")) {
            String at = "/byChannel/" + channel;
            if (!byChannel.containsKey(at + "/feedback/n")) {
                continue;
            }
            String label = switch (channel) {
                case "PHONE" -> "Phone";
                case "CHAT" -> "Chat";
                case "APP" -> "App";
                case "WEB" -> "Web";
                default -> "Counter";
            };
            Double offered = byChannel.get(at + "/interactions/offered");
            rows.put(
                    label,
                    List.of(
                            label,
                            num(byChannel.get(at + "/sqi"), 1),
                            count(byChannel.get(at + "/feedback/n").longValue()),
                            num(byChannel.get(at + "/feedback/csat/percent"), 1),
                            count(offered == null ? 0 : offered.longValue()),
                            num(byChannel.get(at + "/interactions/answerRate"), 1),
                            count(0)));
        }
        return rows;
    }

    /**
     * The key drivers of CSAT, by least squares straight from the respondents with CSAT and all five perceptions
     * (centred, solved by Gauss–Jordan here): per dimension label its coefficient, standard error, t and verdict; the
     * sentence above the table says n and R² (or that there are too few respondents, below 30).
     */
    static Drivers drivers(Collection<ReferenceScorecard.Feedback> feedback) {
        List<double[]> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (ReferenceScorecard.Feedback response : feedback) {
            if (response.csat() == null || !response.servqual().keySet().containsAll(ReferenceScorecard.DIMENSIONS)) {
                continue;
            }
            double[] row = new double[ReferenceScorecard.DIMENSIONS.size()];
            for (int d = 0; d < row.length; d++) {
                row[d] = response.servqual().get(ReferenceScorecard.DIMENSIONS.get(d))[1];
            }
            x.add(row);
            y.add((double) response.csat());
        }
        int n = y.size();
        if (n < 30) {
            return new Drivers(
                    "Key drivers need at least 30 respondents who answered CSAT and all five perceptions; this period"
                            + " has " + n + ".",
                    Map.of());
        }
        int k = ReferenceScorecard.DIMENSIONS.size();
        double[] meanX = new double[k];
        double meanY = y.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        for (double[] row : x) {
            for (int d = 0; d < k; d++) {
                meanX[d] += row[d] / n;
            }
        }
        double[][] xtx = new double[k][k];
        double[] xty = new double[k];
        double tss = 0;
        for (int i = 0; i < n; i++) {
            double dy = y.get(i) - meanY;
            tss += dy * dy;
            for (int a = 0; a < k; a++) {
                double da = x.get(i)[a] - meanX[a];
                xty[a] += da * dy;
                for (int b = 0; b < k; b++) {
                    xtx[a][b] += da * (x.get(i)[b] - meanX[b]);
                }
            }
        }
        double[][] inverse = inverse(xtx);
        double[] beta = new double[k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                beta[a] += inverse[a][b] * xty[b];
            }
        }
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double fitted = meanY;
            for (int a = 0; a < k; a++) {
                fitted += beta[a] * (x.get(i)[a] - meanX[a]);
            }
            rss += (y.get(i) - fitted) * (y.get(i) - fitted);
        }
        double sigma2 = rss / (n - k - 1);
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (int a = 0; a < k; a++) {
            String dimension = ReferenceScorecard.DIMENSIONS.get(a);
            String label = Character.toUpperCase(dimension.charAt(0)) + dimension.substring(1);
            double se = Math.sqrt(sigma2 * inverse[a][a]);
            double t = beta[a] / se;
            rows.put(
                    label,
                    List.of(
                            label,
                            num(beta[a], 3),
                            num(se, 3),
                            num(t, 2),
                            Math.abs(t) >= Z ? "significant" : "not significant"));
        }
        return new Drivers(
                "CSAT regressed on the five SERVQUAL perceptions: " + count(n) + " respondents, R² "
                        + num(1 - rss / tss, 2) + ";",
                rows);
    }

    /** What the report says of the key drivers: its sentence (or the start of it) and the table's rows. */
    record Drivers(String sentence, Map<String, List<String>> rows) {}

    private static double[][] inverse(double[][] matrix) {
        int size = matrix.length;
        double[][] a = new double[size][2 * size];
        for (int i = 0; i < size; i++) {
            System.arraycopy(matrix[i], 0, a[i], 0, size);
            a[i][size + i] = 1;
        }
        for (int column = 0; column < size; column++) {
            int pivot = column;
            for (int row = column + 1; row < size; row++) {
                if (Math.abs(a[row][column]) > Math.abs(a[pivot][column])) {
                    pivot = row;
                }
            }
            double[] swap = a[column];
            a[column] = a[pivot];
            a[pivot] = swap;
            double divisor = a[column][column];
            for (int j = 0; j < 2 * size; j++) {
                a[column][j] /= divisor;
            }
            for (int row = 0; row < size; row++) {
                if (row != column) {
                    double factor = a[row][column];
                    for (int j = 0; j < 2 * size; j++) {
                        a[row][j] -= factor * a[column][j];
                    }
                }
            }
        }
        double[][] inverse = new double[size][size];
        for (int i = 0; i < size; i++) {
            System.arraycopy(a[i], size, inverse[i], 0, size);
        }
        return inverse;
    }

    /**
     * The staff table's rows as printed — list, member, rank, value, n, interval — for the best and weakest by CSAT
     * (feedback counts for the agent of the interaction it rates) and by first-contact resolution (answered
     * interactions), among agents with at least {@code minN}: ordered best first (then by id), a new tie group whenever
     * an interval no longer overlaps its group leader's, a group sharing its leader's rank; the weakest from the end,
     * never one of the best.
     */
    static List<List<String>> staffRows(
            Collection<ReferenceScorecard.Feedback> feedback,
            Collection<ReferenceScorecard.Interaction> interactions,
            long minN) {
        Map<String, ReferenceScorecard.Interaction> byId = new LinkedHashMap<>();
        interactions.forEach(i -> byId.put(i.eventId(), i));
        Map<String, long[]> csat = new java.util.TreeMap<>();
        Map<String, long[]> fcr = new java.util.TreeMap<>();
        for (ReferenceScorecard.Interaction interaction : interactions) {
            if (interaction.answered()) {
                long[] counts = fcr.computeIfAbsent(interaction.agentId(), a -> new long[2]);
                counts[0] += interaction.resolvedFirstContact() ? 1 : 0;
                counts[1]++;
            }
        }
        for (ReferenceScorecard.Feedback response : feedback) {
            if (response.interactionId() != null && response.csat() != null) {
                long[] counts =
                        csat.computeIfAbsent(byId.get(response.interactionId()).agentId(), a -> new long[2]);
                counts[0] += response.csat() >= 4 ? 1 : 0;
                counts[1]++;
            }
        }
        List<List<String>> rows = new ArrayList<>();
        listed(rows, "CSAT", csat, minN);
        listed(rows, "First-contact resolution", fcr, minN);
        return rows;
    }

    /**
     * How many agents are below standard on at least one measure with n ≥ {@code minN}: mean handle time above the
     * standard of their mix (180 s ordinary, 300 s complex), first-contact resolution below 70 %, CSAT below 80 % (the
     * default thresholds, {@code sqp.staff.*-below}).
     */
    static long agentsWithTrainingNeeds(
            Collection<ReferenceScorecard.Feedback> feedback,
            Collection<ReferenceScorecard.Interaction> interactions,
            long minN) {
        Map<String, ReferenceScorecard.Interaction> byId = new LinkedHashMap<>();
        interactions.forEach(i -> byId.put(i.eventId(), i));
        return interactions.stream()
                .map(ReferenceScorecard.Interaction::agentId)
                .distinct()
                .filter(agent -> {
                    List<ReferenceScorecard.Interaction> answered = interactions.stream()
                            .filter(i -> agent.equals(i.agentId()) && i.answered())
                            .toList();
                    List<Integer> csat = feedback.stream()
                            .filter(f -> f.interactionId() != null
                                    && agent.equals(byId.get(f.interactionId()).agentId())
                                    && f.csat() != null)
                            .map(ReferenceScorecard.Feedback::csat)
                            .toList();
                    boolean slow = answered.size() >= minN
                            && answered.stream()
                                            .mapToInt(ReferenceScorecard.Interaction::handleSeconds)
                                            .average()
                                            .orElse(0)
                                    > answered.stream()
                                            .mapToInt(i -> i.complex() ? 300 : 180)
                                            .average()
                                            .orElse(0);
                    boolean lowFcr = answered.size() >= minN
                            && 100.0
                                            * answered.stream()
                                                    .filter(ReferenceScorecard.Interaction::resolvedFirstContact)
                                                    .count()
                                            / answered.size()
                                    < 70;
                    boolean lowCsat = csat.size() >= minN
                            && 100.0 * csat.stream().filter(c -> c >= 4).count() / csat.size() < 80;
                    return slow || lowFcr || lowCsat;
                })
                .count();
    }

    private static void listed(List<List<String>> rows, String metric, Map<String, long[]> counts, long minN) {
        record Ranked(String id, Measure measure, int rank) {}
        List<String> ids = counts.keySet().stream()
                .filter(id -> counts.get(id)[1] >= minN)
                .sorted(java.util.Comparator.comparingDouble((String id) ->
                                -wilson(counts.get(id)[0], counts.get(id)[1]).value())
                        .thenComparing(id -> id))
                .toList();
        List<Ranked> ranked = new ArrayList<>();
        Measure leader = null;
        int rank = 0;
        for (int i = 0; i < ids.size(); i++) {
            Measure measure = wilson(counts.get(ids.get(i))[0], counts.get(ids.get(i))[1]);
            if (leader == null || leader.low() > measure.high() || measure.low() > leader.high()) {
                leader = measure;
                rank = i + 1;
            }
            ranked.add(new Ranked(ids.get(i), measure, rank));
        }
        int best = Math.min(3, ranked.size());
        List<Ranked> weakest = new ArrayList<>();
        for (int i = ranked.size() - 1; i >= best && weakest.size() < 3; i--) {
            weakest.add(ranked.get(i));
        }
        for (Ranked r : ranked.subList(0, best)) {
            rows.add(staffRow(metric + ", best", r.id(), r.rank(), r.measure()));
        }
        for (Ranked r : weakest) {
            rows.add(staffRow(metric + ", weakest", r.id(), r.rank(), r.measure()));
        }
    }

    private static List<String> staffRow(String list, String id, int rank, Measure measure) {
        return List.of(
                list,
                id,
                Integer.toString(rank),
                num(measure.value(), 1),
                count(measure.n()),
                num(measure.low(), 1) + " – " + num(measure.high(), 1));
    }

    /** The rows of the table under {@code heading} (also inside a section's {@code div}), each its cells' texts. */
    static List<List<String>> rowsUnder(String html, String heading) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        org.w3c.dom.Document document =
                factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        NodeList headings = document.getElementsByTagName("h2");
        for (int h = 0; h < headings.getLength(); h++) {
            if (!headings.item(h).getTextContent().strip().equals(heading)) {
                continue;
            }
            for (Node next = headings.item(h).getNextSibling(); next != null; next = next.getNextSibling()) {
                if (!(next instanceof Element element)) {
                    continue;
                }
                if (element.getTagName().equals("h2")) {
                    break;
                }
                NodeList tables = element.getTagName().equals("table") ? null : element.getElementsByTagName("table");
                Element table = element.getTagName().equals("table")
                        ? element
                        : tables.getLength() == 0 ? null : (Element) tables.item(0);
                if (table != null) {
                    List<List<String>> all = new ArrayList<>();
                    NodeList trs = table.getElementsByTagName("tr");
                    for (int r = 0; r < trs.getLength(); r++) {
                        NodeList tds = ((Element) trs.item(r)).getElementsByTagName("td");
                        List<String> cells = new ArrayList<>();
                        for (int c = 0; c < tds.getLength(); c++) {
                            cells.add(tds.item(c).getTextContent().strip().replaceAll("\\s+", " "));
                        }
                        if (!cells.isEmpty()) {
                            all.add(cells);
                        }
                    }
                    return all;
                }
            }
        }
        return List.of();
    }

    // ---- the measures, from the raw answers ----

    private static Measure csat(
            Collection<ReferenceScorecard.Feedback> feedback, Collection<ReferenceScorecard.Interaction> ignored) {
        List<Integer> answers = answers(feedback, ReferenceScorecard.Feedback::csat);
        return wilson(answers.stream().filter(a -> a >= 4).count(), answers.size());
    }

    private static Measure nps(
            Collection<ReferenceScorecard.Feedback> feedback, Collection<ReferenceScorecard.Interaction> ignored) {
        List<Integer> answers = answers(feedback, ReferenceScorecard.Feedback::nps);
        if (answers.isEmpty()) {
            return Measure.NONE;
        }
        long n = answers.size();
        long promoters = answers.stream().filter(a -> a >= 9).count();
        long detractors = answers.stream().filter(a -> a <= 6).count();
        double score = 100.0 * (promoters - detractors) / n;
        // adjusted Wald (Rocks 2016): ¾ to promoters and detractors, 3 to n
        double p = (promoters + 0.75) / (n + 3.0);
        double d = (detractors + 0.75) / (n + 3.0);
        double half = Z * 100 * Math.sqrt((p + d - (p - d) * (p - d)) / (n + 3.0));
        double centre = 100 * (p - d);
        return new Measure(score, n, Math.max(-100, centre - half), Math.min(100, centre + half));
    }

    private static Measure ces(
            Collection<ReferenceScorecard.Feedback> feedback, Collection<ReferenceScorecard.Interaction> ignored) {
        List<Integer> answers = answers(feedback, ReferenceScorecard.Feedback::ces);
        if (answers.isEmpty()) {
            return Measure.NONE;
        }
        double mean = answers.stream().mapToInt(Integer::intValue).average().orElseThrow();
        if (answers.size() < 2) {
            return new Measure(mean, 1, null, null);
        }
        double squares =
                answers.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum();
        double half = Z * Math.sqrt(squares / (answers.size() - 1)) / Math.sqrt(answers.size());
        return new Measure(mean, answers.size(), mean - half, mean + half);
    }

    private static List<Integer> answers(
            Collection<ReferenceScorecard.Feedback> feedback,
            java.util.function.Function<ReferenceScorecard.Feedback, Integer> answer) {
        return feedback.stream().map(answer).filter(a -> a != null).toList();
    }

    private static Measure wilson(long part, long whole) {
        if (whole == 0) {
            return Measure.NONE;
        }
        double p = (double) part / whole;
        double z2 = Z * Z;
        double centre = (p + z2 / (2.0 * whole)) / (1 + z2 / whole);
        double half = Z * Math.sqrt(p * (1 - p) / whole + z2 / (4.0 * whole * whole)) / (1 + z2 / whole);
        return new Measure(100.0 * p, whole, Math.max(0, 100 * (centre - half)), Math.min(100, 100 * (centre + half)));
    }

    private static Measure measureOf(Double value, long n) {
        return value == null ? Measure.NONE : new Measure(value, n, null, null);
    }

    // ---- the rows as printed ----

    private interface Of {
        Measure apply(
                Collection<ReferenceScorecard.Feedback> feedback,
                Collection<ReferenceScorecard.Interaction> interactions);
    }

    private static void row(
            Map<String, List<String>> rows,
            String label,
            int digits,
            Of of,
            Collection<ReferenceScorecard.Feedback> feedback,
            Collection<ReferenceScorecard.Interaction> interactions,
            Collection<ReferenceScorecard.Feedback> feedbackBefore,
            Collection<ReferenceScorecard.Interaction> interactionsBefore) {
        rows.put(
                label,
                cells(
                        label,
                        digits,
                        of.apply(feedback, interactions),
                        of.apply(feedbackBefore, interactionsBefore),
                        of.apply(List.of(), List.of())));
    }

    private static List<String> cells(String label, int digits, Measure now, Measure before, Measure yearBefore) {
        return List.of(
                label,
                num(now.value(), digits),
                count(now.n()),
                now.hasInterval() ? num(now.low(), digits) + " – " + num(now.high(), digits) : NONE,
                num(before.value(), digits),
                compared(now, before, digits),
                num(yearBefore.value(), digits),
                compared(now, yearBefore, digits));
    }

    /** The change and the verdict, as the cell's text has them (one after the other, blanks made one). */
    private static String compared(Measure now, Measure earlier, int digits) {
        if (now.value() == null || earlier.value() == null) {
            return NONE + " no data";
        }
        String change = change(now.value() - earlier.value(), digits);
        if (!now.hasInterval() || !earlier.hasInterval()) {
            return change + " no interval";
        }
        boolean overlap = now.low() <= earlier.high() && earlier.low() <= now.high();
        return change + (overlap ? " not significant" : " significant");
    }

    static String num(Double value, int digits) {
        if (value == null) {
            return NONE;
        }
        NumberFormat format = NumberFormat.getNumberInstance(Locale.ENGLISH);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        String formatted = format.format(value);
        return formatted.startsWith("-") ? "−" + formatted.substring(1) : formatted;
    }

    private static String count(long value) {
        return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(value);
    }

    private static String change(double value, int digits) {
        String magnitude = num(Math.abs(value), digits);
        if (magnitude.equals(num(0.0, digits))) {
            return "±" + magnitude;
        }
        return (value > 0 ? "+" : "−") + magnitude;
    }

    // ---- the report's HTML, read back ----

    /**
     * The report's tables by the heading ({@code h2}) above them, each as its rows' cell texts keyed by the first cell
     * (header rows left out).
     */
    static Map<String, Map<String, List<String>>> tables(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        org.w3c.dom.Document document =
                factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        Node body = document.getElementsByTagName("body").item(0);
        Map<String, Map<String, List<String>>> tables = new LinkedHashMap<>();
        String heading = null;
        for (Node child = body.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (!(child instanceof Element element)) {
                continue;
            }
            if (element.getTagName().equals("h2")) {
                heading = element.getTextContent().strip();
            } else if (element.getTagName().equals("table") && heading != null) {
                tables.put(heading, rowsOf(element));
            }
        }
        return tables;
    }

    private static Map<String, List<String>> rowsOf(Element table) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        NodeList trs = table.getElementsByTagName("tr");
        for (int r = 0; r < trs.getLength(); r++) {
            NodeList tds = ((Element) trs.item(r)).getElementsByTagName("td");
            if (tds.getLength() == 0) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < tds.getLength(); c++) {
                cells.add(tds.item(c).getTextContent().strip().replaceAll("\\s+", " "));
            }
            rows.put(cells.get(0), cells);
        }
        return rows;
    }

    /** The first {@code count} cells of each row (the report prints bars after the figures). */
    static Map<String, List<String>> firstCells(Map<String, List<String>> rows, int count) {
        Map<String, List<String>> cut = new LinkedHashMap<>();
        rows.forEach((key, cells) -> cut.put(key, cells.subList(0, Math.min(count, cells.size()))));
        return cut;
    }
}

package io.servicequality.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results as a Markdown table and an SVG plot of latency and freshness against offered load. */
final class Report {

    record Step(
            LoadStep.Result load,
            FreshnessProbe.Freshness freshness,
            double cpuSecondsPerEvent,
            Map<String, ProcessStats.Sample> processes,
            Map<String, Double> storeCommandsPerEvent) {}

    /** The lines of the plot: ingest latency and freshness, each at p50 and p99. */
    private record Series(String label, String color, java.util.function.ToDoubleFunction<Step> value) {}

    private static final List<Series> SERIES = List.of(
            new Series("ingest p50", "#1f77b4", s -> s.load().ingestMillis().p50()),
            new Series("ingest p99", "#aec7e8", s -> s.load().ingestMillis().p99()),
            new Series("freshness p50", "#d62728", s -> s.freshness().millis().p50()),
            new Series("freshness p99", "#ff9896", s -> s.freshness().millis().p99()));

    private Report() {}

    static String markdown(
            String mode, List<Step> steps, String producerPerformance, double producerRate, double sustainedRatio) {
        StringBuilder out = new StringBuilder();
        out.append("| mode | offered ev/s | accepted ev/s | / ProducerPerformance | failed req | not sent |"
                + " ingest p50 ms | ingest p99 ms | freshness p50 ms | freshness p99 ms | probes (not seen) |"
                + " CPU ms/event |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Step step : steps) {
            LoadStep.Result load = step.load();
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %.0f | %.0f | %s | %d | %d | %.1f | %.1f | %s%.0f | %s%.0f | %d (%d) | %.3f |%n",
                    mode,
                    load.offeredEventsPerSecond(),
                    load.acceptedEventsPerSecond(),
                    ratio(load.acceptedEventsPerSecond(), producerRate),
                    load.failedRequests(),
                    load.notSent(),
                    load.ingestMillis().p50(),
                    load.ingestMillis().p99(),
                    step.freshness().bound(),
                    step.freshness().millis().p50(),
                    step.freshness().bound(),
                    step.freshness().millis().p99(),
                    step.freshness().millis().n(),
                    step.freshness().unseen(),
                    step.cpuSecondsPerEvent() * 1000));
        }
        if (!steps.isEmpty()) {
            out.append(
                    "\nStore commands per accepted event (MongoDB driver command listener, `mongodb.driver.commands`),"
                            + " per service:\n\n| offered ev/s |");
            var services = steps.get(0).storeCommandsPerEvent().keySet();
            services.forEach(service -> out.append(' ').append(service).append(" |"));
            out.append("\n|---|").append("---|".repeat(services.size())).append('\n');
            for (Step step : steps) {
                out.append(String.format(Locale.ROOT, "| %.0f |", step.load().offeredEventsPerSecond()));
                services.forEach(service -> out.append(String.format(
                        Locale.ROOT, " %.3f |", step.storeCommandsPerEvent().getOrDefault(service, Double.NaN))));
                out.append('\n');
            }
            out.append("\nPeak resident memory (VmHWM) and CPU seconds over the whole run, per process:\n\n");
            out.append("| process | CPU s | peak RSS MiB |\n|---|---|---|\n");
            steps.get(steps.size() - 1)
                    .processes()
                    .forEach((name, sample) -> out.append(String.format(
                            Locale.ROOT,
                            "| %s | %.1f | %.0f |%n",
                            name,
                            sample.cpuSeconds(),
                            sample.peakRssKiB() / 1024.0)));
        }
        out.append("\nKafka ProducerPerformance on the same broker, idle, before the sweep: ")
                .append(producerPerformance)
                .append("\nSustained accepted rate / ProducerPerformance rate: ")
                .append(Double.isFinite(sustainedRatio) ? String.format(Locale.ROOT, "%.3f", sustainedRatio) : "—")
                .append('\n');
        return out.toString();
    }

    /** {@code rate / reference} to three places, or a dash when there is no reference (ProducerPerformance skipped). */
    static String ratio(double rate, double reference) {
        return Double.isFinite(reference) && reference > 0 ? String.format(Locale.ROOT, "%.3f", rate / reference) : "—";
    }

    /** Latency (ingest p50/p99) and freshness (p50/p99) in ms against offered events/s. */
    static String svg(String title, List<Step> steps) {
        int width = 720;
        int height = 420;
        int left = 70;
        int right = 160;
        int top = 40;
        int bottom = 50;
        double maxX = steps.stream()
                .mapToDouble(s -> s.load().offeredEventsPerSecond())
                .max()
                .orElse(1);
        double maxY = steps.stream()
                .flatMapToDouble(s -> java.util.stream.DoubleStream.of(
                        s.load().ingestMillis().p99(), s.freshness().millis().p99()))
                .filter(v -> !Double.isNaN(v))
                .max()
                .orElse(1);
        maxY = niceCeiling(maxY);
        StringBuilder svg = new StringBuilder();
        svg.append(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n"
                        .formatted(width, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append("<text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>%n".formatted(left, escape(title)));
        int plotWidth = width - left - right;
        int plotHeight = height - top - bottom;
        svg.append("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n"
                .formatted(left, top + plotHeight, left + plotWidth, top + plotHeight));
        svg.append("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n"
                .formatted(left, top, left, top + plotHeight));
        for (int i = 0; i <= 4; i++) {
            double y = maxY * i / 4;
            int py = top + plotHeight - (int) (plotHeight * i / 4.0);
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.0f</text><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                    left - 6,
                    py + 4,
                    y,
                    left,
                    py,
                    left + plotWidth,
                    py));
        }
        for (Step step : steps) {
            double x = step.load().offeredEventsPerSecond();
            int px = left + (int) (plotWidth * x / maxX);
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%.0f</text>%n",
                    px,
                    top + plotHeight + 18,
                    x));
        }
        svg.append("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">offered events/s</text>%n"
                .formatted(left + plotWidth / 2, height - 10));
        svg.append("<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" text-anchor=\"middle\">ms</text>%n"
                .formatted(top + plotHeight / 2, top + plotHeight / 2));
        for (int index = 0; index < SERIES.size(); index++) {
            Series series = SERIES.get(index);
            series(
                    svg,
                    steps,
                    series.value(),
                    series.color(),
                    series.label(),
                    index,
                    maxX,
                    maxY,
                    left,
                    top,
                    plotWidth,
                    plotHeight,
                    width - right + 10);
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void series(
            StringBuilder svg,
            List<Step> steps,
            java.util.function.ToDoubleFunction<Step> value,
            String color,
            String label,
            int index,
            double maxX,
            double maxY,
            int left,
            int top,
            int plotWidth,
            int plotHeight,
            int legendX) {
        StringBuilder points = new StringBuilder();
        for (Step step : steps) {
            double y = value.applyAsDouble(step);
            if (Double.isNaN(y)) {
                continue;
            }
            int px = left + (int) (plotWidth * step.load().offeredEventsPerSecond() / maxX);
            int py = top + plotHeight - (int) (plotHeight * Math.min(y, maxY) / maxY);
            points.append(px).append(',').append(py).append(' ');
            svg.append("<circle cx=\"%d\" cy=\"%d\" r=\"3\" fill=\"%s\"/>%n".formatted(px, py, color));
        }
        svg.append("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n"
                .formatted(color, points.toString().trim()));
        int ly = top + 14 + index * 18;
        svg.append("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>"
                        .formatted(legendX, ly - 4, legendX + 18, ly - 4, color))
                .append("<text x=\"%d\" y=\"%d\">%s</text>%n".formatted(legendX + 24, ly, label));
    }

    private static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(value, 1))));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (value <= step * magnitude) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;");
    }
}

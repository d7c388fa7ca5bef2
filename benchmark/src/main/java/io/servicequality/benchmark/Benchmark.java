package io.servicequality.benchmark;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./platform bench}: a sweep of offered load against the running local stack; options in {@link #USAGE}.
 * Addresses come from the same environment variables as {@code ./platform up} (KAFKA_PORT, FEEDBACK_SERVICE_PORT,
 * COMPLAINT_SERVICE_PORT, PLATFORM_DATA_DIR).
 */
public final class Benchmark {

    static final String USAGE = """
            ./platform bench [options]: a sweep of offered load against the running local stack (./platform up)
            --mode single|batch   one event per request, or batches of --batch-size (default single)
            --batch-size 100      events per request in batch mode
            --rates 250,500,1000  offered events per second, one step each
            --step-seconds 30     length of each step
            --warmup-seconds 10   one warm-up step at the first rate, not measured
            --branches 200        branches the events are spread over
            --mix full            full: feedback 50 %, interactions 48 %, complaints 2 %; complaints: openings only;
                                  or F,I,C percentages (e.g. 60,30,10)
            --producer-records N  records for Kafka's ProducerPerformance on the idle broker before the sweep (0 skips
                                  it; default 300000)

            The services admit at most SQP_RATE_LIMIT_PER_SECOND requests per second per credential and instance
            (default 1000): start the stack with a higher value (e.g. SQP_RATE_LIMIT_PER_SECOND=100000 ./platform up)
            so that the quota is not what limits the sweep, and run the bench with the same variable so the report
            states it.
            --out DIR             where results.md and the plot go (default benchmark/target/bench-results)
            """;

    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args, USAGE);
        if (options == null) {
            return;
        }
        String mode = options.get("mode", "single");
        int batchSize = mode.equals("batch") ? Integer.parseInt(options.get("batch-size", "100")) : 1;
        double[] rates = Arrays.stream(options.get("rates", "250,500,1000").split(","))
                .mapToDouble(Double::parseDouble)
                .toArray();
        Duration step = Duration.ofSeconds(Long.parseLong(options.get("step-seconds", "30")));
        Duration warmup = Duration.ofSeconds(Long.parseLong(options.get("warmup-seconds", "10")));
        int branches = Integer.parseInt(options.get("branches", "200"));
        long producerRecords = Long.parseLong(options.get("producer-records", "300000"));
        Path out = Path.of(options.get("out", "benchmark/target/bench-results"));
        Path dataDir = Path.of(LocalStack.env("PLATFORM_DATA_DIR", ".platform"));
        String kafka = "localhost:" + LocalStack.env("KAFKA_PORT", "9092");

        Map<EventMix.Kind, String> urls = new EnumMap<>(EventMix.Kind.class);
        urls.put(EventMix.Kind.FEEDBACK, LocalStack.FEEDBACK_URL);
        urls.put(EventMix.Kind.INTERACTION, urls.get(EventMix.Kind.FEEDBACK));
        urls.put(EventMix.Kind.COMPLAINT, LocalStack.COMPLAINT_URL);

        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        EventMix.Shares shares = EventMix.Shares.parse(options.get("mix", "full"));
        EventMix mix = new EventMix(42, branches, shares);

        // the broker's own limit, measured while it is idle, before the sweep
        String producerPerformance = "skipped";
        double producerRate = Double.NaN;
        if (producerRecords > 0) {
            int recordSize = averageRecordSize(shares);
            System.out.printf(
                    Locale.ROOT, "ProducerPerformance: %d records of %d bytes%n", producerRecords, recordSize);
            List<String> output = ProducerPerformance.run(kafka, producerRecords, recordSize);
            producerPerformance =
                    "`" + String.join(" ", ProducerPerformance.command(kafka, producerRecords, recordSize)) + "` → "
                            + output.get(output.size() - 1);
            producerRate = ProducerPerformance.recordsPerSecond(output);
            System.out.println(output.get(output.size() - 1));
        }
        LoadStep load = new LoadStep(http, urls, mix, batchSize, 4096);
        ProcessStats processes = new ProcessStats(dataDir.resolve("run"));
        Map<String, String> services = new java.util.LinkedHashMap<>();
        services.put("feedback", urls.get(EventMix.Kind.FEEDBACK));
        services.put("complaint", urls.get(EventMix.Kind.COMPLAINT));
        services.put("scoring", LocalStack.SCORING_URL);
        services.put("reporting", LocalStack.REPORTING_URL);
        StoreOperations storeOperations = new StoreOperations(http, services);
        List<Report.Step> steps = new ArrayList<>();

        try (FreshnessProbe probe = new FreshnessProbe(
                HttpClient.newHttpClient(),
                urls.get(EventMix.Kind.FEEDBACK) + EventMix.Kind.FEEDBACK.path,
                LocalStack.REPORTING_URL,
                new EventMix(7, 1))) {
            ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor();
            prober.scheduleWithFixedDelay(
                    () -> {
                        try {
                            probe.probe();
                        } catch (Exception e) {
                            // a failed probe is just not measured; the load step counts failures
                        }
                    },
                    0,
                    250,
                    TimeUnit.MILLISECONDS);
            System.out.printf(Locale.ROOT, "warm-up: %.0f events/s for %ds%n", rates[0], warmup.toSeconds());
            load.run(rates[0], warmup);
            for (double rate : rates) {
                Map<String, ProcessStats.Sample> before = processes.sample();
                Map<String, Double> commandsBefore = storeOperations.sample();
                long probesBefore = probe.probesSent();
                LoadStep.Result result = load.run(rate, step);
                // the step's probes are those sent during its load; the ones sent while waiting belong to none
                long probesAfter = probe.probesSent();
                waitForProbes(probe, probesBefore, probesAfter);
                Map<String, ProcessStats.Sample> after = processes.sample();
                // what the step's events cost, including the work they left queued (bounded by the probes' wait)
                Map<String, Double> commandsPerEvent = StoreOperations.perEvent(
                        commandsBefore, storeOperations.sample(), result.acceptedEvents() + probesAfter - probesBefore);
                double cpu = after.entrySet().stream()
                        .mapToDouble(e -> e.getValue().cpuSeconds()
                                - before.getOrDefault(e.getKey(), new ProcessStats.Sample(0, 0))
                                        .cpuSeconds())
                        .sum();
                Report.Step measured = new Report.Step(
                        result,
                        probe.freshness(probesBefore, probesAfter),
                        result.acceptedEvents() == 0 ? Double.NaN : cpu / result.acceptedEvents(),
                        after,
                        commandsPerEvent);
                steps.add(measured);
                System.out.printf(
                        Locale.ROOT,
                        "offered %.0f ev/s: accepted %.0f ev/s, ingest p50 %.1f ms p99 %.1f ms, freshness p50 %s%.0f ms"
                                + " p99 %s%.0f ms (%d probes, %d not seen)%n",
                        rate,
                        result.acceptedEventsPerSecond(),
                        result.ingestMillis().p50(),
                        result.ingestMillis().p99(),
                        measured.freshness().bound(),
                        measured.freshness().millis().p50(),
                        measured.freshness().bound(),
                        measured.freshness().millis().p99(),
                        measured.freshness().millis().n(),
                        measured.freshness().unseen());
            }
            prober.shutdownNow();
        }

        double sustained = steps.stream()
                .filter(s ->
                        s.load().acceptedEventsPerSecond() >= 0.95 * s.load().offeredEventsPerSecond())
                .mapToDouble(s -> s.load().acceptedEventsPerSecond())
                .max()
                .orElse(0);
        Files.createDirectories(out);
        String stamp = Instant.now().toString().replace(":", "");
        String markdown = "# Benchmark " + Instant.now() + " (" + mode + ")\n\n"
                + "Command: `./platform bench " + String.join(" ", args) + "`\n\n"
                + "Mix: " + shares + " over " + branches + " branches. Ingest quota per credential and instance:"
                + " SQP_RATE_LIMIT_PER_SECOND=" + LocalStack.env("SQP_RATE_LIMIT_PER_SECOND", "1000 (default)")
                + ".\n\n"
                + Report.markdown(mode, steps, producerPerformance, producerRate, sustained / producerRate);
        Path results = out.resolve("results-" + mode + "-" + stamp + ".md");
        Files.writeString(results, markdown, StandardCharsets.UTF_8);
        Path plot = out.resolve("latency-vs-load-" + mode + "-" + stamp + ".svg");
        Files.writeString(plot, Report.svg("Ingest latency and freshness vs offered load (" + mode + ")", steps));
        System.out.println(markdown);
        System.out.println("written: " + results + " and " + plot);
        System.exit(0);
    }

    /** Gives the last probes of a step a few seconds to show up in the metric stream. */
    private static void waitForProbes(FreshnessProbe probe, long probesBefore, long probesAfter)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (probe.freshness(probesBefore, probesAfter).unseen() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private static int averageRecordSize(EventMix.Shares shares) {
        EventMix sample = new EventMix(1, 200, shares);
        Instant now = Instant.now();
        long total = 0;
        for (int i = 0; i < 1000; i++) {
            total += sample.body(sample.nextKind(), now).length();
        }
        return (int) (total / 1000);
    }

    static String readAll(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}

package io.servicequality.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own {@code org.apache.kafka.tools.ProducerPerformance} against the same broker, with the same record size
 * and durability (acks=all, idempotent) and batching tuned for throughput ({@value #BATCHING}): the physical limit our
 * sustained rate is compared with. Runs from the jars local-platform copies for the broker, on the idle broker before
 * the sweep.
 */
final class ProducerPerformance {

    private static final Pattern RATE = Pattern.compile("([0-9.]+) records/sec");

    /** The producer's batching: up to 64 KiB per partition batch, waiting at most 5 ms to fill one, compressed. */
    static final String BATCHING = "linger.ms=5 batch.size=65536 compression.type=lz4";

    private ProducerPerformance() {}

    static List<String> command(String bootstrapServers, long records, int recordSize) {
        return List.of(
                "java",
                "-cp",
                Path.of("local-platform", "target", "lib").toAbsolutePath() + "/*",
                "org.apache.kafka.tools.ProducerPerformance",
                "--topic",
                "sqp.benchmark-producer-performance",
                "--num-records",
                Long.toString(records),
                "--record-size",
                Integer.toString(recordSize),
                "--throughput",
                "-1",
                "--producer-props",
                "bootstrap.servers=" + bootstrapServers,
                "acks=all",
                "enable.idempotence=true",
                "linger.ms=5",
                "batch.size=65536",
                "compression.type=lz4");
    }

    static List<String> run(String bootstrapServers, long records, int recordSize)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command(bootstrapServers, records, recordSize))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String> lines = Benchmark.readAll(process).lines().toList();
        process.waitFor();
        return lines.isEmpty() ? List.of("no output") : lines;
    }

    static double recordsPerSecond(List<String> output) {
        Matcher matcher = RATE.matcher(output.get(output.size() - 1));
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }
}

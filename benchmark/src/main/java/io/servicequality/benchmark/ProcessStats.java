package io.servicequality.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time and peak resident memory of the local stack's processes, read from {@code /proc} (Linux). The processes
 * are found through the pid files {@code ./platform up} writes to {@code <data dir>/run/<name>.pid}.
 */
final class ProcessStats {

    /** Linux's USER_HZ: /proc reports CPU time in these ticks. */
    private static final double TICKS_PER_SECOND = 100.0;

    record Sample(double cpuSeconds, long peakRssKiB) {}

    private final Map<String, Long> pids = new LinkedHashMap<>();

    ProcessStats(Path runDirectory) throws IOException {
        if (Files.isDirectory(runDirectory)) {
            try (Stream<Path> files = Files.list(runDirectory)) {
                files.filter(file -> file.toString().endsWith(".pid")).sorted().forEach(file -> {
                    String name = file.getFileName().toString().replace(".pid", "");
                    try {
                        pids.put(name, Long.parseLong(Files.readString(file).trim()));
                    } catch (IOException | NumberFormatException e) {
                        // a stale or unreadable pid file: that process is simply not measured
                    }
                });
            }
        }
    }

    Map<String, Sample> sample() {
        Map<String, Sample> samples = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            try {
                String stat = Files.readString(Path.of("/proc", pid.toString(), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // after the command name: state is field 3, utime 14 and stime 15 (1-based in proc(5))
                double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
                long peak = Files.readAllLines(Path.of("/proc", pid.toString(), "status")).stream()
                        .filter(line -> line.startsWith("VmHWM:"))
                        .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                        .findFirst()
                        .orElse(0);
                samples.put(name, new Sample(cpu, peak));
            } catch (IOException | RuntimeException e) {
                // the process ended: not measured
            }
        });
        return samples;
    }
}

package io.servicequality.localplatform.reset;

import io.servicequality.localplatform.stack.Console;
import io.servicequality.localplatform.stack.PidFiles;
import io.servicequality.localplatform.stack.PlatformException;
import io.servicequality.localplatform.stack.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ./platform reset}: the next {@code ./platform up} starts from nothing. Deletes what the platform keeps in
 * its data directory, saying what, and only that: a mistyped {@code PLATFORM_DATA_DIR} pointing at a directory of
 * the user's loses nothing the platform did not write. Refused while the platform runs.
 */
public final class Reset {

    private Reset() {}

    public static int run(Settings settings) throws IOException {
        PidFiles pidFiles = new PidFiles(settings);
        pidFiles.launcher().ifPresent(up -> {
            throw new PlatformException("./platform up is running on " + settings.dataDir() + " (pid " + up.pid()
                    + "); stop it first with ./platform down");
        });
        if (!pidFiles.alive().isEmpty()) {
            throw new PlatformException("processes of an earlier ./platform up still run on " + settings.dataDir()
                    + " (" + String.join(", ", pidFiles.alive().keySet()) + "); stop them first with ./platform down");
        }
        Path dataDir = settings.dataDir();
        Map<Path, String> owned = new LinkedHashMap<>();
        owned.put(settings.kafkaDir(), "the Kafka broker's topics, consumer offsets and cluster id");
        owned.put(settings.storeDir(), "the embedded store's file: every service's database");
        owned.put(
                dataDir.resolve("kafka-cluster"),
                "the three brokers of ./platform up --cluster: topics, offsets, cluster id");
        owned.put(dataDir.resolve("scoring-streams"), "scoring-service's stream state (RocksDB)");
        owned.put(dataDir.resolve("scoring-streams-2"), "the second scoring instance's stream state (--cluster)");
        owned.put(settings.clusterMarker(), "the mark of a platform run as a cluster (./platform up --cluster)");
        owned.put(settings.securityDir(), "the token signing key pair: tokens printed so far stop being accepted");
        owned.put(
                settings.devAuthDir(),
                "the development authorization server's signing key: its tokens issued so far stop verifying");
        owned.put(settings.logDir(), "the logs");
        owned.put(settings.runDir(), "pid files");
        owned.put(settings.launcherPidFile(), "the pid file of ./platform up");
        owned.keySet().removeIf(path -> !Files.exists(path));
        if (owned.isEmpty()) {
            Console.say("nothing to reset: there is no platform data in " + dataDir);
            return 0;
        }
        Console.say("deleting the platform's data in " + dataDir + ":");
        owned.forEach((path, what) -> Console.say("  %-18s %9s  %s"
                .formatted(dataDir.relativize(path) + (Files.isDirectory(path) ? "/" : ""), size(path), what)));
        for (Path path : owned.keySet()) {
            delete(path);
        }
        List<String> kept = remaining(dataDir);
        if (kept.isEmpty()) {
            Files.deleteIfExists(dataDir);
            Console.say("deleted " + dataDir + "; the next ./platform up starts from nothing");
        } else {
            Console.say("deleted; kept what the platform did not write there: " + String.join(", ", kept));
        }
        Path stateDir = settings.scoringStateDir();
        if (!stateDir.startsWith(dataDir) && Files.exists(stateDir)) {
            Console.say("note: SQP_SCORING_STATE_DIR (" + stateDir + ") is outside the data directory and was kept;"
                    + " delete it too, its state belongs to the topics just deleted");
        }
        return 0;
    }

    private static List<String> remaining(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(entry -> entry.getFileName().toString()).sorted().toList();
        }
    }

    private static void delete(Path path) throws IOException {
        try (Stream<Path> tree = Files.walk(path)) {
            tree.sorted(Comparator.reverseOrder()).forEach(entry -> {
                try {
                    Files.delete(entry);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw new PlatformException(
                    "could not delete " + path + ": " + e.getCause().getMessage(), e);
        }
    }

    private static String size(Path path) {
        long bytes;
        try (Stream<Path> tree = Files.walk(path)) {
            bytes = tree.filter(Files::isRegularFile)
                    .mapToLong(file -> {
                        try {
                            return Files.size(file);
                        } catch (IOException e) {
                            return 0;
                        }
                    })
                    .sum();
        } catch (IOException | UncheckedIOException e) {
            return "?";
        }
        if (bytes < 1024 * 1024) {
            return "%d KB".formatted((bytes + 1023) / 1024);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}

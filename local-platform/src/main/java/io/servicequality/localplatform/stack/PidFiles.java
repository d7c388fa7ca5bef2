package io.servicequality.localplatform.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who runs on a data directory: {@code run/<name>.pid} per process of the stack (read by {@code ./platform bench},
 * {@code catch-up} and {@code check-counts --kill} too) and {@code platform.pid} for {@code ./platform up} itself, so
 * that {@code down}, {@code status} and {@code reset} in another terminal find it.
 */
public final class PidFiles {

    private static final String LAUNCHER_MAIN = "io.servicequality.localplatform.Launcher";

    private final Settings settings;

    public PidFiles(Settings settings) {
        this.settings = settings;
    }

    public void write(String process, long pid) {
        write(settings.pidFile(process), pid);
    }

    /** The pid in {@code run/<process>.pid}, whether or not that process still runs. */
    public Optional<Long> pid(String process) {
        return read(settings.pidFile(process));
    }

    /** The processes of the stack that run now, as their pid files say, in start order. */
    public Map<String, ProcessHandle> alive() {
        Map<String, ProcessHandle> alive = new LinkedHashMap<>();
        for (String process : new Stack(settings).processes()) {
            pid(process)
                    .flatMap(ProcessHandle::of)
                    .filter(ProcessHandle::isAlive)
                    .filter(handle -> Stack.looksLike(process, handle))
                    .ifPresent(handle -> alive.put(process, handle));
        }
        return alive;
    }

    /** The {@code ./platform up} running on this data directory, if one does. */
    public Optional<ProcessHandle> launcher() {
        return read(settings.launcherPidFile())
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.pid() != ProcessHandle.current().pid())
                .filter(handle -> handle.info()
                        .commandLine()
                        .map(line -> line.contains(LAUNCHER_MAIN))
                        .orElse(true));
    }

    /** Records this process as the {@code ./platform up} of the data directory; refuses when another one runs. */
    public void claimLauncher() {
        launcher().ifPresent(other -> {
            throw new PlatformException("./platform up is already running on " + settings.dataDir() + " (pid "
                    + other.pid() + "); stop it with ./platform down, or use another PLATFORM_DATA_DIR");
        });
        write(settings.launcherPidFile(), ProcessHandle.current().pid());
    }

    public void releaseLauncher() {
        Path file = settings.launcherPidFile();
        if (read(file).filter(pid -> pid == ProcessHandle.current().pid()).isPresent()) {
            delete(file);
        }
    }

    /** Forgets every process's pid (they have all stopped): a later run starts with an empty run directory. */
    public void clearProcesses() {
        try {
            if (Files.isDirectory(settings.runDir())) {
                try (var files = Files.list(settings.runDir())) {
                    files.forEach(PidFiles::delete);
                }
            }
        } catch (IOException e) {
            // what is left is harmless: stale pid files are checked against the running processes when read
        }
    }

    private static void write(Path file, long pid) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, pid + "\n");
        } catch (IOException e) {
            throw new PlatformException("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Long> read(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a pid file that cannot be deleted is only stale; readers check the process behind it
        }
    }
}

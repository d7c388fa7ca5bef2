package io.servicequality.localplatform.logs;

import io.servicequality.localplatform.stack.Console;
import io.servicequality.localplatform.stack.PlatformException;
import io.servicequality.localplatform.stack.Settings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code ./platform logs NAME [--tail N] [--follow]}: a process's log file under the data directory, whole or its
 * last lines, and, with {@code --follow}, what is appended to it until Ctrl-C (also across a restart of the process,
 * which appends to the same file). Without a name, lists the logs there are.
 */
public final class Logs {

    static final String USAGE =
            "./platform logs NAME [--tail N] [--follow]   (NAME: kafka, embedded-store, dev-authorization-server, a service, staff-console)";
    private static final long FOLLOW_POLL_MILLIS = 250;

    private Logs() {}

    public static int run(Settings settings, List<String> args) throws IOException, InterruptedException {
        String name = null;
        Integer tail = null;
        boolean follow = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "-f", "--follow" -> follow = true;
                case "-n", "--tail" -> {
                    if (i + 1 == args.size()) {
                        throw new PlatformException(arg + " needs a number of lines; usage: " + USAGE);
                    }
                    tail = lines(args.get(++i));
                }
                default -> {
                    if (arg.startsWith("-") || name != null) {
                        throw new PlatformException("unexpected '" + arg + "'; usage: " + USAGE);
                    }
                    name = arg;
                }
            }
        }
        List<String> available = available(settings.logDir());
        if (name == null) {
            Console.say(
                    available.isEmpty()
                            ? "no logs yet in " + settings.logDir()
                            : "logs in " + settings.logDir() + ": " + String.join(", ", available));
            Console.say("usage: " + USAGE);
            return 0;
        }
        Path log = settings.logDir().resolve(name.endsWith(".log") ? name : name + ".log");
        if (!Files.isRegularFile(log)) {
            throw new PlatformException("no log named '" + name + "' in " + settings.logDir()
                    + (available.isEmpty()
                            ? " (none yet: start the platform with ./platform up)"
                            : "; there are: " + String.join(", ", available)));
        }
        long position = tail == null ? 0 : startOfLastLines(log, tail);
        position = copy(log, position, System.out);
        while (follow) {
            Thread.sleep(FOLLOW_POLL_MILLIS); // a plain file has no change notification that works everywhere
            long size = Files.size(log);
            if (size < position) {
                // the file was replaced or truncated (./platform reset): follow the new one from its start
                position = 0;
            }
            position = copy(log, position, System.out);
        }
        return 0;
    }

    private static int lines(String value) {
        try {
            int lines = Integer.parseInt(value);
            if (lines >= 0) {
                return lines;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PlatformException("--tail needs a number of lines, not '" + value + "'");
    }

    private static List<String> available(Path logDir) throws IOException {
        if (!Files.isDirectory(logDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(logDir)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(file -> file.endsWith(".log"))
                    .map(file -> file.substring(0, file.length() - ".log".length()))
                    .sorted()
                    .toList();
        }
    }

    /** The offset at which the last {@code lines} lines of the file begin (a final newline ends the last line). */
    static long startOfLastLines(Path file, int lines) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long end = in.length();
            if (lines == 0) {
                return end;
            }
            byte[] buffer = new byte[8192];
            long position = end;
            int newlines = 0;
            while (position > 0) {
                int length = (int) Math.min(buffer.length, position);
                position -= length;
                in.seek(position);
                in.readFully(buffer, 0, length);
                for (int i = length - 1; i >= 0; i--) {
                    if (buffer[i] == '\n') {
                        if (position + i == end - 1) {
                            continue; // the newline that ends the file ends the last line
                        }
                        if (++newlines == lines) {
                            return position + i + 1;
                        }
                    }
                }
            }
            return 0;
        }
    }

    /** Copies the file from {@code from} to its current end; returns where it stopped. */
    private static long copy(Path file, long from, OutputStream out) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long end = in.length();
            if (end <= from) {
                return from;
            }
            in.seek(from);
            byte[] buffer = new byte[65536];
            long position = from;
            while (position < end) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, end - position));
                if (read < 0) {
                    break;
                }
                out.write(buffer, 0, read);
                position += read;
            }
            out.flush();
            return position;
        }
    }
}

package io.servicequality.localplatform;

import io.servicequality.localplatform.logs.Logs;
import io.servicequality.localplatform.reset.Reset;
import io.servicequality.localplatform.stack.Console;
import io.servicequality.localplatform.stack.PlatformException;
import io.servicequality.localplatform.stack.Settings;
import io.servicequality.localplatform.status.Status;
import io.servicequality.localplatform.supervision.Down;
import io.servicequality.localplatform.supervision.Supervisor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The commands of {@code ./platform} that run the local stack: {@code up}, {@code down}, {@code status}, {@code
 * logs}, {@code reset}. The wrapper script finds a JDK, builds what is missing or out of date, and starts this class
 * with {@code -Dplatform.root=<repository>}; everything else is configured by environment variable (see {@link
 * Settings}).
 */
public final class Launcher {

    private Launcher() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            Console.error("no command; try ./platform help");
            System.exit(2);
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        boolean up = args[0].equals("up");
        boolean cluster = up && rest.equals(List.of("--cluster"));
        if (!args[0].equals("logs") && !rest.isEmpty() && !cluster) {
            Console.error("./platform " + args[0] + " takes no arguments, not '" + String.join(" ", rest) + "'");
            System.exit(2);
        }
        int status;
        try {
            Map<String, String> environment = new HashMap<>(System.getenv());
            if (up) {
                // up says which mode it runs in; the other commands read it from the data directory
                environment.put(Settings.CLUSTER_VARIABLE, Boolean.toString(cluster));
            }
            Settings settings = Settings.from(
                    environment,
                    Path.of(System.getProperty("platform.root", ".")).toAbsolutePath());
            status = switch (args[0]) {
                case "up" -> new Supervisor(settings).up();
                case "down" -> Down.run(settings);
                case "status" -> Status.run(settings);
                case "logs" -> Logs.run(settings, rest);
                case "reset" -> Reset.run(settings);
                default -> {
                    Console.error("unknown command '" + args[0] + "' (try ./platform help)");
                    yield 2;
                }
            };
        } catch (PlatformException e) {
            Console.error(e.getMessage());
            status = 1;
        } catch (Exception e) {
            Console.error(e.toString());
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }
}

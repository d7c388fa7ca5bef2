package io.servicequality.localplatform.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code ./platform} is told through the environment, with the defaults README.md ("Local run: configuration")
 * lists, and where it keeps its data. A value that is not a number is refused naming the variable, rather than
 * failing later with a stack trace.
 *
 * @param devAuthServerPort the development authorization server's port ({@link Stack#DEV_AUTH})
 * @param consolePort the staff console's port ({@link Stack#CONSOLE})
 * @param mailCatcher the development mail catcher's ports ({@link Stack#MAIL_CATCHER})
 * @param jwtIssuerUri the OIDC issuer whose staff tokens the services accept besides the stack's own key's ({@code
 *     ./platform token}): the development authorization server ({@link #devAuthIssuer()}) unless
 *     {@code SQP_SECURITY_JWT_ISSUER_URI} names another
 * @param servicePorts the four services in start order, each with its port
 * @param javaOptions per process name ({@link Stack#KAFKA}, {@link Stack#STORE}, {@link Stack#DEV_AUTH}, each
 *     service), split on blanks as the shell split them before
 * @param cluster {@code ./platform up --cluster}: three brokers and two instances of every service ({@link
 *     Stack#processes()}); remembered in the data directory ({@link #clusterMarker()}) for the other commands
 */
public record Settings(
        Path root,
        Path dataDir,
        int kafkaPort,
        int kafkaControllerPort,
        int storePort,
        int devAuthServerPort,
        int consolePort,
        MailCatcherPorts mailCatcher,
        Map<String, Integer> servicePorts,
        Map<String, List<String>> javaOptions,
        Duration startupTimeout,
        int maxRestarts,
        Duration restartWindow,
        String knownTenants,
        String jwtIssuerUri,
        Path scoringStateDir,
        String logFormat,
        boolean cluster) {

    /** What {@code SQP_CLUSTER} is set to by {@code ./platform up [--cluster]}; the other commands read the marker. */
    public static final String CLUSTER_VARIABLE = "SQP_CLUSTER";

    /** How far the second instance of a service, and each further broker, is from the first one's port. */
    public static final int INSTANCE_PORT_STEP = 100;

    public static final List<String> SERVICES =
            List.of("feedback-service", "complaint-service", "scoring-service", "reporting-service");

    // A service out of heap exits and is started again by the supervisor (its consumers resume from their committed
    // offsets) instead of running on with the listener containers the error stopped: seen in reporting-service under
    // a backlog at 384 MB (2026-12-05), which went on answering with a dead live feed and read model.
    private static final String SERVICE_JAVA_OPTS = "-Xmx384m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError";
    // reporting-service keeps its read model in memory (ADR 7): every active branch's hours of the day and days of the
    // month, each with the channel breakdown and distributions; see reporting-service/README.md, "Memory".
    private static final String REPORTING_JAVA_OPTS = "-Xmx1g -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError";
    private static final String KAFKA_JAVA_OPTS = "-Xmx512m -XX:+UseSerialGC";
    private static final String DEV_AUTH_JAVA_OPTS = "-Xmx192m -XX:+UseSerialGC";
    private static final String CONSOLE_JAVA_OPTS = "-Xmx192m -XX:+UseSerialGC";
    private static final String MAIL_CATCHER_JAVA_OPTS = "-Xmx128m -XX:+UseSerialGC";
    // The store holds MVStore's page cache (STORE_CACHE_MB, 128) and, during a query the library answers by
    // scanning, the matching documents decoded; at 512 MB it ran out of heap after ~30,000 complaints under load
    // (2026-12-02). A store out of memory exits (the supervisor then starts it again) rather than answering some
    // commands and not others.
    private static final String STORE_JAVA_OPTS = "-Xmx1g -XX:+ExitOnOutOfMemoryError";

    /** Reads the settings of {@code ./platform} from {@code environment}; {@code root} is the repository's root. */
    public static Settings from(Map<String, String> environment, Path root) {
        Environment env = new Environment(environment);
        Path dataDir = env.path("PLATFORM_DATA_DIR", root.resolve(".platform"));
        Map<String, Integer> servicePorts = new LinkedHashMap<>();
        int defaultPort = 8081;
        for (String service : SERVICES) {
            servicePorts.put(service, env.port(portVariable(service), defaultPort++));
        }
        int devAuthServerPort = env.port(DEV_AUTH_PORT_VARIABLE, 9000);
        Map<String, List<String>> javaOptions = new LinkedHashMap<>();
        javaOptions.put(Stack.KAFKA, env.words("KAFKA_JAVA_OPTS", KAFKA_JAVA_OPTS));
        javaOptions.put(Stack.STORE, env.words("STORE_JAVA_OPTS", STORE_JAVA_OPTS));
        javaOptions.put(Stack.DEV_AUTH, env.words("DEV_AUTH_JAVA_OPTS", DEV_AUTH_JAVA_OPTS));
        javaOptions.put(Stack.CONSOLE, env.words("CONSOLE_JAVA_OPTS", CONSOLE_JAVA_OPTS));
        javaOptions.put(Stack.MAIL_CATCHER, env.words("MAIL_CATCHER_JAVA_OPTS", MAIL_CATCHER_JAVA_OPTS));
        List<String> serviceOptions = env.words("SERVICE_JAVA_OPTS", SERVICE_JAVA_OPTS);
        SERVICES.forEach(service -> javaOptions.put(service, serviceOptions));
        // SERVICE_JAVA_OPTS, when set, is every service's; REPORTING_JAVA_OPTS, when set, is reporting's alone
        javaOptions.put(
                "reporting-service",
                env.words("REPORTING_JAVA_OPTS", env.text("SERVICE_JAVA_OPTS", REPORTING_JAVA_OPTS)));
        return new Settings(
                root,
                dataDir,
                env.port("KAFKA_PORT", 9092),
                env.port("KAFKA_CONTROLLER_PORT", 9093),
                env.port("STORE_PORT", 27017),
                devAuthServerPort,
                env.port(CONSOLE_PORT_VARIABLE, 8090),
                new MailCatcherPorts(
                        env.port(MAIL_CATCHER_PORT_VARIABLE, 8025),
                        env.port("MAIL_CATCHER_SMTP_PORT", 3025),
                        env.port("MAIL_CATCHER_IMAP_PORT", 3143)),
                Map.copyOf(servicePorts),
                Map.copyOf(javaOptions),
                Duration.ofSeconds(env.number("STARTUP_TIMEOUT_SECONDS", 180, 1)),
                env.number("MAX_RESTARTS", 5, 0),
                Duration.ofSeconds(env.number("RESTART_WINDOW_SECONDS", 600, 1)),
                env.text("SQP_KNOWN_TENANTS", "demo"),
                // trusted alongside the stack's own key (./platform token), so both kinds of token work; see README.md
                env.text("SQP_SECURITY_JWT_ISSUER_URI", devAuthIssuer(devAuthServerPort)),
                env.path("SQP_SCORING_STATE_DIR", dataDir.resolve("scoring-streams")),
                // readable in ./platform logs; SQP_LOG_FORMAT=json for the structured lines a deployment writes
                env.text("SQP_LOG_FORMAT", "plain"),
                clusterMode(environment, dataDir));
    }

    /** Cluster mode as {@code up} was told, or else as the data directory remembers it. */
    private static boolean clusterMode(Map<String, String> environment, Path dataDir) {
        String told = environment.get(CLUSTER_VARIABLE);
        if (told != null && !told.isBlank()) {
            return Boolean.parseBoolean(told.strip());
        }
        return java.nio.file.Files.exists(dataDir.resolve("cluster"));
    }

    /** Present while the data directory belongs to a cluster-mode platform ({@code ./platform up --cluster}). */
    public Path clusterMarker() {
        return dataDir.resolve("cluster");
    }

    /** Where broker {@code node} (1, 2, 3) of the cluster keeps its configuration and data. */
    public Path clusterKafkaDir(int node) {
        return dataDir.resolve("kafka-cluster").resolve("node-" + node);
    }

    /** The port of the development authorization server, also its own variable (dev-authorization-server/README.md). */
    public static final String DEV_AUTH_PORT_VARIABLE = "DEV_AUTH_SERVER_PORT";

    /** The port of the development mail catcher's web API (messages per address), and its SMTP and IMAP ports. */
    public record MailCatcherPorts(int api, int smtp, int imap) {}

    public static final String MAIL_CATCHER_PORT_VARIABLE = "MAIL_CATCHER_PORT";

    /** The staff console's port, also its own variable (staff-console/README.md). */
    public static final String CONSOLE_PORT_VARIABLE = "STAFF_CONSOLE_PORT";

    /**
     * Where staff open the console: 127.0.0.1, not localhost, because the development authorization server only
     * sends a signed-in user back to the redirect URIs it knows, and OAuth 2.1 has them name the loopback address.
     */
    public String consoleUrl() {
        return "http://127.0.0.1:" + consolePort + "/";
    }

    /** {@code FEEDBACK_SERVICE_PORT} for {@code feedback-service}. */
    public static String portVariable(String service) {
        return service.toUpperCase(Locale.ROOT).replace('-', '_') + "_PORT";
    }

    public int servicePort(String service) {
        Integer port = servicePorts.get(service);
        if (port == null) {
            throw new IllegalArgumentException("not a service of the platform: " + service);
        }
        return port;
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    public Path logFile(String process) {
        return logDir().resolve(process + ".log");
    }

    /** Holds a pid file per running process, which {@code ./platform bench} reads for CPU time and memory. */
    public Path runDir() {
        return dataDir.resolve("run");
    }

    public Path pidFile(String process) {
        return runDir().resolve(process + ".pid");
    }

    /**
     * The pid of {@code ./platform up} itself. Not in {@link #runDir()}: the benchmark measures every process that
     * has a pid file there, and the launcher is not part of what it measures.
     */
    public Path launcherPidFile() {
        return dataDir.resolve("platform.pid");
    }

    public Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    public Path storeDir() {
        return dataDir.resolve("store");
    }

    public Path securityDir() {
        return dataDir.resolve("security");
    }

    /** The development authorization server's signing key (its tokens stay valid across restarts). */
    public Path devAuthDir() {
        return dataDir.resolve("dev-auth");
    }

    /** The development authorization server's issuer: {@code iss} of its tokens, base of its endpoints. */
    public String devAuthIssuer() {
        return devAuthIssuer(devAuthServerPort);
    }

    private static String devAuthIssuer(int port) {
        return "http://localhost:" + port;
    }

    /** The environment, read with the variable's name in every complaint about its value. */
    private record Environment(Map<String, String> values) {

        String text(String name, String fallback) {
            String value = values.get(name);
            return value == null || value.isBlank() ? fallback : value.strip();
        }

        Path path(String name, Path fallback) {
            String value = values.get(name);
            return value == null || value.isBlank()
                    ? fallback.toAbsolutePath().normalize()
                    : Path.of(value.strip()).toAbsolutePath().normalize();
        }

        List<String> words(String name, String fallback) {
            String value = text(name, fallback);
            return Arrays.stream(value.split("\\s+"))
                    .filter(word -> !word.isEmpty())
                    .toList();
        }

        int port(String name, int fallback) {
            int port = number(name, fallback, 1);
            if (port > 65535) {
                throw new PlatformException(name + " must be a port number (1-65535), not " + port);
            }
            return port;
        }

        int number(String name, int fallback, int minimum) {
            String value = text(name, String.valueOf(fallback));
            int number;
            try {
                number = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new PlatformException(name + " must be a whole number, not '" + value + "'");
            }
            if (number < minimum) {
                throw new PlatformException(name + " must be at least " + minimum + ", not " + number);
            }
            return number;
        }
    }
}

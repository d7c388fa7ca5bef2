package io.servicequality.localplatform.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * The nine processes of the local stack — the Kafka broker, the embedded store, the development authorization
 * server, the development mail catcher, the four services and the staff console — in the order they are ready: the
 * services need the ones before them (the authorization server and the mail catcher need nothing, and are started at
 * once, alongside the broker), the console the authorization server (it reads its discovery document at start) and the
 * services it relays to. They stop in the opposite order: the console, the services (they flush to Kafka and the
 * store), then the authorization server and the mail catcher, the store (it commits its file) and the broker.
 */
public final class Stack {

    public static final String KAFKA = "kafka";
    public static final String STORE = "embedded-store";
    /** FOR LOCAL DEVELOPMENT ONLY: an OpenID Connect provider with demo users (dev-authorization-server/README.md). */
    public static final String DEV_AUTH = "dev-authorization-server";
    /**
     * FOR LOCAL DEVELOPMENT ONLY: GreenMail standalone, an SMTP server that keeps every message it is sent (nothing
     * leaves the machine) — the reports' e-mails of reporting-service land here, readable over IMAP or its web API.
     */
    public static final String MAIL_CATCHER = "mail-catcher";
    /** The staff console (staff-console/README.md): where staff sign in and work in a browser. */
    public static final String CONSOLE = "staff-console";

    /** Start order. */
    public static final List<String> PROCESSES = List.of(
            KAFKA,
            STORE,
            DEV_AUTH,
            MAIL_CATCHER,
            Settings.SERVICES.get(0),
            Settings.SERVICES.get(1),
            Settings.SERVICES.get(2),
            Settings.SERVICES.get(3),
            CONSOLE);

    /** The brokers of the cluster; the first keeps the single broker's name. */
    public static final List<String> CLUSTER_BROKERS = List.of(KAFKA, KAFKA + "-2", KAFKA + "-3");

    /** {@code ./platform up --cluster}: three brokers, the same side processes, two instances of every service. */
    public static final List<String> CLUSTER_PROCESSES = clusterProcesses();

    private static List<String> clusterProcesses() {
        List<String> processes = new ArrayList<>(CLUSTER_BROKERS);
        processes.addAll(List.of(STORE, DEV_AUTH, MAIL_CATCHER));
        processes.addAll(Settings.SERVICES);
        Settings.SERVICES.forEach(service -> processes.add(secondInstance(service)));
        processes.add(CONSOLE);
        return List.copyOf(processes);
    }

    private static final String KAFKA_MAIN = "kafka.Kafka";
    private static final String STORE_MAIN = "io.servicequality.embeddedstore.EmbeddedStore";
    private static final String MAIL_CATCHER_JAR = "greenmail-standalone.jar";

    private final Settings settings;

    public Stack(Settings settings) {
        this.settings = settings;
    }

    /** How a process is started: its command line, and what it gets in its environment on top of the launcher's. */
    public record Launch(List<String> command, Map<String, String> environment) {}

    /** The processes of this stack in start order: {@link #PROCESSES}, or {@link #CLUSTER_PROCESSES} in cluster mode. */
    public List<String> processes() {
        return settings.cluster() ? CLUSTER_PROCESSES : PROCESSES;
    }

    /** The brokers of this stack. */
    public List<String> brokers() {
        return settings.cluster() ? CLUSTER_BROKERS : List.of(KAFKA);
    }

    /** Any instance of a service (feedback-service, feedback-service-2, …). */
    public static boolean isService(String process) {
        return serviceOf(process) != null;
    }

    /** The service a process is an instance of, or {@code null}. */
    public static String serviceOf(String process) {
        for (String service : Settings.SERVICES) {
            if (process.equals(service) || process.equals(secondInstance(service))) {
                return service;
            }
        }
        return null;
    }

    /** The name of a service's second instance in cluster mode. */
    public static String secondInstance(String service) {
        return service + "-2";
    }

    public static boolean isBroker(String process) {
        return process.equals(KAFKA) || CLUSTER_BROKERS.contains(process);
    }

    /** 1 for the first broker or instance, 2 and 3 for the others. */
    static int instance(String process) {
        int dash = process.lastIndexOf('-');
        return isBroker(process) && !process.equals(KAFKA) || isService(process) && !Settings.SERVICES.contains(process)
                ? Integer.parseInt(process.substring(dash + 1))
                : 1;
    }

    /** Every broker's address, for the clients. */
    public String bootstrapServers() {
        return String.join(
                ",",
                brokers().stream().map(broker -> "localhost:" + port(broker)).toList());
    }

    private int offset(String process) {
        return (instance(process) - 1) * Settings.INSTANCE_PORT_STEP;
    }

    public String description(String process) {
        if (isBroker(process) && settings.cluster()) {
            return "Kafka broker " + instance(process);
        }
        if (isService(process) && instance(process) > 1) {
            return serviceOf(process) + " (instance " + instance(process) + ")";
        }
        return switch (process) {
            case KAFKA -> "Kafka broker";
            case STORE -> "embedded store";
            case DEV_AUTH -> "development authorization server";
            case MAIL_CATCHER -> "development mail catcher";
            case CONSOLE -> "staff console";
            default -> process;
        };
    }

    public int port(String process) {
        if (isBroker(process)) {
            return settings.kafkaPort() + offset(process);
        }
        if (isService(process)) {
            return settings.servicePort(serviceOf(process)) + offset(process);
        }
        return switch (process) {
            case KAFKA -> settings.kafkaPort();
            case STORE -> settings.storePort();
            case DEV_AUTH -> settings.devAuthServerPort();
            case MAIL_CATCHER -> settings.mailCatcher().api();
            case CONSOLE -> settings.consolePort();
            default -> settings.servicePort(process);
        };
    }

    /** The broker's controller port. */
    public int controllerPort(String broker) {
        return settings.kafkaControllerPort() + offset(broker);
    }

    public String portVariable(String process) {
        if ((isBroker(process) || isService(process)) && instance(process) > 1) {
            String first = isBroker(process) ? "KAFKA_PORT" : Settings.portVariable(serviceOf(process));
            return first + " (+" + offset(process) + ")";
        }
        return switch (process) {
            case KAFKA -> "KAFKA_PORT";
            case STORE -> "STORE_PORT";
            case DEV_AUTH -> Settings.DEV_AUTH_PORT_VARIABLE;
            case MAIL_CATCHER -> Settings.MAIL_CATCHER_PORT_VARIABLE;
            case CONSOLE -> Settings.CONSOLE_PORT_VARIABLE;
            default -> Settings.portVariable(process);
        };
    }

    /** Where a user reaches the process. */
    public String address(String process) {
        if (isBroker(process)) {
            return "localhost:" + port(process);
        }
        if (isService(process)) {
            return "http://localhost:" + port(process);
        }
        return switch (process) {
            case KAFKA -> "localhost:" + settings.kafkaPort();
            case STORE -> "mongodb://localhost:" + settings.storePort();
            case DEV_AUTH -> settings.devAuthIssuer();
            case MAIL_CATCHER ->
                "smtp://localhost:" + settings.mailCatcher().smtp() + ", IMAP localhost:"
                        + settings.mailCatcher().imap() + ", messages http://localhost:"
                        + settings.mailCatcher().api()
                        + "/api/user/<address>/messages/INBOX";
            case CONSOLE -> settings.consoleUrl();
            default -> "http://localhost:" + settings.servicePort(process);
        };
    }

    /**
     * Ready to be used: the broker and the store accept connections, the authorization server publishes its discovery
     * document, a service or the console reports itself healthy.
     */
    public boolean ready(String process) {
        return check(process).up();
    }

    /** Whether the process answers as it should when ready, and in a few words what it answered. */
    public Probes.Health check(String process) {
        if (isService(process) || process.equals(CONSOLE)) {
            return Probes.health(port(process));
        }
        if (process.equals(DEV_AUTH)) {
            return Probes.discovery(port(process));
        }
        if (process.equals(MAIL_CATCHER)) {
            return Probes.mailCatcher(port(process));
        }
        boolean listening = Probes.listening(port(process));
        return new Probes.Health(listening, listening ? "answers" : "no answer");
    }

    public Launch launch(String process) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(settings.javaOptions()
                .get(isBroker(process) ? KAFKA : isService(process) ? serviceOf(process) : process));
        Map<String, String> environment = new LinkedHashMap<>();
        if (isBroker(process)) {
            command.addAll(List.of(
                    "-cp",
                    localPlatformClasspath(),
                    KAFKA_MAIN,
                    kafkaProperties(process).toString()));
            return new Launch(List.copyOf(command), environment);
        }
        switch (process) {
            case STORE -> {
                environment.put("STORE_PORT", String.valueOf(settings.storePort()));
                environment.put(
                        "STORE_FILE", settings.storeDir().resolve("store.mv").toString());
                command.addAll(List.of("-cp", localPlatformClasspath(), STORE_MAIN));
            }
            case DEV_AUTH -> {
                environment.put(Settings.DEV_AUTH_PORT_VARIABLE, String.valueOf(settings.devAuthServerPort()));
                environment.put("DEV_AUTH_ISSUER", settings.devAuthIssuer());
                environment.put("DEV_AUTH_DATA_DIR", settings.devAuthDir().toString());
                // the console's sign-in comes back to its own port
                environment.put("DEV_AUTH_BFF_REDIRECT_URIS", settings.consoleUrl() + "login/oauth2/code/sqp");
                environment.put("DEV_AUTH_BFF_POST_LOGOUT_REDIRECT_URIS", settings.consoleUrl() + "signed-out.html");
                command.addAll(List.of("-jar", moduleJar(process).toString()));
            }
            case MAIL_CATCHER -> {
                // on this machine only, any address accepted (auth disabled: a mailbox per recipient, login = address)
                Settings.MailCatcherPorts ports = settings.mailCatcher();
                command.addAll(List.of(
                        "-Dgreenmail.smtp.hostname=127.0.0.1",
                        "-Dgreenmail.smtp.port=" + ports.smtp(),
                        "-Dgreenmail.imap.hostname=127.0.0.1",
                        "-Dgreenmail.imap.port=" + ports.imap(),
                        "-Dgreenmail.api.hostname=127.0.0.1",
                        "-Dgreenmail.api.port=" + ports.api(),
                        "-Dgreenmail.auth.disabled",
                        "-jar",
                        mailCatcherJar().toString()));
            }
            case CONSOLE -> {
                environment.put(Settings.CONSOLE_PORT_VARIABLE, String.valueOf(settings.consolePort()));
                // signs staff in where the services trust their tokens (another issuer needs
                // SQP_CONSOLE_CLIENT_ID/_SECRET)
                environment.put("SQP_CONSOLE_ISSUER_URI", settings.jwtIssuerUri());
                for (String service : Settings.SERVICES) {
                    environment.put(
                            service.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_URL",
                            "http://localhost:" + settings.servicePort(service));
                }
                environment.put("SQP_LOG_FORMAT", settings.logFormat());
                command.addAll(List.of("-jar", moduleJar(process).toString()));
            }
            default -> {
                String service = serviceOf(process);
                environment.put("MONGODB_URI", "mongodb://127.0.0.1:" + settings.storePort());
                environment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
                environment.put(
                        "SQP_SECURITY_JWT_PUBLIC_KEY_LOCATION",
                        "file:" + settings.securityDir().resolve("jwt-public.pem"));
                environment.put("SQP_KNOWN_TENANTS", settings.knownTenants());
                // with the public key above: platform-security accepts the tokens of both, each by its iss
                environment.put("SQP_SECURITY_JWT_ISSUER_URI", settings.jwtIssuerUri());
                environment.put(
                        "SQP_SCORING_STATE_DIR", scoringStateDir(process).toString());
                // a development stack: webhook receivers on this machine accepted over plain http
                environment.put("SQP_WEBHOOK_ALLOW_HTTP_LOCALHOST", "true");
                if (service.equals("reporting-service")) {
                    // report e-mails go to the mail catcher
                    environment.put("SPRING_MAIL_HOST", "127.0.0.1");
                    environment.put(
                            "SPRING_MAIL_PORT",
                            String.valueOf(settings.mailCatcher().smtp()));
                }
                if (settings.cluster()) {
                    // every topic on all three brokers, an append acknowledged by two of them (min.insync.replicas)
                    environment.put("SQP_KAFKA_REPLICATION_FACTOR", "3");
                    // each instance enforces its share of a credential's quota (platform-security)
                    environment.put("SQP_INSTANCES", "2");
                    // a standby copy of each counting task's state on the other instance: a takeover without restore
                    environment.put("SQP_SCORING_STANDBY_REPLICAS", "1");
                }
                environment.put("SERVER_PORT", String.valueOf(port(process)));
                environment.put("SQP_LOG_FORMAT", settings.logFormat());
                command.addAll(List.of("-jar", moduleJar(service).toString()));
            }
        }
        return new Launch(List.copyOf(command), environment);
    }

    /**
     * Whether a running process is this one of the stack. A pid file can outlive its process and the pid be reused
     * by something else, which {@code down} must not signal. Where the system does not tell a process's command line,
     * the pid file is believed.
     */
    public static boolean looksLike(String process, ProcessHandle handle) {
        String marker = isBroker(process)
                ? KAFKA_MAIN
                : isService(process)
                        ? serviceOf(process) + "-"
                        : switch (process) {
                            case STORE -> STORE_MAIN;
                            case MAIL_CATCHER -> MAIL_CATCHER_JAR;
                            default -> process + "-";
                        };
        return handle.info().commandLine().map(line -> line.contains(marker)).orElse(true);
    }

    /**
     * Writes each broker's configuration (every start: the ports may have changed) and formats its storage the first
     * time: a single KRaft node that is broker and controller at once, or in cluster mode three such nodes sharing
     * one cluster id and a static quorum of the three controllers.
     */
    public void prepareKafka() {
        String clusterId = null;
        for (String broker : brokers()) {
            Path properties = kafkaProperties(broker);
            try {
                Files.createDirectories(properties.getParent());
                Files.writeString(properties, kafkaConfiguration(broker));
            } catch (IOException e) {
                throw new PlatformException("could not write " + properties + ": " + e.getMessage(), e);
            }
            if (Files.exists(kafkaDir(broker).resolve("data").resolve("meta.properties"))) {
                continue;
            }
            if (clusterId == null) {
                clusterId =
                        existingClusterId().orElseGet(() -> Uuid.randomUuid().toString());
            }
            Console.say("formatting the storage of " + description(broker) + " (cluster " + clusterId + ")");
            Path log = settings.logDir().resolve(broker + "-format.log");
            List<String> format = new ArrayList<>(List.of(
                    java(),
                    "-cp",
                    localPlatformClasspath(),
                    "kafka.tools.StorageTool",
                    "format",
                    "-t",
                    clusterId,
                    "-c",
                    properties.toString()));
            if (!settings.cluster()) {
                format.add("--standalone");
            }
            run(format, log, "formatting the storage of " + description(broker) + " failed; see " + log);
        }
    }

    /** The cluster id a broker already formatted has, so a broker formatted later joins the same cluster. */
    private java.util.Optional<String> existingClusterId() {
        for (String broker : brokers()) {
            Path meta = kafkaDir(broker).resolve("data").resolve("meta.properties");
            if (Files.exists(meta)) {
                try {
                    java.util.Properties properties = new java.util.Properties();
                    try (var reader = Files.newBufferedReader(meta)) {
                        properties.load(reader);
                    }
                    return java.util.Optional.ofNullable(properties.getProperty("cluster.id"));
                } catch (IOException e) {
                    throw new PlatformException("could not read " + meta + ": " + e.getMessage(), e);
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** Whether the data directory holds Kafka data of the other mode (single broker or cluster) than this one's. */
    public boolean holdsOtherModesKafkaData() {
        Path other = settings.cluster()
                ? settings.kafkaDir().resolve("data").resolve("meta.properties")
                : settings.clusterKafkaDir(1).resolve("data").resolve("meta.properties");
        return Files.exists(other);
    }

    /** The local stack's token signing key pair (RS256): made once, kept with the data; services get the public key. */
    public void ensureSigningKey() {
        Path log = settings.logDir().resolve("security-keygen.log");
        run(
                List.of(
                        java(),
                        "-cp",
                        securityClasspath(),
                        "io.servicequality.security.tool.LocalTokens",
                        "keygen",
                        settings.securityDir().toString()),
                log,
                "could not create the token signing key in " + settings.securityDir() + "; see " + log);
    }

    private Path kafkaDir(String broker) {
        return settings.cluster() ? settings.clusterKafkaDir(instance(broker)) : settings.kafkaDir();
    }

    private Path kafkaProperties(String broker) {
        return kafkaDir(broker).resolve("server.properties");
    }

    String kafkaConfiguration() {
        return kafkaConfiguration(KAFKA);
    }

    String kafkaConfiguration(String broker) {
        int port = port(broker);
        int controller = controllerPort(broker);
        String quorum = settings.cluster()
                ? "controller.quorum.voters="
                        + String.join(
                                ",",
                                brokers().stream()
                                        .map(node -> instance(node) + "@localhost:" + controllerPort(node))
                                        .toList())
                : "controller.quorum.bootstrap.servers=localhost:" + controller;
        // a cluster keeps every record on all three brokers and acknowledges an append once two have it
        int replicas = settings.cluster() ? 3 : 1;
        int minInSync = settings.cluster() ? 2 : 1;
        return """
                process.roles=broker,controller
                node.id=%4$d
                %5$s
                listeners=PLAINTEXT://localhost:%1$d,CONTROLLER://localhost:%2$d
                advertised.listeners=PLAINTEXT://localhost:%1$d,CONTROLLER://localhost:%2$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                num.partitions=3
                default.replication.factor=%6$d
                min.insync.replicas=%7$d
                offsets.topic.replication.factor=%6$d
                transaction.state.log.replication.factor=%6$d
                transaction.state.log.min.isr=%7$d
                share.coordinator.state.topic.replication.factor=%6$d
                share.coordinator.state.topic.min.isr=%7$d
                group.initial.rebalance.delay.ms=0
                log.retention.hours=168
                log.retention.bytes=1073741824
                log.segment.bytes=134217728
                """.formatted(
                port, controller, kafkaDir(broker).resolve("data"), instance(broker), quorum, replicas, minInSync);
    }

    /** Scoring's Kafka Streams state: each instance its own directory. */
    private Path scoringStateDir(String process) {
        return instance(process) == 1
                ? settings.scoringStateDir()
                : settings.scoringStateDir()
                        .resolveSibling(settings.scoringStateDir().getFileName() + "-" + instance(process));
    }

    /** Runs one of the tools the stack needs before it starts, its output appended to {@code log}. */
    private static void run(List<String> command, Path log, String failure) {
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new PlatformException(failure + " (no answer within 120 s)");
            }
            if (process.exitValue() != 0) {
                throw new PlatformException(failure);
            }
        } catch (IOException e) {
            throw new PlatformException(failure + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException(failure + " (interrupted)", e);
        }
    }

    /** The JDK the launcher runs on, so that every process of the stack runs on the same one. */
    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The broker, Kafka's tools and the store run from this module's jar and the jars copied next to it. */
    private String localPlatformClasspath() {
        return moduleJar("local-platform")
                + File.pathSeparator
                + settings.root().resolve("local-platform/target/lib/*");
    }

    /** GreenMail standalone, copied by the build next to this module's jar (local-platform/pom.xml). */
    private Path mailCatcherJar() {
        Path jar = settings.root().resolve("local-platform/target/mail-catcher").resolve(MAIL_CATCHER_JAR);
        if (!Files.exists(jar)) {
            throw new PlatformException("no " + jar + "; build the platform with ./platform build");
        }
        return jar;
    }

    private String securityClasspath() {
        return moduleJar("platform-security")
                + File.pathSeparator
                + settings.root().resolve("platform-security/target/lib/*");
    }

    private Path moduleJar(String module) {
        return builtJar(settings.root(), module)
                .orElseThrow(() -> new PlatformException(
                        "no jar of " + module + " in " + module + "/target; build the platform with ./platform build"));
    }

    /** The jar Maven built for a module (not its sources or javadoc jar), if there is one. */
    static Optional<Path> builtJar(Path root, String module) {
        Path target = root.resolve(module).resolve("target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, module + "-*.jar")) {
            for (Path jar : jars) {
                String name = jar.getFileName().toString();
                if (!name.endsWith("-sources.jar") && !name.endsWith("-javadoc.jar")) {
                    return Optional.of(jar);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

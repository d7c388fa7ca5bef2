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

    private static final String KAFKA_MAIN = "kafka.Kafka";
    private static final String STORE_MAIN = "io.servicequality.embeddedstore.EmbeddedStore";
    private static final String MAIL_CATCHER_JAR = "greenmail-standalone.jar";

    private final Settings settings;

    public Stack(Settings settings) {
        this.settings = settings;
    }

    /** How a process is started: its command line, and what it gets in its environment on top of the launcher's. */
    public record Launch(List<String> command, Map<String, String> environment) {}

    public static boolean isService(String process) {
        return Settings.SERVICES.contains(process);
    }

    public String description(String process) {
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
        return switch (process) {
            case KAFKA -> settings.kafkaPort();
            case STORE -> settings.storePort();
            case DEV_AUTH -> settings.devAuthServerPort();
            case MAIL_CATCHER -> settings.mailCatcher().api();
            case CONSOLE -> settings.consolePort();
            default -> settings.servicePort(process);
        };
    }

    public String portVariable(String process) {
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
        command.addAll(settings.javaOptions().get(process));
        Map<String, String> environment = new LinkedHashMap<>();
        switch (process) {
            case KAFKA ->
                command.addAll(List.of(
                        "-cp",
                        localPlatformClasspath(),
                        KAFKA_MAIN,
                        kafkaProperties().toString()));
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
                environment.put("MONGODB_URI", "mongodb://127.0.0.1:" + settings.storePort());
                environment.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + settings.kafkaPort());
                environment.put(
                        "SQP_SECURITY_JWT_PUBLIC_KEY_LOCATION",
                        "file:" + settings.securityDir().resolve("jwt-public.pem"));
                environment.put("SQP_KNOWN_TENANTS", settings.knownTenants());
                // with the public key above: platform-security accepts the tokens of both, each by its iss
                environment.put("SQP_SECURITY_JWT_ISSUER_URI", settings.jwtIssuerUri());
                environment.put(
                        "SQP_SCORING_STATE_DIR", settings.scoringStateDir().toString());
                // a development stack: webhook receivers on this machine accepted over plain http
                environment.put("SQP_WEBHOOK_ALLOW_HTTP_LOCALHOST", "true");
                if (process.equals("reporting-service")) {
                    // report e-mails go to the mail catcher
                    environment.put("SPRING_MAIL_HOST", "127.0.0.1");
                    environment.put(
                            "SPRING_MAIL_PORT",
                            String.valueOf(settings.mailCatcher().smtp()));
                }
                environment.put("SERVER_PORT", String.valueOf(settings.servicePort(process)));
                environment.put("SQP_LOG_FORMAT", settings.logFormat());
                command.addAll(List.of("-jar", moduleJar(process).toString()));
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
        String marker = switch (process) {
            case KAFKA -> KAFKA_MAIN;
            case STORE -> STORE_MAIN;
            case MAIL_CATCHER -> MAIL_CATCHER_JAR;
            default -> process + "-";
        };
        return handle.info().commandLine().map(line -> line.contains(marker)).orElse(true);
    }

    /**
     * Writes the broker's configuration (every start: the ports may have changed) and formats its storage the first
     * time, as a single KRaft node that is broker and controller at once.
     */
    public void prepareKafka() {
        Path properties = kafkaProperties();
        try {
            Files.createDirectories(settings.kafkaDir());
            Files.writeString(properties, kafkaConfiguration());
        } catch (IOException e) {
            throw new PlatformException("could not write " + properties + ": " + e.getMessage(), e);
        }
        if (!Files.exists(settings.kafkaDir().resolve("data").resolve("meta.properties"))) {
            String clusterId = Uuid.randomUuid().toString();
            Console.say("formatting Kafka storage (cluster " + clusterId + ")");
            Path log = settings.logDir().resolve("kafka-format.log");
            run(
                    List.of(
                            java(),
                            "-cp",
                            localPlatformClasspath(),
                            "kafka.tools.StorageTool",
                            "format",
                            "--standalone",
                            "-t",
                            clusterId,
                            "-c",
                            properties.toString()),
                    log,
                    "formatting Kafka storage failed; see " + log);
        }
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

    private Path kafkaProperties() {
        return settings.kafkaDir().resolve("server.properties");
    }

    String kafkaConfiguration() {
        int port = settings.kafkaPort();
        int controller = settings.kafkaControllerPort();
        return """
                process.roles=broker,controller
                node.id=1
                controller.quorum.bootstrap.servers=localhost:%2$d
                listeners=PLAINTEXT://localhost:%1$d,CONTROLLER://localhost:%2$d
                advertised.listeners=PLAINTEXT://localhost:%1$d,CONTROLLER://localhost:%2$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                num.partitions=3
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                log.retention.hours=168
                log.retention.bytes=1073741824
                log.segment.bytes=134217728
                """.formatted(port, controller, settings.kafkaDir().resolve("data"));
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

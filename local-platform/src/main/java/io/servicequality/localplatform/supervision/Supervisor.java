package io.servicequality.localplatform.supervision;

import io.servicequality.localplatform.stack.Console;
import io.servicequality.localplatform.stack.PidFiles;
import io.servicequality.localplatform.stack.PlatformException;
import io.servicequality.localplatform.stack.Probes;
import io.servicequality.localplatform.stack.Settings;
import io.servicequality.localplatform.stack.Stack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code ./platform up}: starts the stack in order, waiting for each process to be ready, then watches it. A process
 * that exits is started again with back-off ({@link RestartPolicy}), saying so; one that keeps exiting stops the
 * platform. Ctrl-C, SIGTERM and {@code ./platform down} stop everything in order ({@link OrderedStop}) through a
 * shutdown hook, and the launcher then exits with status 0, as the shell script did.
 */
public final class Supervisor {

    private static final long TICK_MILLIS = 500;

    private final Settings settings;
    private final Stack stack;
    private final PidFiles pidFiles;

    // guarded by this: the processes started so far (in start order) and whether the platform stops
    private final List<Supervised> started = new ArrayList<>();
    private boolean stopping;
    private boolean stopped;

    public Supervisor(Settings settings) {
        this.settings = settings;
        this.stack = new Stack(settings);
        this.pidFiles = new PidFiles(settings);
    }

    /** One process of the stack under supervision; fields are written by the supervising thread only. */
    private static final class Supervised {
        final String name;
        final RestartPolicy policy;
        volatile Process process;
        Long restartAtNanos;
        boolean recovering;

        Supervised(String name, RestartPolicy policy) {
            this.name = name;
            this.policy = policy;
        }
    }

    /** Runs the platform until it is stopped; returns the launcher's exit status. */
    public int up() {
        pidFiles.claimLauncher();
        try {
            refuseWhatWouldClash();
        } catch (PlatformException e) {
            pidFiles.releaseLauncher();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopOnSignal, "platform-stop"));
        try {
            start();
        } catch (PlatformException e) {
            if (!stopRequested()) {
                Console.error(e.getMessage());
            }
            stop();
            return 1;
        }
        return supervise();
    }

    /**
     * Leftovers of an earlier run (its launcher killed) and ports in use are reported before anything starts, each
     * with what to do about it.
     */
    private void refuseWhatWouldClash() {
        Map<String, ProcessHandle> leftovers = pidFiles.alive();
        if (!leftovers.isEmpty()) {
            throw new PlatformException("processes of an earlier ./platform up on " + settings.dataDir()
                    + " still run (" + describe(leftovers) + "); stop them with ./platform down");
        }
        if (stack.holdsOtherModesKafkaData()) {
            throw new PlatformException(settings.dataDir() + " holds the data of a platform run "
                    + (settings.cluster()
                            ? "with one broker (./platform up)"
                            : "as a cluster (./platform up --cluster)")
                    + "; its read models belong to those topics. Use another PLATFORM_DATA_DIR, or ./platform reset");
        }
        List<Port> ports = new ArrayList<>();
        ports.add(new Port(settings.mailCatcher().smtp(), "mail catcher SMTP", "MAIL_CATCHER_SMTP_PORT"));
        ports.add(new Port(settings.mailCatcher().imap(), "mail catcher IMAP", "MAIL_CATCHER_IMAP_PORT"));
        for (String process : stack.processes()) {
            ports.add(new Port(stack.port(process), stack.description(process), stack.portVariable(process)));
            if (Stack.isBroker(process)) {
                ports.add(new Port(
                        stack.controllerPort(process),
                        stack.description(process) + " (controller)",
                        "KAFKA_CONTROLLER_PORT" + (process.equals(Stack.KAFKA) ? "" : " (+100 per broker)")));
            }
        }
        if (ports.stream().map(Port::number).distinct().count() < ports.size()) {
            throw new PlatformException("two processes of the platform are given the same port ("
                    + ports.stream().map(Port::toString).collect(Collectors.joining(", ")) + ")");
        }
        for (Port port : ports) {
            if (Probes.listening(port.number())) {
                throw new PlatformException("port " + port.number() + " (" + port.what() + ") is already in use;"
                        + " stop what uses it or set " + port.variable() + " (see README.md, \"Local run:"
                        + " configuration\")");
            }
        }
    }

    private record Port(int number, String what, String variable) {
        @Override
        public String toString() {
            return variable + "=" + number;
        }
    }

    private void start() {
        try {
            Files.createDirectories(settings.logDir());
        } catch (IOException e) {
            throw new PlatformException("could not create " + settings.logDir() + ": " + e.getMessage(), e);
        }
        pidFiles.clearProcesses();
        rememberMode();
        stack.ensureSigningKey();
        stack.prepareKafka();

        // needs neither the broker nor the store: it starts while they do, and is ready before the services start
        Supervised devAuth = launch(Stack.DEV_AUTH);
        Supervised mailCatcher = launch(Stack.MAIL_CATCHER);
        // a cluster's brokers start together: none answers before a majority of the controllers runs
        List<Supervised> brokers = new ArrayList<>();
        for (String broker : stack.brokers()) {
            brokers.add(launch(broker));
        }
        for (Supervised broker : brokers) {
            awaitReady(broker);
            Console.say("%-17s %s".formatted(stack.description(broker.name), stack.address(broker.name)));
        }
        awaitReady(launch(Stack.STORE));
        Console.say("embedded store    " + stack.address(Stack.STORE) + " (data in " + settings.storeDir() + ")");
        awaitReady(devAuth);
        Console.say("dev auth server   " + stack.address(Stack.DEV_AUTH)
                + " (OpenID Connect, FOR LOCAL DEVELOPMENT ONLY; demo users: dev-authorization-server/README.md)");
        awaitReady(mailCatcher);
        Console.say("mail catcher      " + stack.address(Stack.MAIL_CATCHER)
                + " (FOR LOCAL DEVELOPMENT ONLY: keeps the report e-mails, sends nothing on)");

        Console.say("starting " + String.join(", ", Settings.SERVICES) + " ...");
        List<Supervised> services = new ArrayList<>();
        for (String service : Settings.SERVICES) {
            services.add(launch(service));
        }
        for (Supervised service : services) {
            awaitReady(service);
            Console.say("%-17s %s  (OpenAPI: /v3/api-docs)".formatted(service.name, stack.address(service.name)));
        }
        if (settings.cluster()) {
            // the second instances join the groups the first ones formed, taking over half of the partitions
            List<Supervised> seconds = new ArrayList<>();
            for (String service : Settings.SERVICES) {
                seconds.add(launch(Stack.secondInstance(service)));
            }
            for (Supervised service : seconds) {
                awaitReady(service);
                Console.say("%-17s %s".formatted(service.name, stack.address(service.name)));
            }
        }
        Supervised console = launch(Stack.CONSOLE);
        awaitReady(console);
        int reporting = settings.servicePort("reporting-service");
        Console.say("Platform is up. Logs: " + settings.logDir() + ". Scorecard: http://localhost:" + reporting
                + "/api/v1/reports/scorecard?branchId=...&from=...&to=...");
        String issuer = settings.jwtIssuerUri().equals(settings.devAuthIssuer())
                ? "the dev auth server (" + settings.devAuthIssuer() + ", demo users)"
                : settings.jwtIssuerUri() + " (SQP_SECURITY_JWT_ISSUER_URI)";
        Console.say("Every request needs a credential: TOKEN=$(./platform token --role ADMIN), then -H"
                + " \"Authorization: Bearer $TOKEN\"; access tokens of " + issuer + " are accepted too.");
        Console.say("Staff console: " + settings.consoleUrl() + " (sign in as a demo user, e.g. admin, quality,"
                + " manager.n01, agent.n01 or viewer, password demo; dev-authorization-server/README.md).");
        Console.say("./platform status shows health, consumer lag and dead letters; ./platform logs NAME a log.");
        Console.say("Press Ctrl-C to stop (or run ./platform down in another terminal).");
    }

    /** The other commands (down, status, logs) find the processes of the mode this data directory was started in. */
    private void rememberMode() {
        try {
            if (settings.cluster()) {
                Files.writeString(settings.clusterMarker(), "./platform up --cluster\n");
            } else {
                Files.deleteIfExists(settings.clusterMarker());
            }
        } catch (IOException e) {
            throw new PlatformException("could not write " + settings.clusterMarker() + ": " + e.getMessage(), e);
        }
    }

    private Supervised launch(String name) {
        Supervised supervised =
                new Supervised(name, new RestartPolicy(settings.maxRestarts(), settings.restartWindow()));
        start(supervised);
        return supervised;
    }

    /**
     * Starts (or starts again) a process, its output appended to its log file and its pid written for the other
     * commands and the benchmark. Synchronised with {@link #stop()}, so nothing starts once the stop has begun.
     */
    private synchronized void start(Supervised supervised) {
        if (stopping) {
            throw new PlatformException("the platform is stopping");
        }
        Stack.Launch launch = stack.launch(supervised.name);
        Path log = settings.logFile(supervised.name);
        try {
            Files.writeString(
                    log,
                    "%n===== %s: starting %s =====%n"
                            .formatted(Instant.now().truncatedTo(ChronoUnit.SECONDS), supervised.name),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(ignoringCtrlC(launch.command()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(launch.environment());
            supervised.process = builder.start();
        } catch (IOException e) {
            throw new PlatformException("could not start " + supervised.name + ": " + e.getMessage(), e);
        }
        pidFiles.write(supervised.name, supervised.process.pid());
        if (!started.contains(supervised)) {
            started.add(supervised);
        }
    }

    /**
     * Ctrl-C in a terminal sends SIGINT to the whole foreground process group, the children too: they would all stop
     * at once, services after the broker they flush to. A JVM started with SIGINT ignored keeps ignoring it (HotSpot
     * installs no handler for an ignored shutdown signal), so only the launcher gets it and stops them in order, as
     * the shell script's background jobs did. SIGTERM still stops each of them.
     */
    private static List<String> ignoringCtrlC(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", "trap '' INT; exec \"$@\"", "sh"));
        wrapped.addAll(command);
        return wrapped;
    }

    private void awaitReady(Supervised supervised) {
        String what = stack.description(supervised.name);
        long deadline = System.nanoTime() + settings.startupTimeout().toNanos();
        while (!stack.ready(supervised.name)) {
            if (stopRequested()) {
                throw new PlatformException("stopped during start-up");
            }
            Process process = supervised.process;
            if (!process.isAlive()) {
                throw new PlatformException(what + " exited during start-up (status " + process.exitValue()
                        + "); see its log: " + settings.logFile(supervised.name));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new PlatformException(what + " did not start within "
                        + settings.startupTimeout().toSeconds() + " s (STARTUP_TIMEOUT_SECONDS); see its log: "
                        + settings.logFile(supervised.name));
            }
            pause();
        }
    }

    /** Watches the running platform until it stops: restarts what exits, reports what has recovered. */
    private int supervise() {
        while (!stopRequested()) {
            for (Supervised supervised : startedSoFar()) {
                long now = System.nanoTime();
                if (supervised.restartAtNanos != null) {
                    if (now - supervised.restartAtNanos >= 0) {
                        supervised.restartAtNanos = null;
                        if (!restart(supervised)) {
                            return stoppedAfterGivingUp();
                        }
                    }
                } else if (!supervised.process.isAlive()) {
                    if (!scheduleRestart(supervised, now)) {
                        return stoppedAfterGivingUp();
                    }
                } else if (supervised.recovering && stack.ready(supervised.name)) {
                    supervised.recovering = false;
                    Console.say("%s is up again (pid %d, %s)"
                            .formatted(supervised.name, supervised.process.pid(), stack.address(supervised.name)));
                }
            }
            pause();
        }
        awaitStopped();
        return 0;
    }

    /** False when the process must not be started again: then the platform stops. */
    private boolean scheduleRestart(Supervised supervised, long now) {
        int status = supervised.process.exitValue();
        Path log = settings.logFile(supervised.name);
        RestartPolicy.Decision decision = supervised.policy.onExit(now);
        if (decision instanceof RestartPolicy.GiveUp giveUp) {
            Console.say("%s exited (status %d), %d exits within %d s (MAX_RESTARTS=%d): stopping the platform; see %s"
                    .formatted(
                            supervised.name,
                            status,
                            giveUp.exits(),
                            supervised.policy.window().toSeconds(),
                            supervised.policy.maxRestarts(),
                            log));
            return false;
        }
        RestartPolicy.Restart restart = (RestartPolicy.Restart) decision;
        Console.say("%s exited (status %d); starting it again in %d s (restart %d of %d within %d s); log: %s"
                .formatted(
                        supervised.name,
                        status,
                        restart.delay().toSeconds(),
                        restart.number(),
                        supervised.policy.maxRestarts(),
                        supervised.policy.window().toSeconds(),
                        log));
        supervised.restartAtNanos = now + restart.delay().toNanos();
        return true;
    }

    private boolean restart(Supervised supervised) {
        try {
            start(supervised);
            supervised.recovering = true;
            return true;
        } catch (PlatformException e) {
            if (!stopRequested()) {
                Console.error(e.getMessage());
            }
            return stopRequested();
        }
    }

    private int stoppedAfterGivingUp() {
        stop();
        return 1;
    }

    /** The shutdown hook: Ctrl-C, SIGTERM or {@code ./platform down}. */
    private void stopOnSignal() {
        if (stop()) {
            // an orderly stop on request is a success (the shell script exited 0 too); halt, as the JVM would
            // otherwise report the signal in its exit status
            Runtime.getRuntime().halt(0);
        }
    }

    /**
     * Stops every process started so far, in order, once: true for the caller that did it; a second caller (the hook
     * while the supervisor gives up, or the other way round) waits until the first has finished.
     */
    boolean stop() {
        Map<String, ProcessHandle> running = new LinkedHashMap<>();
        synchronized (this) {
            if (stopping) {
                awaitStopped();
                return false;
            }
            stopping = true;
            notifyAll();
            for (Supervised supervised : started) {
                running.put(supervised.name, supervised.process.toHandle());
            }
        }
        try {
            OrderedStop.stop(running);
            pidFiles.clearProcesses();
            if (!running.isEmpty()) {
                Console.say("stopped; data kept in " + settings.dataDir());
            }
        } finally {
            pidFiles.releaseLauncher();
            synchronized (this) {
                stopped = true;
                notifyAll();
            }
        }
        return true;
    }

    private synchronized boolean stopRequested() {
        return stopping;
    }

    private synchronized List<Supervised> startedSoFar() {
        return List.copyOf(started);
    }

    private synchronized void awaitStopped() {
        boolean interrupted = false;
        while (!stopped) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits one tick, or less when a stop begins. */
    private synchronized void pause() {
        if (!stopping) {
            try {
                wait(TICK_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String describe(Map<String, ProcessHandle> processes) {
        return processes.entrySet().stream()
                .map(entry -> entry.getKey() + " pid " + entry.getValue().pid())
                .collect(Collectors.joining(", "));
    }
}

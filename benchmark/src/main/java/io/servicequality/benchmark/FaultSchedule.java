package io.servicequality.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Faults done to processes of the running {@code ./platform up}, by their pid files: SIGKILL as a crash would (no
 * shutdown hook, no commit, no flush; the platform starts the process again); SIGSTOP — a process that hangs, a long
 * GC pause, a frozen VM — and SIGCONT after a while; or a network partition between the process and the brokers: the
 * process is moved into a cgroup of its own whose packets to the brokers' ports a packet filter drops (iptables'
 * cgroup match; Linux, root), then let through again. Whatever was done is undone, also when the check fails or is
 * interrupted.
 */
final class FaultSchedule {

    private static final Map<String, String> STOPPED = new ConcurrentHashMap<>();
    private static final Map<String, String> PARTITIONED = new ConcurrentHashMap<>();
    private static final Map<String, java.util.List<java.util.List<String>>> PARTITION_RULES =
            new ConcurrentHashMap<>();
    /** The cgroup v2 hierarchy: mounted on its own (unified) beside v1 controllers, or as the only one. */
    private static final Path CGROUPS = Files.exists(Path.of("/sys/fs/cgroup/unified/cgroup.procs"))
            ? Path.of("/sys/fs/cgroup/unified")
            : Path.of("/sys/fs/cgroup");

    /** Why a network partition cannot be made here, or {@code null} when it can (Linux, root, iptables, cgroup v2). */
    static String whyNoPartition() {
        if (!Files.exists(CGROUPS.resolve("cgroup.procs")) || !Files.isWritable(CGROUPS.resolve("cgroup.procs"))) {
            return "needs a writable cgroup v2 hierarchy (Linux, root)";
        }
        try {
            Process check = new ProcessBuilder("iptables", "-S", "OUTPUT")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return check.waitFor() == 0 ? null : "iptables refused (root needed)";
        } catch (java.io.IOException e) {
            return "needs iptables (e.g. apt-get install iptables)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(FaultSchedule::resumeAll, "fault-resume"));
    }

    private FaultSchedule() {}

    static void strike(CountCheck.Fault fault, int posted) throws Exception {
        String pid = pid(fault.victim());
        switch (fault.action()) {
            case "kill" -> {
                signal("KILL", pid, fault.victim());
                System.out.printf("killed %s (pid %s, SIGKILL) after %d posted events%n", fault.victim(), pid, posted);
            }
            case "freeze" -> {
                signal("STOP", pid, fault.victim());
                STOPPED.put(pid, fault.victim());
                System.out.printf(
                        "froze %s (pid %s, SIGSTOP) after %d posted events, for %d s%n",
                        fault.victim(), pid, posted, fault.duration().toSeconds());
                later(fault, () -> resume(pid));
            }
            case "partition" -> {
                partition(pid, fault.victim());
                System.out.printf(
                        "cut %s (pid %s) off the brokers (%s) after %d posted events, for %d s%n",
                        fault.victim(),
                        pid,
                        brokerPorts(),
                        posted,
                        fault.duration().toSeconds());
                later(fault, () -> heal(pid));
            }
            default -> throw new IllegalArgumentException("no such fault: " + fault.action());
        }
    }

    private static void later(CountCheck.Fault fault, Runnable undo) {
        Thread thread = new Thread(
                () -> {
                    try {
                        Thread.sleep(fault.duration().toMillis()); // the length of the fault
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    undo.run();
                },
                "fault-undo-" + fault.victim());
        thread.setDaemon(true);
        thread.start();
    }

    /** The brokers' ports as {@code ./platform up --cluster} gives them (KAFKA_PORT, + 100, + 200). */
    static String brokerPorts() {
        int first = Integer.parseInt(LocalStack.env("KAFKA_PORT", "9092"));
        return first + "," + (first + 100) + "," + (first + 200);
    }

    /**
     * New connections of the process are dropped by its cgroup (a socket belongs to the cgroup its process was in when
     * it was made); the connections it already has, by their ports, both ways (on the loopback interface the brokers'
     * packets to it pass the same chain).
     */
    private static void partition(String pid, String victim) throws Exception {
        Path group = CGROUPS.resolve("sqp-drill-" + victim);
        Files.createDirectories(group);
        Files.writeString(group.resolve("cgroup.procs"), pid);
        java.util.List<java.util.List<String>> rules = new java.util.ArrayList<>();
        rules.add(java.util.List.of(
                "-p",
                "tcp",
                "-m",
                "cgroup",
                "--path",
                "sqp-drill-" + victim,
                "-m",
                "multiport",
                "--dports",
                brokerPorts(),
                "-j",
                "DROP"));
        java.util.Set<String> brokers = java.util.Set.of(brokerPorts().split(","));
        Process sockets = new ProcessBuilder("ss", "-tnp", "state", "established").start();
        String listing = new String(sockets.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        sockets.waitFor();
        for (String line : listing.lines().toList()) {
            if (!line.contains("pid=" + pid + ",")) {
                continue;
            }
            String[] columns = line.trim().split("\\s+");
            String local = port(columns[2]);
            String peer = port(columns[3]);
            if (brokers.contains(peer)) {
                rules.add(java.util.List.of("-p", "tcp", "--sport", local, "--dport", peer, "-j", "DROP"));
                rules.add(java.util.List.of("-p", "tcp", "--sport", peer, "--dport", local, "-j", "DROP"));
            }
        }
        for (java.util.List<String> rule : rules) {
            iptables("-I", rule);
        }
        PARTITION_RULES.put(pid, rules);
        PARTITIONED.put(pid, victim);
        System.out.printf(
                "  %d packet filter rules: new connections by cgroup, %d open ones by port%n",
                rules.size(), (rules.size() - 1) / 2);
    }

    private static String port(String address) {
        return address.substring(address.lastIndexOf(':') + 1);
    }

    private static void iptables(String action, java.util.List<String> rule) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("iptables", action, "OUTPUT"));
        command.addAll(rule);
        run(command.toArray(String[]::new));
    }

    private static void heal(String pid) {
        String victim = PARTITIONED.remove(pid);
        if (victim == null) {
            return;
        }
        try {
            for (java.util.List<String> rule : PARTITION_RULES.getOrDefault(pid, java.util.List.of())) {
                iptables("-D", rule);
            }
            PARTITION_RULES.remove(pid);
            Path group = CGROUPS.resolve("sqp-drill-" + victim);
            if (ProcessHandle.of(Long.parseLong(pid)).isPresent()) {
                Files.writeString(CGROUPS.resolve("cgroup.procs"), pid);
            }
            Files.deleteIfExists(group);
            System.out.printf("healed the partition of %s (pid %s)%n", victim, pid);
        } catch (Exception e) {
            System.out.printf("could not heal the partition of %s (pid %s): %s%n", victim, pid, e);
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", command));
        }
    }

    static void resumeAll() {
        STOPPED.keySet().forEach(FaultSchedule::resume);
        PARTITIONED.keySet().forEach(FaultSchedule::heal);
    }

    private static void resume(String pid) {
        String victim = STOPPED.remove(pid);
        if (victim != null) {
            try {
                signal("CONT", pid, victim);
                System.out.printf("resumed %s (pid %s, SIGCONT)%n", victim, pid);
            } catch (Exception e) {
                System.out.printf("could not resume %s (pid %s): %s%n", victim, pid, e);
            }
        }
    }

    private static String pid(String process) throws Exception {
        Path pidFile = Path.of(LocalStack.env("PLATFORM_DATA_DIR", ".platform"), "run", process + ".pid");
        return Files.readString(pidFile).trim();
    }

    private static void signal(String signal, String pid, String process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, pid).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("could not send SIG" + signal + " to " + process + " (pid " + pid + ")");
        }
    }
}

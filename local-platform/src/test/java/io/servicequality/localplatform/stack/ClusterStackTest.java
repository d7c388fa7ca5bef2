package io.servicequality.localplatform.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./platform up --cluster}: three brokers in one KRaft quorum that keep every record three times and acknowledge
 * at two, and two instances of every service on distinct ports, each with its own Streams state, all given every
 * broker; the mode is remembered for the other commands.
 */
class ClusterStackTest {

    @TempDir
    Path root;

    @Test
    void threeBrokersTheSideProcessesAndTwoInstancesOfEveryServiceInStartOrder() {
        Stack stack = new Stack(cluster(Map.of()));

        assertThat(stack.processes())
                .startsWith("kafka", "kafka-2", "kafka-3", Stack.STORE)
                .contains("feedback-service", "feedback-service-2", "scoring-service-2", "reporting-service-2")
                .endsWith(Stack.CONSOLE)
                .hasSize(15);
        assertThat(stack.processes().indexOf("reporting-service"))
                .as("the first instances form the groups")
                .isLessThan(stack.processes().indexOf("feedback-service-2"));
        assertThat(Stack.serviceOf("scoring-service-2")).isEqualTo("scoring-service");
        assertThat(Stack.isService("kafka-2")).isFalse();
        assertThat(Stack.isBroker("kafka-3")).isTrue();
        assertThat(new Stack(Settings.from(Map.of("PLATFORM_DATA_DIR", root.toString()), root)).processes())
                .isEqualTo(Stack.PROCESSES);
    }

    @Test
    void everyProcessHasItsOwnPortsAndTheQuorumNamesAllThreeControllers() {
        Stack stack = new Stack(cluster(Map.of("KAFKA_PORT", "19092", "KAFKA_CONTROLLER_PORT", "19093")));

        assertThat(List.of("kafka", "kafka-2", "kafka-3")).map(stack::port).containsExactly(19092, 19192, 19292);
        assertThat(stack.bootstrapServers()).isEqualTo("localhost:19092,localhost:19192,localhost:19292");
        assertThat(stack.port("feedback-service-2")).isEqualTo(8181);
        assertThat(stack.port("reporting-service-2")).isEqualTo(8184);
        assertThat(stack.processes().stream().map(stack::port).distinct()).hasSize(15);

        String second = stack.kafkaConfiguration("kafka-2");
        assertThat(second)
                .contains("node.id=2\n")
                .contains("controller.quorum.voters=1@localhost:19093,2@localhost:19193,3@localhost:19293\n")
                .contains("listeners=PLAINTEXT://localhost:19192,CONTROLLER://localhost:19193\n")
                .contains("default.replication.factor=3\n", "min.insync.replicas=2\n")
                .contains("transaction.state.log.replication.factor=3\n", "transaction.state.log.min.isr=2\n")
                .contains("log.dirs=" + root.resolve("data/kafka-cluster/node-2/data") + "\n");
    }

    @Test
    void aSecondInstanceRunsTheSameJarOnItsOwnPortWithItsOwnStateAndEveryBroker() throws IOException {
        Path jar = builtJar("scoring-service");
        Stack stack = new Stack(cluster(Map.of()));

        Stack.Launch first = stack.launch("scoring-service");
        Stack.Launch second = stack.launch("scoring-service-2");

        assertThat(second.command()).endsWith("-jar", jar.toString());
        assertThat(second.environment())
                .containsEntry("SERVER_PORT", "8183")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092,localhost:9192,localhost:9292")
                .containsEntry("SQP_KAFKA_REPLICATION_FACTOR", "3")
                .containsEntry("SQP_INSTANCES", "2")
                .containsEntry("SQP_SCORING_STANDBY_REPLICAS", "1")
                .containsEntry(
                        "SQP_SCORING_STATE_DIR",
                        root.resolve("data/scoring-streams-2").toString());
        assertThat(first.environment())
                .containsEntry("SERVER_PORT", "8083")
                .containsEntry(
                        "SQP_SCORING_STATE_DIR",
                        root.resolve("data/scoring-streams").toString());
        assertThat(Stack.looksLike("scoring-service-2", ProcessHandle.current()))
                .isFalse();
    }

    @Test
    void theModeIsRememberedInTheDataDirectoryForTheOtherCommands() throws IOException {
        Path data = root.resolve("data");
        Files.createDirectories(data);
        assertThat(Settings.from(Map.of("PLATFORM_DATA_DIR", data.toString()), root)
                        .cluster())
                .isFalse();

        Files.writeString(data.resolve("cluster"), "./platform up --cluster\n");

        assertThat(Settings.from(Map.of("PLATFORM_DATA_DIR", data.toString()), root)
                        .cluster())
                .isTrue();
        assertThat(Settings.from(Map.of("PLATFORM_DATA_DIR", data.toString(), "SQP_CLUSTER", "false"), root)
                        .cluster())
                .as("./platform up without --cluster")
                .isFalse();
    }

    private Settings cluster(Map<String, String> more) {
        Map<String, String> environment = new java.util.HashMap<>(more);
        environment.put("PLATFORM_DATA_DIR", root.resolve("data").toString());
        environment.put("SQP_CLUSTER", "true");
        return Settings.from(environment, root);
    }

    private Path builtJar(String module) throws IOException {
        Path target = Files.createDirectories(root.resolve(module).resolve("target"));
        return Files.createFile(target.resolve(module + "-0.1.0-SNAPSHOT.jar"));
    }
}

package io.servicequality.localplatform.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private final Path root = Path.of("/repo");

    @Test
    void defaultsAreTheOnesTheReadmeLists() {
        Settings settings = Settings.from(Map.of(), root);

        assertThat(settings.dataDir()).isEqualTo(Path.of("/repo/.platform"));
        assertThat(settings.kafkaPort()).isEqualTo(9092);
        assertThat(settings.kafkaControllerPort()).isEqualTo(9093);
        assertThat(settings.storePort()).isEqualTo(27017);
        assertThat(settings.devAuthServerPort()).isEqualTo(9000);
        assertThat(settings.devAuthIssuer()).isEqualTo("http://localhost:9000");
        assertThat(settings.devAuthDir()).isEqualTo(Path.of("/repo/.platform/dev-auth"));
        assertThat(settings.jwtIssuerUri())
                .as("the services trust the development authorization server besides the stack's own key")
                .isEqualTo("http://localhost:9000");
        assertThat(Settings.SERVICES).map(settings::servicePort).containsExactly(8081, 8082, 8083, 8084);
        assertThat(settings.javaOptions().get("scoring-service"))
                .containsExactly("-Xmx384m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");
        assertThat(settings.javaOptions().get("reporting-service"))
                .as("the read model's memory (reporting-service/README.md)")
                .containsExactly("-Xmx1g", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");
        assertThat(settings.javaOptions().get(Stack.STORE)).containsExactly("-Xmx1g", "-XX:+ExitOnOutOfMemoryError");
        assertThat(settings.javaOptions().get(Stack.DEV_AUTH)).containsExactly("-Xmx192m", "-XX:+UseSerialGC");
        assertThat(settings.startupTimeout()).isEqualTo(Duration.ofSeconds(180));
        assertThat(settings.maxRestarts()).isEqualTo(5);
        assertThat(settings.restartWindow()).isEqualTo(Duration.ofSeconds(600));
        assertThat(settings.scoringStateDir()).isEqualTo(Path.of("/repo/.platform/scoring-streams"));
        assertThat(settings.pidFile("kafka")).isEqualTo(Path.of("/repo/.platform/run/kafka.pid"));
        assertThat(settings.logFile("kafka")).isEqualTo(Path.of("/repo/.platform/logs/kafka.log"));
    }

    @Test
    void everyPortAndOptionIsTakenFromTheEnvironment() {
        Settings settings = Settings.from(
                Map.of(
                        "PLATFORM_DATA_DIR", "/tmp/data",
                        "KAFKA_PORT", "19092",
                        "SCORING_SERVICE_PORT", "18083",
                        "DEV_AUTH_SERVER_PORT", "19000",
                        "DEV_AUTH_JAVA_OPTS", "-Xmx256m",
                        "KAFKA_JAVA_OPTS", "  -Xmx1g   -Dx=y ",
                        "MAX_RESTARTS", "0"),
                root);

        assertThat(settings.dataDir()).isEqualTo(Path.of("/tmp/data"));
        assertThat(settings.kafkaPort()).isEqualTo(19092);
        assertThat(settings.servicePort("scoring-service")).isEqualTo(18083);
        assertThat(settings.javaOptions().get(Stack.KAFKA)).isEqualTo(List.of("-Xmx1g", "-Dx=y"));
        assertThat(settings.maxRestarts()).isZero();
        assertThat(settings.scoringStateDir()).isEqualTo(Path.of("/tmp/data/scoring-streams"));
        assertThat(settings.devAuthServerPort()).isEqualTo(19000);
        assertThat(settings.devAuthIssuer()).isEqualTo("http://localhost:19000");
        assertThat(settings.jwtIssuerUri()).isEqualTo("http://localhost:19000");
        assertThat(settings.devAuthDir()).isEqualTo(Path.of("/tmp/data/dev-auth"));
        assertThat(settings.javaOptions().get(Stack.DEV_AUTH)).containsExactly("-Xmx256m");
    }

    @Test
    void serviceOptionsAreEveryServicesAndReportingsOwnOptionsOverrideThem() {
        Settings everyService = Settings.from(Map.of("SERVICE_JAVA_OPTS", "-Xmx640m -XX:+UseG1GC"), root);
        assertThat(Settings.SERVICES)
                .allSatisfy(service -> assertThat(everyService.javaOptions().get(service))
                        .containsExactly("-Xmx640m", "-XX:+UseG1GC"));

        Settings reportingAlone = Settings.from(
                Map.of("SERVICE_JAVA_OPTS", "-Xmx640m", "REPORTING_JAVA_OPTS", "-Xmx2g -XX:+UseSerialGC"), root);
        assertThat(reportingAlone.javaOptions().get("reporting-service")).containsExactly("-Xmx2g", "-XX:+UseSerialGC");
        assertThat(reportingAlone.javaOptions().get("feedback-service")).containsExactly("-Xmx640m");
    }

    @Test
    void anIssuerTheUserNamesTakesThePlaceOfTheDevelopmentAuthorizationServer() {
        Settings settings = Settings.from(
                Map.of(
                        "SQP_SECURITY_JWT_ISSUER_URI",
                        " https://idp.example.com/realms/sqp ",
                        "DEV_AUTH_SERVER_PORT",
                        "19000"),
                root);

        assertThat(settings.jwtIssuerUri()).isEqualTo("https://idp.example.com/realms/sqp");
        assertThat(settings.devAuthIssuer()).as("still started, on its port").isEqualTo("http://localhost:19000");
    }

    @Test
    void aValueThatIsNotANumberIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> Settings.from(Map.of("STORE_PORT", "mongo"), root))
                .isInstanceOf(PlatformException.class)
                .hasMessage("STORE_PORT must be a whole number, not 'mongo'");
        assertThatThrownBy(() -> Settings.from(Map.of("KAFKA_PORT", "70000"), root))
                .hasMessage("KAFKA_PORT must be a port number (1-65535), not 70000");
        assertThatThrownBy(() -> Settings.from(Map.of("DEV_AUTH_SERVER_PORT", "auth"), root))
                .hasMessage("DEV_AUTH_SERVER_PORT must be a whole number, not 'auth'");
        assertThatThrownBy(() -> Settings.from(Map.of("RESTART_WINDOW_SECONDS", "0"), root))
                .hasMessage("RESTART_WINDOW_SECONDS must be at least 1, not 0");
    }

    @Test
    void theBrokerConfigurationListensOnTheConfiguredPortsAndKeepsItsDataInTheDataDirectory() {
        Settings settings =
                Settings.from(Map.of("KAFKA_PORT", "19092", "KAFKA_CONTROLLER_PORT", "19093"), Path.of("/repo"));

        String configuration = new Stack(settings).kafkaConfiguration();

        assertThat(configuration)
                .contains("listeners=PLAINTEXT://localhost:19092,CONTROLLER://localhost:19093\n")
                .contains("controller.quorum.bootstrap.servers=localhost:19093\n")
                .contains("log.dirs=/repo/.platform/kafka/data\n")
                .contains("process.roles=broker,controller\n");
    }
}

package io.servicequality.localplatform.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The development authorization server as a process of the stack: when it starts, how, and when it is ready. */
class StackTest {

    @TempDir
    Path root;

    @Test
    void theAuthorizationServerIsReadyBeforeAnyServiceAndStopsAfterThem() {
        int devAuth = Stack.PROCESSES.indexOf(Stack.DEV_AUTH);

        assertThat(Stack.PROCESSES).hasSize(9);
        assertThat(devAuth).isPositive();
        assertThat(Settings.SERVICES)
                .allSatisfy(
                        service -> assertThat(Stack.PROCESSES.indexOf(service)).isGreaterThan(devAuth));
        assertThat(Stack.isService(Stack.DEV_AUTH)).isFalse();
    }

    @Test
    void theAuthorizationServerRunsFromItsJarWithItsPortIssuerAndKeyInTheDataDirectory() throws IOException {
        Path jar = builtJar("dev-authorization-server");
        Settings settings = Settings.from(Map.of("PLATFORM_DATA_DIR", "/data", "DEV_AUTH_SERVER_PORT", "19000"), root);
        Stack stack = new Stack(settings);

        Stack.Launch launch = stack.launch(Stack.DEV_AUTH);

        assertThat(launch.command()).containsSequence("-Xmx192m", "-XX:+UseSerialGC");
        assertThat(launch.command()).endsWith("-jar", jar.toString());
        assertThat(launch.environment())
                .containsEntry("DEV_AUTH_SERVER_PORT", "19000")
                .containsEntry("DEV_AUTH_ISSUER", "http://localhost:19000")
                .containsEntry("DEV_AUTH_DATA_DIR", "/data/dev-auth");
        assertThat(stack.port(Stack.DEV_AUTH)).isEqualTo(19000);
        assertThat(stack.portVariable(Stack.DEV_AUTH)).isEqualTo("DEV_AUTH_SERVER_PORT");
        assertThat(stack.address(Stack.DEV_AUTH)).isEqualTo("http://localhost:19000");
    }

    @Test
    void theConsoleStartsLastSignsInWhereTheServicesTrustAndRelaysToTheirPorts() throws IOException {
        Path jar = builtJar("staff-console");
        builtJar("dev-authorization-server");
        Settings settings = Settings.from(
                Map.of(
                        "PLATFORM_DATA_DIR",
                        "/data",
                        "DEV_AUTH_SERVER_PORT",
                        "19000",
                        "STAFF_CONSOLE_PORT",
                        "18090",
                        "COMPLAINT_SERVICE_PORT",
                        "18082"),
                root);
        Stack stack = new Stack(settings);

        Stack.Launch console = stack.launch(Stack.CONSOLE);
        Stack.Launch authorizationServer = stack.launch(Stack.DEV_AUTH);

        assertThat(Stack.PROCESSES.get(Stack.PROCESSES.size() - 1)).isEqualTo(Stack.CONSOLE);
        assertThat(console.command()).endsWith("-jar", jar.toString());
        assertThat(console.environment())
                .containsEntry("STAFF_CONSOLE_PORT", "18090")
                .containsEntry("SQP_CONSOLE_ISSUER_URI", "http://localhost:19000")
                .containsEntry("COMPLAINT_SERVICE_URL", "http://localhost:18082");
        assertThat(authorizationServer.environment())
                .containsEntry("DEV_AUTH_BFF_REDIRECT_URIS", "http://127.0.0.1:18090/login/oauth2/code/sqp")
                .containsEntry("DEV_AUTH_BFF_POST_LOGOUT_REDIRECT_URIS", "http://127.0.0.1:18090/signed-out.html");
        assertThat(stack.address(Stack.CONSOLE)).isEqualTo("http://127.0.0.1:18090/");
        assertThat(Stack.isService(Stack.CONSOLE)).isFalse();
    }

    @Test
    void theMailCatcherListensOnItsPortsAndReportingSendsItsEmailsThere() throws IOException {
        builtJar("reporting-service");
        builtJar("feedback-service");
        Path catcher = root.resolve("local-platform/target/mail-catcher/greenmail-standalone.jar");
        Files.createDirectories(catcher.getParent());
        if (!Files.exists(catcher)) {
            Files.createFile(catcher);
        }
        Settings settings = Settings.from(
                Map.of(
                        "PLATFORM_DATA_DIR", "/data",
                        "MAIL_CATCHER_PORT", "18025",
                        "MAIL_CATCHER_SMTP_PORT", "13025",
                        "MAIL_CATCHER_IMAP_PORT", "13143"),
                root);
        Stack stack = new Stack(settings);

        Stack.Launch launch = stack.launch(Stack.MAIL_CATCHER);

        assertThat(launch.command())
                .contains(
                        "-Dgreenmail.smtp.port=13025",
                        "-Dgreenmail.imap.port=13143",
                        "-Dgreenmail.api.port=18025",
                        "-Dgreenmail.smtp.hostname=127.0.0.1",
                        "-Dgreenmail.auth.disabled")
                .endsWith("-jar", catcher.toString());
        assertThat(stack.port(Stack.MAIL_CATCHER)).isEqualTo(18025);
        assertThat(stack.portVariable(Stack.MAIL_CATCHER)).isEqualTo("MAIL_CATCHER_PORT");
        assertThat(Stack.PROCESSES.indexOf(Stack.MAIL_CATCHER))
                .as("ready before the services")
                .isLessThan(Stack.PROCESSES.indexOf("reporting-service"));
        assertThat(stack.launch("reporting-service").environment())
                .containsEntry("SPRING_MAIL_HOST", "127.0.0.1")
                .containsEntry("SPRING_MAIL_PORT", "13025");
        assertThat(stack.launch("feedback-service").environment()).doesNotContainKey("SPRING_MAIL_HOST");
    }

    @Test
    void theServicesTrustTheLocalKeyAndTheAuthorizationServerOrTheIssuerTheUserNames() throws IOException {
        builtJar("feedback-service");

        Map<String, String> byDefault = new Stack(
                        Settings.from(Map.of("PLATFORM_DATA_DIR", "/data", "DEV_AUTH_SERVER_PORT", "19000"), root))
                .launch("feedback-service")
                .environment();
        Map<String, String> named = new Stack(Settings.from(
                        Map.of("PLATFORM_DATA_DIR", "/data", "SQP_SECURITY_JWT_ISSUER_URI", "https://idp.example.com"),
                        root))
                .launch("feedback-service")
                .environment();

        assertThat(byDefault)
                .containsEntry("SQP_SECURITY_JWT_PUBLIC_KEY_LOCATION", "file:/data/security/jwt-public.pem")
                .containsEntry("SQP_SECURITY_JWT_ISSUER_URI", "http://localhost:19000");
        assertThat(named)
                .containsEntry("SQP_SECURITY_JWT_PUBLIC_KEY_LOCATION", "file:/data/security/jwt-public.pem")
                .containsEntry("SQP_SECURITY_JWT_ISSUER_URI", "https://idp.example.com");
    }

    @Test
    void theAuthorizationServerIsReadyWhenItServesItsDiscoveryDocument() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int[] status = {503};
        server.createContext("/.well-known/openid-configuration", exchange -> {
            byte[] body = "{\"issuer\":\"http://localhost\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status[0], body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            Stack stack = new Stack(Settings.from(Map.of("DEV_AUTH_SERVER_PORT", String.valueOf(port)), root));

            assertThat(stack.ready(Stack.DEV_AUTH))
                    .as("listening, but not serving yet")
                    .isFalse();
            assertThat(stack.check(Stack.DEV_AUTH).summary()).isEqualTo("answers 503");
            status[0] = 200;
            assertThat(stack.ready(Stack.DEV_AUTH)).isTrue();
            assertThat(stack.check(Stack.DEV_AUTH).summary()).isEqualTo("discovery document served");
        } finally {
            server.stop(0);
        }
        assertThat(Probes.discovery(server.getAddress().getPort()).up()).isFalse();
    }

    private Path builtJar(String module) throws IOException {
        Path target = Files.createDirectories(root.resolve(module).resolve("target"));
        return Files.createFile(target.resolve(module + "-0.1.0-SNAPSHOT.jar"));
    }
}

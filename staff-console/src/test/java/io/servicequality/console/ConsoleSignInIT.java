package io.servicequality.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's backend-for-frontend against the real development authorization server: a browser (an HTTP client
 * with cookies, following each redirect by hand) signs in with the authorization-code flow, and its calls reach a
 * service with the user's access token, while the browser itself never holds a token.
 */
class ConsoleSignInIT {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Process authorizationServer;
    private static String issuer;
    private static ConfigurableApplicationContext console;
    private static HttpServer complaintService;
    private static final List<String> relayedAuthorizations = new CopyOnWriteArrayList<>();
    private static final List<String> relayedCookies = new CopyOnWriteArrayList<>();
    private static String consoleUrl;

    @BeforeAll
    static void start() throws IOException {
        int issuerPort = freePort();
        int consolePort = freePort();
        consoleUrl = "http://127.0.0.1:" + consolePort;
        issuer = "http://localhost:" + issuerPort;
        Path keys = Files.createTempDirectory("console-it-issuer");
        authorizationServer = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx192m",
                        "-jar",
                        authorizationServerJar().toString(),
                        "--server.port=" + issuerPort,
                        "--sqp.dev-auth.issuer=" + issuer,
                        "--sqp.dev-auth.data-dir=" + keys,
                        "--sqp.dev-auth.bff-redirect-uris=" + consoleUrl + "/login/oauth2/code/sqp",
                        "--sqp.dev-auth.bff-post-logout-redirect-uris=" + consoleUrl + "/signed-out.html")
                .redirectErrorStream(true)
                .redirectOutput(keys.resolve("server.log").toFile())
                .start();
        awaitDiscovery();

        // a stand-in for complaint-service: records the Authorization header it was called with, answers an ETag
        complaintService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        complaintService.createContext("/api/v1/complaints", exchange -> {
            relayedAuthorizations.add(
                    String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            relayedCookies.add(String.valueOf(exchange.getRequestHeaders().getFirst("Cookie"))
                    + String.valueOf(exchange.getRequestHeaders().getFirst("X-XSRF-TOKEN")));
            exchange.getResponseHeaders().add("Set-Cookie", "tracking=1; Path=/");
            boolean change = exchange.getRequestMethod().equals("POST");
            byte[] body = (change
                            ? "{\"type\":\"about:blank\",\"title\":\"Precondition Failed\",\"status\":412}"
                            : "{\"complaintId\":\"c-1\",\"status\":\"OPEN\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", change ? "application/problem+json" : "application/json");
            exchange.getResponseHeaders().add("ETag", "\"7\"");
            exchange.sendResponseHeaders(change ? 412 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        complaintService.start();

        console = new SpringApplicationBuilder(StaffConsole.class)
                .run(
                        "--server.port=" + consolePort,
                        "--spring.security.oauth2.client.provider.sqp.issuer-uri=" + issuer,
                        "--sqp.console.services.complaint-service.url=http://127.0.0.1:"
                                + complaintService.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        if (console != null) console.close();
        if (complaintService != null) complaintService.stop(0);
        if (authorizationServer != null) authorizationServer.destroy();
    }

    @Test
    void aCallWithoutSessionIsAProblemNotARedirect() throws Exception {
        relayedAuthorizations.clear();
        HttpResponse<String> answer = new Browser().get("/api/v1/complaints/c-1", "application/json");

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(relayedAuthorizations).isEmpty();
    }

    @Test
    void aPageWithoutSessionGoesToTheIssuerWithPkce() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> page = browser.get("/", "text/html");
        assertThat(page.statusCode()).isEqualTo(302);
        HttpResponse<String> signIn = browser.follow(page);

        assertThat(signIn.headers().firstValue("Location").orElseThrow())
                .startsWith(issuer + "/oauth2/authorize")
                .contains("client_id=sqp-console-bff")
                .contains("code_challenge_method=S256");
    }

    @Test
    void aSignedInUsersCallsReachTheServiceWithTheirTokenAndTheBrowserHoldsNone() throws Exception {
        Browser browser = new Browser();
        browser.signIn("manager.n01");

        HttpResponse<String> session = browser.get("/console/session", "application/json");
        assertThat(session.statusCode()).isEqualTo(200);
        JsonNode user = JSON.readTree(session.body());
        assertThat(user.path("username").asString()).isEqualTo("manager.n01");
        assertThat(user.path("roles").get(0).asString()).isEqualTo("BRANCH_MANAGER");
        assertThat(user.path("branches").get(0).asString()).isEqualTo("N-01");
        assertThat(session.body()).doesNotContainPattern("eyJ[\\w-]+\\.eyJ");
        assertThat(session.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(policy -> assertThat(policy)
                        .contains("script-src 'self'", "connect-src 'self'", "form-action 'self' " + issuer));

        relayedAuthorizations.clear();
        HttpResponse<String> complaint = browser.get("/api/v1/complaints/c-1", "application/json");
        assertThat(complaint.statusCode()).isEqualTo(200);
        assertThat(complaint.headers().firstValue("ETag")).hasValue("\"7\"");
        // the console's session and CSRF cookies stay with the console; a service's cookie does not reach the browser
        assertThat(relayedCookies).last().isEqualTo("nullnull");
        assertThat(complaint.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("tracking="));
        assertThat(relayedAuthorizations).hasSize(1);
        String authorization = relayedAuthorizations.get(0);
        assertThat(authorization).startsWith("Bearer ");
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder()
                .decode(authorization.substring("Bearer ".length()).split("\\.")[1]));
        assertThat(claims.path("sub").asString()).isEqualTo("manager.n01");
        assertThat(claims.path("tenant").asString()).isEqualTo("demo");

        // the browser's cookies: an HttpOnly session id and the CSRF token, never a token
        for (HttpCookie cookie : browser.cookies.getCookieStore().getCookies()) {
            assertThat(cookie.getValue()).doesNotContainPattern("eyJ[\\w-]+\\.eyJ");
        }
    }

    @Test
    void aChangeNeedsTheCsrfTokenAndThenComesBackAsTheServiceAnswered() throws Exception {
        Browser browser = new Browser();
        browser.signIn("agent.n01");
        browser.get("/console/session", "application/json");

        relayedAuthorizations.clear();
        HttpResponse<String> withoutCsrf = browser.post("/api/v1/complaints/c-1/acknowledge", null);
        assertThat(withoutCsrf.statusCode()).isEqualTo(403);
        assertThat(relayedAuthorizations).isEmpty();

        HttpResponse<String> withCsrf = browser.post("/api/v1/complaints/c-1/acknowledge", browser.csrfCookie());
        assertThat(withCsrf.statusCode()).isEqualTo(412);
        assertThat(withCsrf.body()).contains("Precondition Failed");
        assertThat(relayedCookies).last().isEqualTo("nullnull");
        assertThat(relayedAuthorizations).hasSize(1);
    }

    @Test
    void signingOutEndsTheSessionHereAndAtTheIssuer() throws Exception {
        Browser browser = new Browser();
        browser.signIn("viewer");
        browser.get("/console/session", "application/json");

        HttpResponse<String> signOut = browser.send(HttpRequest.newBuilder(URI.create(consoleUrl + "/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", browser.csrfCookie())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(signOut.statusCode()).isEqualTo(302);
        assertThat(signOut.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).contains("/connect/logout"));

        assertThat(browser.get("/console/session", "application/json").statusCode())
                .isEqualTo(401);
    }

    /** A browser: cookies per host, redirects followed one at a time. */
    private static final class Browser {

        final CookieManager cookies = new CookieManager();
        private final HttpClient client = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(URI.create(consoleUrl + path))
                    .header("Accept", accept)
                    .GET()
                    .build());
        }

        HttpResponse<String> post(String path, String csrf) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(consoleUrl + path))
                    .header("Accept", "application/json")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"));
            if (csrf != null) {
                request.header("X-XSRF-TOKEN", csrf);
            }
            return send(request.build());
        }

        HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> follow(HttpResponse<String> redirect) throws IOException, InterruptedException {
            URI next = redirect.uri()
                    .resolve(redirect.headers().firstValue("Location").orElseThrow());
            return send(HttpRequest.newBuilder(next)
                    .header("Accept", "text/html")
                    .GET()
                    .build());
        }

        String csrfCookie() {
            return cookies.getCookieStore().getCookies().stream()
                    .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"));
        }

        /** Page → issuer → login form → back to the console with a code → the console's session. */
        void signIn(String username) throws IOException, InterruptedException {
            HttpResponse<String> answer = get("/", "text/html");
            while (answer.statusCode() == 302
                    && !answer.headers().firstValue("Location").orElseThrow().endsWith("/login")) {
                answer = follow(answer);
            }
            HttpResponse<String> loginPage = follow(answer);
            Matcher csrf = CSRF.matcher(loginPage.body());
            assertThat(csrf.find()).as("the login form has a CSRF field").isTrue();
            answer = send(HttpRequest.newBuilder(loginPage.uri())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "username=" + encode(username) + "&password=demo&_csrf=" + encode(csrf.group(1))))
                    .build());
            while (answer.statusCode() == 302) {
                URI next = answer.uri()
                        .resolve(answer.headers().firstValue("Location").orElseThrow());
                if (next.toString().startsWith(consoleUrl + "/")
                        && next.getPath().equals("/")) {
                    return;
                }
                answer = follow(answer);
            }
            throw new AssertionError(
                    "sign-in did not come back to the console: " + answer.statusCode() + " " + answer.uri());
        }
    }

    /** The jar Maven built of dev-authorization-server (this module's build waits for it). */
    private static Path authorizationServerJar() throws IOException {
        try (var jars = Files.list(Path.of("..", "dev-authorization-server", "target"))) {
            return jars.filter(jar ->
                            jar.getFileName().toString().matches("dev-authorization-server-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("build dev-authorization-server first (mvn package)"));
        }
    }

    /** Until the issuer answers its discovery document (the console reads it at start). */
    private static void awaitDiscovery() {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                .build();
        Awaitility.await("the development authorization server")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .failFast("the development authorization server exited", () -> !authorizationServer.isAlive())
                .until(() -> client.send(discovery, HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

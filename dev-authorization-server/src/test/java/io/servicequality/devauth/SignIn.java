package io.servicequality.devauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser and the console, played by an HTTP client: the authorization-code flow with PKCE for {@code sqp-console}
 * (or {@code sqp-console-bff}, with its secret) against a running server, as a user signing in with the login form
 * would go through it.
 */
final class SignIn {

    static final String REDIRECT_URI = "http://127.0.0.1:8090/callback";
    static final String BFF_REDIRECT_URI = "http://127.0.0.1:8090/login/oauth2/code/sqp";
    static final String BFF_SECRET = "dev-bff-secret";

    /** A client of the server: the public console, or the backend-for-frontend with its secret. */
    record Client(String id, String redirectUri, String secret) {

        static final Client CONSOLE = new Client(AuthorizationServerConfig.CONSOLE_CLIENT, REDIRECT_URI, null);
        static final Client BFF = new Client(AuthorizationServerConfig.BFF_CLIENT, BFF_REDIRECT_URI, BFF_SECRET);

        String basicAuthorization() {
            return secret == null
                    ? null
                    : Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String issuer;
    private final Client client;
    private final HttpClient browser;

    SignIn(String issuer) {
        this(issuer, Client.CONSOLE);
    }

    SignIn(String issuer, Client client) {
        this.issuer = issuer;
        this.client = client;
        this.browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The whole flow: the tokens answered by {@code /oauth2/token}, or empty when the login form refused. */
    Optional<JsonNode> tokens(String username, String password) throws IOException, InterruptedException {
        String verifier = randomString();
        String state = randomString();
        String authorize = issuer + "/oauth2/authorize?"
                + form(Map.of(
                        "response_type",
                        "code",
                        "client_id",
                        client.id(),
                        "redirect_uri",
                        client.redirectUri(),
                        "scope",
                        "openid profile",
                        "state",
                        state,
                        "code_challenge",
                        challenge(verifier),
                        "code_challenge_method",
                        "S256"));

        HttpResponse<String> toLogin = get(authorize);
        assertThat(toLogin.statusCode()).as("not signed in: to the login form").isEqualTo(302);
        String loginPage = location(toLogin);
        assertThat(loginPage).endsWith("/login");

        HttpResponse<String> form = get(loginPage);
        Matcher csrf = CSRF.matcher(form.body());
        assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
        HttpResponse<String> login = post(
                issuer + "/login", Map.of("username", username, "password", password, "_csrf", csrf.group(1)), null);
        assertThat(login.statusCode()).isEqualTo(302);
        if (location(login).contains("error")) {
            return Optional.empty();
        }

        HttpResponse<String> back = get(absolute(location(login)));
        assertThat(back.statusCode())
                .as("no consent page: straight back to the console")
                .isEqualTo(302);
        URI callback = URI.create(location(back));
        assertThat(callback.toString()).startsWith(client.redirectUri());
        Map<String, String> answer = query(callback);
        assertThat(answer).containsEntry("state", state).containsKey("code");

        HttpResponse<String> token = post(
                issuer + "/oauth2/token",
                Map.of(
                        "grant_type",
                        "authorization_code",
                        "code",
                        answer.get("code"),
                        "redirect_uri",
                        client.redirectUri(),
                        "client_id",
                        client.id(),
                        "code_verifier",
                        verifier),
                client.basicAuthorization());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return Optional.of(JSON.readTree(token.body()));
    }

    /** The access token of a demo user who signs in with the right password. */
    String accessToken(String username) throws IOException, InterruptedException {
        return tokens(username, DemoUsers.PASSWORD)
                .orElseThrow(() -> new AssertionError(username + " could not sign in"))
                .get("access_token")
                .asString();
    }

    HttpResponse<String> get(String uri) throws IOException, InterruptedException {
        return browser.send(
                HttpRequest.newBuilder(URI.create(uri)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String uri, Map<String, String> fields, String basicAuthorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
        if (basicAuthorization != null) {
            request.header("Authorization", "Basic " + basicAuthorization);
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String absolute(String location) {
        return location.startsWith("/") ? issuer + location : location;
    }

    private static String location(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Location")
                .orElseThrow(() -> new AssertionError(
                        "no Location in a " + response.statusCode() + " answer to " + response.uri()));
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            values.put(
                    URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }

    private static String randomString() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

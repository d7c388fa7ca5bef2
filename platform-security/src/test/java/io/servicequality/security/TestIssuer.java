package io.servicequality.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.servicequality.security.tool.LocalTokens;
import io.servicequality.security.tool.LocalTokens.Claims;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OIDC issuer as a service meets one, in process: its discovery document and its JWKS over HTTP (the JDK's own
 * server), and tokens signed with its key. Records the paths it was asked for.
 */
final class TestIssuer implements AutoCloseable {

    static final String DISCOVERY = "/.well-known/openid-configuration";
    static final String JWKS = "/oauth2/jwks";

    private final HttpServer server;
    private final KeyPair key;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private TestIssuer(HttpServer server, KeyPair key) {
        this.server = server;
        this.key = key;
    }

    static TestIssuer start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            TestIssuer issuer = new TestIssuer(
                    HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0), generator.generateKeyPair());
            issuer.server.createContext(DISCOVERY, exchange -> issuer.answer(exchange, issuer.discovery()));
            issuer.server.createContext(JWKS, exchange -> issuer.answer(exchange, issuer.jwks()));
            issuer.server.start();
            return issuer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: the issuer's identifier, the {@code iss} of its tokens. */
    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String jwksUri() {
        return uri() + JWKS;
    }

    /** A token signed with this issuer's key, carrying the {@code iss} the claims name. */
    String sign(Claims claims) {
        return LocalTokens.sign(key.getPrivate(), claims, Instant.now());
    }

    /** The paths asked for so far, in order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    private String discovery() {
        return """
                {"issuer":"%1$s","jwks_uri":"%1$s%2$s","authorization_endpoint":"%1$s/oauth2/authorize",\
                "token_endpoint":"%1$s/oauth2/token","id_token_signing_alg_values_supported":["RS256"],\
                "subject_types_supported":["public"],"response_types_supported":["code"]}""".formatted(uri(), JWKS);
    }

    private String jwks() {
        return new JWKSet(new RSAKey.Builder((RSAPublicKey) key.getPublic())
                        .keyUse(KeyUse.SIGNATURE)
                        .keyID("test-issuer")
                        .build())
                .toString(true);
    }

    private void answer(HttpExchange exchange, String json) throws IOException {
        requests.add(exchange.getRequestURI().getPath());
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

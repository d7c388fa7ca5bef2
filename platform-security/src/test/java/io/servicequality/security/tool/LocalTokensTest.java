package io.servicequality.security.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTokensTest {

    @TempDir
    Path dir;

    @Test
    void keygenWritesAPrivateKeyOnlyItsOwnerCanReadAndKeepsAnExistingPair() throws Exception {
        LocalTokens.keygen(dir);
        String first = Files.readString(dir.resolve(LocalTokens.PUBLIC_KEY));
        LocalTokens.keygen(dir);

        assertThat(Files.readString(dir.resolve(LocalTokens.PRIVATE_KEY))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(first).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(LocalTokens.PRIVATE_KEY))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve(LocalTokens.PUBLIC_KEY))).isEqualTo(first);
    }

    @Test
    void tokenPrintsAnRs256JwtWithThePlatformsClaimsSignedByTheKey() throws Exception {
        LocalTokens.keygen(dir);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Instant now = Instant.parse("2026-11-20T09:00:00Z");

        int exit = LocalTokens.run(
                List.of(
                        "token",
                        "--key",
                        dir.resolve(LocalTokens.PRIVATE_KEY).toString(),
                        "--role",
                        "BRANCH_MANAGER",
                        "--role",
                        "AGENT",
                        "--tenant",
                        "demo",
                        "--branches",
                        "SH-001,SH-002",
                        "--subject",
                        "bob",
                        "--ttl",
                        "PT1H"),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err,
                Clock.fixed(now, ZoneOffset.UTC));

        assertThat(exit).isZero();
        SignedJWT jwt = SignedJWT.parse(out.toString(StandardCharsets.UTF_8).strip());
        assertThat(jwt.verify(new RSASSAVerifier(publicKey()))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("sqp-local");
        assertThat(claims.getSubject()).isEqualTo("bob");
        assertThat(claims.getStringClaim("tenant")).isEqualTo("demo");
        assertThat(claims.getStringListClaim("roles")).containsExactly("BRANCH_MANAGER", "AGENT");
        assertThat(claims.getStringListClaim("branches")).containsExactly("SH-001", "SH-002");
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(now.plusSeconds(3600));
    }

    @Test
    void tokenWithoutARoleIsAUsageError() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = LocalTokens.run(
                List.of("token", "--key", "x.pem", "--tenant", "demo"),
                System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.systemUTC());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--role");
    }

    private RSAPublicKey publicKey() throws Exception {
        String pem = Files.readString(dir.resolve(LocalTokens.PUBLIC_KEY))
                .replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }
}

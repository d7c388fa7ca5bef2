package io.servicequality.security.tool;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The local stack's token tool (needs only this jar and nimbus-jose-jwt on the class path):
 *
 * <pre>
 * java -cp platform-security.jar:lib/* io.servicequality.security.tool.LocalTokens keygen .platform/security
 * java -cp … LocalTokens token --key .platform/security/jwt-private.pem --role ADMIN [--role …] --tenant demo
 *         [--branches a,b] [--regions r] [--subject alice] [--ttl PT8H] [--issuer sqp-local]
 * </pre>
 *
 * {@code keygen} writes {@code jwt-private.pem} (PKCS#8, mode 600) and {@code jwt-public.pem} (X.509) unless they
 * exist; {@code token} prints a signed RS256 JWT with the platform's claims.
 */
public final class LocalTokens {

    public static final String DEFAULT_ISSUER = "sqp-local";
    public static final String PRIVATE_KEY = "jwt-private.pem";
    public static final String PUBLIC_KEY = "jwt-public.pem";

    private LocalTokens() {}

    /**
     * What a token says.
     *
     * @param roles e.g. {@code ADMIN}, {@code BRANCH_MANAGER}
     * @param branches the {@code branches} claim; empty: none
     * @param regions the {@code regions} claim; empty: none
     */
    public record Claims(
            String issuer,
            String subject,
            String tenant,
            List<String> roles,
            List<String> branches,
            List<String> regions,
            Duration ttl) {

        public static Claims of(String tenant, String subject, List<String> roles) {
            return new Claims(DEFAULT_ISSUER, subject, tenant, roles, List.of(), List.of(), Duration.ofHours(8));
        }

        public Claims withBranches(List<String> value) {
            return new Claims(issuer, subject, tenant, roles, value, regions, ttl);
        }

        public Claims withRegions(List<String> value) {
            return new Claims(issuer, subject, tenant, roles, branches, value, ttl);
        }

        public Claims withIssuer(String value) {
            return new Claims(value, subject, tenant, roles, branches, regions, ttl);
        }

        public Claims withTtl(Duration value) {
            return new Claims(issuer, subject, tenant, roles, branches, regions, value);
        }
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(Arrays.asList(args), System.out, System.err, Clock.systemUTC()));
    }

    static int run(List<String> args, PrintStream out, PrintStream err, Clock clock) throws IOException {
        if (args.size() == 2 && args.get(0).equals("keygen")) {
            keygen(Path.of(args.get(1)));
            out.println(Path.of(args.get(1)).resolve(PUBLIC_KEY));
            return 0;
        }
        if (!args.isEmpty() && args.get(0).equals("token")) {
            String key = null;
            String tenant = null;
            String subject = "local-user";
            String issuer = DEFAULT_ISSUER;
            Duration ttl = Duration.ofHours(8);
            List<String> roles = new ArrayList<>();
            List<String> branches = List.of();
            List<String> regions = List.of();
            for (int i = 1; i < args.size(); i += 2) {
                if (i + 1 >= args.size()) {
                    return usage(err, args.get(i) + " needs a value");
                }
                String value = args.get(i + 1);
                switch (args.get(i)) {
                    case "--key" -> key = value;
                    case "--tenant" -> tenant = value;
                    case "--subject" -> subject = value;
                    case "--issuer" -> issuer = value;
                    case "--ttl" -> ttl = Duration.parse(value);
                    case "--role" -> roles.add(value);
                    case "--branches" -> branches = list(value);
                    case "--regions" -> regions = list(value);
                    default -> {
                        return usage(err, "unknown option " + args.get(i));
                    }
                }
            }
            if (key == null || tenant == null || roles.isEmpty()) {
                return usage(err, "token needs --key, --tenant and at least one --role");
            }
            out.println(sign(
                    readPrivateKey(Path.of(key)),
                    new Claims(issuer, subject, tenant, roles, branches, regions, ttl),
                    clock.instant()));
            return 0;
        }
        return usage(err, "unknown command");
    }

    private static int usage(PrintStream err, String problem) {
        err.println(problem);
        err.println("usage: LocalTokens keygen <dir>");
        err.println("       LocalTokens token --key <dir>/jwt-private.pem --role ADMIN [--role …] --tenant demo"
                + " [--branches a,b] [--regions r] [--subject alice] [--ttl PT8H] [--issuer sqp-local]");
        return 2;
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** Writes a new RSA 2048 key pair into {@code dir} unless its private key is already there. */
    public static void keygen(Path dir) throws IOException {
        Path privateKey = dir.resolve(PRIVATE_KEY);
        if (Files.exists(privateKey)) {
            return;
        }
        Files.createDirectories(dir);
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        }
        Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's permissions protect it
        }
        Files.writeString(
                dir.resolve(PUBLIC_KEY), pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
    }

    public static PrivateKey readPrivateKey(Path pem) throws IOException {
        return readPrivateKey(Files.readString(pem, StandardCharsets.US_ASCII));
    }

    /** A PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}). */
    public static PrivateKey readPrivateKey(String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a PKCS#8 RSA private key", e);
        }
    }

    /** A signed RS256 JWT, issued at {@code now}. */
    public static String sign(PrivateKey key, Claims claims, Instant now) {
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder()
                .issuer(claims.issuer())
                .subject(claims.subject())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(claims.ttl())))
                .claim("tenant", claims.tenant())
                .claim("roles", claims.roles());
        if (!claims.branches().isEmpty()) {
            set.claim("branches", claims.branches());
        }
        if (!claims.regions().isEmpty()) {
            set.claim("regions", claims.regions());
        }
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .type(JOSEObjectType.JWT)
                        .build(),
                set.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the token", e);
        }
        return jwt.serialize();
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}

package io.servicequality.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The API key format {@code sqp_<keyId>_<secret>}: a public key id (12 lower-case letters and digits) and a secret of
 * 256 random bits (base64url). Only the SHA-256 of the secret is ever stored; presented secrets are compared with it in
 * constant time.
 */
public final class ApiKeySecrets {

    public static final String PREFIX = "sqp_";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_ALPHABET = "abcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    private ApiKeySecrets() {}

    /** A freshly generated key: show {@link NewKey#key()} once, store {@link NewKey#secretHash()}. */
    public record NewKey(String keyId, String key, String secretHash) {}

    /** A presented key split into its parts. */
    public record Presented(String keyId, String secret) {}

    public static NewKey generate() {
        StringBuilder keyId = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            keyId.append(ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)]);
        }
        byte[] secretBytes = new byte[32];
        RANDOM.nextBytes(secretBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        return new NewKey(keyId.toString(), PREFIX + keyId + "_" + secret, hash(secret));
    }

    /** Lower-case hex SHA-256 of the secret. */
    public static String hash(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Constant-time comparison of a presented secret with a stored hash. */
    public static boolean matches(String secret, String secretHash) {
        if (secret == null || secretHash == null) {
            return false;
        }
        byte[] presented = hash(secret).getBytes(StandardCharsets.US_ASCII);
        byte[] stored = secretHash.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(presented, stored);
    }

    /** Splits {@code sqp_<keyId>_<secret>}; empty when the value does not have that shape. */
    public static Optional<Presented> parse(String key) {
        if (key == null || !key.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = key.substring(PREFIX.length());
        int separator = rest.indexOf('_');
        if (separator <= 0 || separator == rest.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new Presented(rest.substring(0, separator), rest.substring(separator + 1)));
    }
}

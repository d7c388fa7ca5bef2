package io.servicequality.web.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com/): {@code webhook-signature: v1,<base64 HMAC-SHA256>}
 * over {@code "<webhook-id>.<webhook-timestamp>.<body>"}, keyed with the bytes of the secret {@code whsec_<base64>}
 * after its prefix. Receivers verify it with any Standard Webhooks library; the timestamp (Unix seconds of the attempt)
 * lets them refuse replays, the id lets them drop a message they already processed. Used by complaint-service's
 * webhook subscriptions and reporting-service's report deliveries.
 */
public final class StandardWebhookSignature {

    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    public static final String SECRET_PREFIX = "whsec_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private StandardWebhookSignature() {}

    /** A new signing secret: {@code whsec_} and 32 random bytes in base64. */
    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    public static String sign(String secret, String messageId, long timestamp, String body) {
        byte[] key = Base64.getDecoder()
                .decode(secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((messageId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}

package io.servicequality.complaint.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-SQP-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}, with the same {@code timestamp}
 * (Unix seconds) in {@code X-SQP-Timestamp}. Signing the timestamp with the body lets the receiver refuse replays of
 * an old delivery.
 */
final class WebhookSignature {

    static final String SIGNATURE_HEADER = "X-SQP-Signature";
    static final String TIMESTAMP_HEADER = "X-SQP-Timestamp";

    private WebhookSignature() {}

    static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}

package io.servicequality.web.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The signatures this service sends verify with the Standard Webhooks reference implementation
 * ({@code com.standardwebhooks:standardwebhooks}, the spec's own Java library), as any receiver would check them.
 */
class StandardWebhookSignatureTest {

    static final String BODY =
            "{\"type\":\"complaint.sla_breached\",\"timestamp\":\"2026-12-04T09:29:59Z\",\"data\":{\"number\":\"N-1\"}}";

    @Test
    void aSignatureVerifiesWithTheReferenceLibraryAndEqualsWhatItWouldSign() throws Exception {
        String secret = StandardWebhookSignature.newSecret();
        long timestamp = Instant.now().getEpochSecond();
        String signature = StandardWebhookSignature.sign(secret, "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", timestamp, BODY);

        Webhook reference = new Webhook(secret);
        reference.verify(BODY, headers("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", timestamp, signature));
        assertThat(signature)
                .isEqualTo(reference.sign("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", timestamp, BODY))
                .startsWith("v1,");
    }

    @Test
    void aChangedBodyIdOrTimestampOrAnotherSecretDoesNotVerify() throws Exception {
        String secret = StandardWebhookSignature.newSecret();
        long timestamp = Instant.now().getEpochSecond();
        String signature = StandardWebhookSignature.sign(secret, "msg_1", timestamp, BODY);
        Webhook reference = new Webhook(secret);

        assertThatThrownBy(() -> reference.verify(BODY.replace("N-1", "N-2"), headers("msg_1", timestamp, signature)))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> reference.verify(BODY, headers("msg_2", timestamp, signature)))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> reference.verify(BODY, headers("msg_1", timestamp - 1, signature)))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook(StandardWebhookSignature.newSecret())
                        .verify(BODY, headers("msg_1", timestamp, signature)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void aNewSecretIsWhsecAndThirtyTwoRandomBytes() {
        String secret = StandardWebhookSignature.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(StandardWebhookSignature.newSecret()).isNotEqualTo(secret);
    }

    @Test
    void theRetryWaitGrowsExponentiallyUpToItsCeiling() {
        Backoff backoff = new Backoff(java.time.Duration.ofSeconds(10), 2, java.time.Duration.ofSeconds(60));
        assertThat(List.of(1, 2, 3, 4, 5).stream().map(backoff::after).map(d -> d.toSeconds()))
                .containsExactly(10L, 20L, 40L, 60L, 60L);
    }

    static Map<String, List<String>> headers(String id, long timestamp, String signature) {
        return Map.of(
                "webhook-id", List.of(id),
                "webhook-timestamp", List.of(Long.toString(timestamp)),
                "webhook-signature", List.of(signature));
    }
}

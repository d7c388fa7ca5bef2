package io.servicequality.complaint.webhook;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.servicequality.web.webhook.StandardWebhookSignature;
import io.servicequality.web.webhook.WebhookHttp;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Sends one signed attempt of a delivery and tells what happened, never throwing. Each subscription has its own
 * resilience4j circuit breaker (configuration {@code webhook} in application.yml), so a receiver that keeps failing is
 * left alone for a while instead of being hammered, without holding up the other tenants' receivers; the breaker's
 * refusal is an attempt without an answer like a timeout. Retries are not done here: they are the delivery's
 * persisted schedule.
 */
@Component
class WebhookClient {

    private final RestClient http;
    private final CircuitBreakerRegistry breakers;
    private final Clock clock;

    WebhookClient(WebhookProperties properties, CircuitBreakerRegistry breakers, Clock clock) {
        this.breakers = breakers;
        this.clock = clock;
        this.http = WebhookHttp.client(properties.connectTimeout(), properties.readTimeout());
    }

    /** What an attempt came to: the receiver's status, or no answer with the failure's kind. */
    record Outcome(Integer statusCode, String error, Duration duration) {

        boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }

        boolean gone() {
            return statusCode != null && statusCode == 410;
        }
    }

    Outcome send(WebhookSubscription subscription, WebhookDelivery delivery) {
        CircuitBreaker breaker = breakers.circuitBreaker("webhook-" + subscription.subscriptionId(), "webhook");
        long started = System.nanoTime();
        try {
            breaker.acquirePermission();
        } catch (CallNotPermittedException e) {
            return new Outcome(null, "circuit open: the receiver failed too often, not called", Duration.ZERO);
        }
        try {
            long timestamp = clock.instant().getEpochSecond();
            int status = http.post()
                    .uri(URI.create(subscription.url()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(StandardWebhookSignature.ID_HEADER, delivery.webhookId())
                    .header(StandardWebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(
                            StandardWebhookSignature.SIGNATURE_HEADER,
                            StandardWebhookSignature.sign(
                                    subscription.secret(), delivery.webhookId(), timestamp, delivery.body()))
                    .body(delivery.body())
                    .exchange((request, response) -> response.getStatusCode().value(), true);
            long elapsed = System.nanoTime() - started;
            if (status >= 500 || status == 429 || status == 408) {
                breaker.onError(elapsed, TimeUnit.NANOSECONDS, new IllegalStateException("HTTP " + status));
            } else {
                breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
            }
            String error = status >= 200 && status < 300 ? null : "HTTP " + status;
            return new Outcome(status, error, Duration.ofNanos(elapsed));
        } catch (RuntimeException e) {
            long elapsed = System.nanoTime() - started;
            breaker.onError(elapsed, TimeUnit.NANOSECONDS, e);
            // the kind of failure only: a receiver's error text is not ours to republish
            return new Outcome(null, WebhookHttp.failureKind(e), Duration.ofNanos(elapsed));
        }
    }
}

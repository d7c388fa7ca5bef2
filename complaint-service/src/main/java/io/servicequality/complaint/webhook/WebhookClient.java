package io.servicequality.complaint.webhook;

import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;
import java.net.http.HttpClient;
import java.time.Clock;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Posts one signed delivery. Retried with back-off and guarded by a circuit breaker (instances {@code webhook} in
 * application.yml): a receiver that keeps failing is left alone for a while instead of being hammered, and the
 * breaker's fast failure is recorded like any other.
 */
@Component
class WebhookClient {

    private final RestClient http;
    private final WebhookProperties properties;
    private final Clock clock;

    WebhookClient(WebhookProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .build());
        requests.setReadTimeout(properties.readTimeout());
        this.http = RestClient.builder().requestFactory(requests).build();
    }

    @Retry(name = "webhook")
    @CircuitBreaker(name = "webhook")
    void post(String body) {
        long timestamp = clock.instant().getEpochSecond();
        http.post()
                .uri(properties.url())
                .contentType(MediaType.APPLICATION_JSON)
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(properties.secret(), timestamp, body))
                .body(body)
                .retrieve()
                .toBodilessEntity();
    }
}

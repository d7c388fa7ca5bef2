package io.servicequality.reporting.periodicreport;

import io.servicequality.web.webhook.Backoff;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code sqp.reports.delivery}: how scheduled reports reach their definitions' recipients. E-mail goes through the
 * SMTP server of {@code spring.mail.*} (no e-mail recipient is accepted while {@code spring.mail.host} is unset).
 *
 * @param mailFrom the sender of report e-mails
 * @param maxAttempts attempts of one delivery before it is FAILED (a resend is one more)
 * @param firstRetryAfter the wait after the first failed attempt; each further wait is {@code multiplier} times longer
 * @param maxRetryAfter the longest wait between two attempts
 * @param pollInterval how often due deliveries are looked for in the store
 * @param claimTimeout how long an instance owns a delivery it attempts (another may take it afterwards)
 * @param batchSize due deliveries taken per poll
 * @param connectTimeout a webhook receiver's connection
 * @param readTimeout a webhook receiver's answer
 * @param allowHttpLocalhost plain {@code http} webhooks to {@code localhost}/{@code 127.0.0.1} accepted (development
 *     only); otherwise a webhook URL must be {@code https}
 */
@ConfigurationProperties("sqp.reports.delivery")
public record ReportDeliveryProperties(
        @DefaultValue("sqp-reports@localhost") String mailFrom,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("1m") Duration firstRetryAfter,
        @DefaultValue("2") double multiplier,
        @DefaultValue("2h") Duration maxRetryAfter,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("2m") Duration claimTimeout,
        @DefaultValue("10") int batchSize,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("false") boolean allowHttpLocalhost) {

    Backoff backoff() {
        return new Backoff(firstRetryAfter, multiplier, maxRetryAfter);
    }
}

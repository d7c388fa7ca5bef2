package io.servicequality.reporting.periodicreport;

import java.time.Duration;

/**
 * What one attempt of a delivery came to.
 *
 * @param statusCode the webhook receiver's HTTP status; null for e-mail and when there was no answer
 * @param error what went wrong, null when delivered
 * @param giveUp whether another attempt would be pointless (a receiver's 410 Gone)
 */
record DeliveryOutcome(Integer statusCode, String error, Duration duration, boolean giveUp) {

    static DeliveryOutcome delivered(Integer statusCode, Duration duration) {
        return new DeliveryOutcome(statusCode, null, duration, false);
    }

    static DeliveryOutcome failed(Integer statusCode, String error, Duration duration) {
        return new DeliveryOutcome(statusCode, error, duration, statusCode != null && statusCode == 410);
    }

    boolean isDelivered() {
        return error == null;
    }
}

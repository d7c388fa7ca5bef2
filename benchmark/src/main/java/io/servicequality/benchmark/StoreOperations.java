package io.servicequality.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the store commands each service has sent: the MongoDB driver's command listener behind Spring Boot's
 * {@code mongodb.driver.commands} timer (every command, of every kind, counted once when it completes), read from each
 * service's {@code /actuator/metrics} (ADMIN only).
 */
final class StoreOperations {

    private static final Pattern COUNT =
            Pattern.compile("\"statistic\"\\s*:\\s*\"COUNT\"\\s*,\\s*\"value\"\\s*:\\s*([0-9.Ee+-]+)");

    private final HttpClient http;
    private final Map<String, String> serviceUrls;

    /** @param serviceUrls service name → base URL */
    StoreOperations(HttpClient http, Map<String, String> serviceUrls) {
        this.http = http;
        this.serviceUrls = serviceUrls;
    }

    /** Commands sent so far, per service; a service that does not answer is left out. */
    Map<String, Double> sample() {
        Map<String, Double> counts = new LinkedHashMap<>();
        serviceUrls.forEach((service, url) -> {
            try {
                HttpResponse<String> response = http.send(
                        Credentials.authorise(HttpRequest.newBuilder(
                                                URI.create(url + "/actuator/metrics/mongodb.driver.commands"))
                                        .timeout(Duration.ofSeconds(5)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                Matcher count = COUNT.matcher(response.body());
                if (response.statusCode() == 200 && count.find()) {
                    counts.put(service, Double.parseDouble(count.group(1)));
                } else if (response.statusCode() == 404) {
                    counts.put(service, 0.0); // no command completed yet: the meter does not exist
                }
            } catch (Exception unreachable) {
                // not counted
            }
        });
        return counts;
    }

    /** Commands per accepted event between two samples, per service. */
    static Map<String, Double> perEvent(Map<String, Double> before, Map<String, Double> after, long events) {
        Map<String, Double> perEvent = new LinkedHashMap<>();
        after.forEach((service, count) -> {
            Double start = before.get(service);
            if (start != null && events > 0) {
                perEvent.put(service, (count - start) / events);
            }
        });
        return perEvent;
    }
}

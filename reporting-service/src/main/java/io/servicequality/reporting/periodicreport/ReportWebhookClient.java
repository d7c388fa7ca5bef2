package io.servicequality.reporting.periodicreport;

import io.servicequality.web.webhook.StandardWebhookSignature;
import io.servicequality.web.webhook.WebhookHttp;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a report to a definition's webhook: a {@code report.generated} message carrying what the report is and its
 * PDF (base64), signed the Standard Webhooks way with the definition's secret. The body is the same on every attempt
 * (built from the archived report), and so is the {@code webhook-id}. Never throws: an attempt's outcome is returned.
 */
@Component
class ReportWebhookClient {

    static final String EVENT_TYPE = "report.generated";

    private final RestClient http;
    private final JsonMapper json;
    private final Clock clock;

    ReportWebhookClient(ReportDeliveryProperties properties, JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
        this.http = WebhookHttp.client(properties.connectTimeout(), properties.readTimeout());
    }

    String body(ReportArchive.Archived report, ReportDefinition definition, byte[] pdf) {
        Map<String, Object> period = new LinkedHashMap<>();
        period.put("kind", report.period().kind().name());
        period.put("start", report.period().start().toString());
        period.put("end", report.period().end().toString());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reportId", report.id());
        data.put("definitionId", definition.id());
        data.put("definitionName", definition.name());
        data.put("level", report.level().name());
        data.put("branchId", report.branchId());
        data.put("regionId", report.regionId());
        data.put("period", period);
        data.put("zone", report.zone());
        data.put("language", report.language());
        data.put("generatedAt", report.generatedAt().toString());
        data.put("htmlPath", PeriodicReportController.BASE + "/" + report.id() + "/html");
        data.put("pdfPath", PeriodicReportController.BASE + "/" + report.id() + "/pdf");
        data.put("pdfFileName", report.fileName() + ".pdf");
        data.put("pdfBytes", pdf.length);
        data.put("pdf", Base64.getEncoder().encodeToString(pdf));
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", EVENT_TYPE);
        message.put("timestamp", report.generatedAt().toString());
        message.put("data", data);
        return json.writeValueAsString(message);
    }

    DeliveryOutcome send(ReportDelivery delivery, String secret, String body) {
        long started = System.nanoTime();
        try {
            long timestamp = clock.instant().getEpochSecond();
            int status = http.post()
                    .uri(URI.create(delivery.recipient()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(StandardWebhookSignature.ID_HEADER, delivery.webhookId())
                    .header(StandardWebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(
                            StandardWebhookSignature.SIGNATURE_HEADER,
                            StandardWebhookSignature.sign(secret, delivery.webhookId(), timestamp, body))
                    .body(body)
                    .exchange((request, response) -> response.getStatusCode().value(), true);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            return status >= 200 && status < 300
                    ? DeliveryOutcome.delivered(status, took)
                    : DeliveryOutcome.failed(status, "HTTP " + status, took);
        } catch (RuntimeException e) {
            // the kind of failure only: a receiver's error text is not ours to republish
            return DeliveryOutcome.failed(
                    null, WebhookHttp.failureKind(e), Duration.ofNanos(System.nanoTime() - started));
        }
    }
}

package io.servicequality.reporting.periodicreport;

import io.servicequality.reporting.scope.Scopes;
import io.servicequality.web.problem.Problems;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The delivery log of scheduled reports, and a delivery sent again on request. */
@RestController
@RequestMapping(ReportDeliveryController.BASE)
class ReportDeliveryController {

    static final String BASE = "/api/v1/reports/deliveries";
    static final int MAX_LIMIT = 500;

    private final ReportDeliveries deliveries;
    private final ReportDeliverySender sender;
    private final Scopes scopes;

    ReportDeliveryController(ReportDeliveries deliveries, ReportDeliverySender sender, Scopes scopes) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.scopes = scopes;
    }

    @Operation(
            summary = "The delivery log of scheduled reports",
            description = "Newest first: each report to each recipient of its definition (EMAIL or WEBHOOK), its"
                    + " status (PENDING with nextAttemptAt, DELIVERED, FAILED with lastError) and its attempts"
                    + " (time, the receiver's HTTP status, duration, error). Of one definition or one report when"
                    + " given. ADMIN and QUALITY_MANAGER of the whole tenant.")
    @GetMapping
    List<ReportDelivery> log(
            @RequestParam(required = false) String definitionId,
            @RequestParam(required = false) String reportId,
            @RequestParam(defaultValue = "100") int limit) {
        scopes.requireWholeTenant("report deliveries");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Problems.validationFailed("limit", "must be 1 to " + MAX_LIMIT);
        }
        return deliveries.log(scopes.tenantId(), definitionId, reportId, limit);
    }

    @Operation(
            summary = "Send a report delivery again, now",
            description = "One attempt at once, logged like the others (manual: true), whatever the delivery's"
                    + " status: a FAILED delivery that now succeeds is DELIVERED. 409 while another attempt of it is"
                    + " under way. ADMIN and QUALITY_MANAGER of the whole tenant.")
    @PostMapping("/{id}/resend")
    ReportDelivery resend(@PathVariable String id) {
        scopes.requireWholeTenant("report deliveries");
        ReportDelivery delivery =
                deliveries.find(scopes.tenantId(), id).orElseThrow(() -> Problems.notFound("no report delivery " + id));
        return sender.resend(delivery)
                .orElseThrow(() -> Problems.conflict("id", "an attempt of this delivery is under way"));
    }
}

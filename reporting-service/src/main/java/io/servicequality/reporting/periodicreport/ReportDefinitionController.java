package io.servicequality.reporting.periodicreport;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(ReportDefinitionController.BASE)
class ReportDefinitionController {

    static final String BASE = "/api/v1/reports/definitions";

    private final ReportDefinitions definitions;
    private final io.servicequality.reporting.scope.Scopes scopes;

    ReportDefinitionController(ReportDefinitions definitions, io.servicequality.reporting.scope.Scopes scopes) {
        this.definitions = definitions;
        this.scopes = scopes;
    }

    @Operation(
            summary = "Define a report to generate every period",
            description = "A branch's, a region's or the tenant's week, month or quarter in en or zh-CN: generated once"
                    + " for every period that ends (within a minute of its end in the scope's local days; right"
                    + " after creation for the last period that has ended), archived and listed with the others"
                    + " (generatedBy 'schedule: <name>', definitionId set), once however many instances run."
                    + " ADMIN and QUALITY_MANAGER of the whole tenant (the schedule reports with the whole"
                    + " tenant's view). Each report is delivered to the definition's recipients: by e-mail (the"
                    + " report as HTML with its PDF attached; needs spring.mail.host) and as a signed Standard"
                    + " Webhooks message 'report.generated' carrying the PDF; failed deliveries are retried with"
                    + " back-off and logged (GET /api/v1/reports/deliveries).")
    @PostMapping
    ResponseEntity<Created> create(@RequestBody ReportDefinitionRequest request) {
        scopes.requireWholeTenant("report definitions");
        ReportDefinition created = definitions.create(request);
        return ResponseEntity.created(URI.create(BASE + "/" + created.id()))
                .body(new Created(created, created.webhookSecret()));
    }

    /**
     * A new definition, and the secret its webhook messages are signed with: shown this once (Standard Webhooks,
     * {@code whsec_…}; verify {@code webhook-signature} with it).
     */
    record Created(@JsonUnwrapped ReportDefinition definition, String webhookSecret) {}

    @Operation(summary = "The tenant's report definitions of the scopes the caller sees")
    @GetMapping
    List<ReportDefinition> list() {
        return definitions.visible();
    }

    @Operation(summary = "Stop generating a defined report (its archived reports stay)")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> remove(@PathVariable String id) {
        scopes.requireWholeTenant("report definitions");
        definitions.remove(id);
        return ResponseEntity.noContent().build();
    }
}

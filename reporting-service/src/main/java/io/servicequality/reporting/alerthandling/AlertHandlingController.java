package io.servicequality.reporting.alerthandling;

import static org.springframework.http.HttpHeaders.IF_MATCH;

import io.servicequality.contracts.AlertHandlingChanged.HandlingStatus;
import io.servicequality.reporting.alerthandling.HandlingRequests.Acknowledge;
import io.servicequality.reporting.alerthandling.HandlingRequests.Assign;
import io.servicequality.reporting.alerthandling.HandlingRequests.Link;
import io.servicequality.reporting.alerthandling.HandlingRequests.Resolve;
import io.servicequality.web.problem.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alert handling over HTTP: one alert's handling with its history, the four actions, and the list with filters.
 *
 * <p>Actions answer the handling as it is afterwards with its {@code ETag} (the revision); sending it back in
 * {@code If-Match} makes the action fail with 412 if anyone (a colleague, the escalation timer, the alert clearing)
 * changed it in between. Without {@code If-Match} the action applies to the newest state. Who acts is the caller of the
 * credential (its subject).
 */
@RestController
class AlertHandlingController {

    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";

    private static final String ALERT_ID = "The alert episode's id (alertId of the alert events), URL-encoded.";
    private static final String IF_MATCH_HELP =
            "Optional: the ETag of the handling as read (e.g. \"3\"); a handling changed since is refused with 412.";
    private static final String ANSWER = "The handling afterwards, with its history; ETag: its revision.";
    private static final String WHO = " Roles: ADMIN, QUALITY_MANAGER, BRANCH_MANAGER (only the alerts of their own"
            + " branches; region and tenant alerts are handled by callers not bound to branches: 403).";

    private static final Pattern REVISION = Pattern.compile("^(?:W/)?\"?(\\d{1,18})\"?$");

    private final AlertHandlingService handling;

    AlertHandlingController(AlertHandlingService handling) {
        this.handling = handling;
    }

    @Operation(
            summary = "The handling of alerts the caller may see, newest raised first (no history)",
            description = "A branch shows its own alerts, the region alerts of its region and the tenant's; a region"
                    + " its branches', its own and the tenant's; neither: everything the caller may see."
                    + " Filters combine with \"and\"; an agent's queue: assignee=<me>&status=ACKNOWLEDGED.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "The records",
                            content =
                                    @Content(
                                            mediaType = JSON,
                                            examples =
                                                    @ExampleObject(name = "open", value = HandlingExamples.LISTING))))
    @GetMapping("/api/v1/alerts/handling")
    AlertHandlingResponse.Listing list(
            @RequestParam(required = false) String branchId,
            @RequestParam(required = false) String regionId,
            @Parameter(description = "Only alerts in this handling status", example = "OPEN")
                    @RequestParam(required = false)
                    HandlingStatus status,
            @Parameter(description = "Only alerts assigned to exactly this user name", example = "manager.sh001")
                    @RequestParam(required = false)
                    @Size(min = 1, max = 128)
                    String assignee,
            @Parameter(description = "true: only alerts nobody is assigned to; false: only assigned ones")
                    @RequestParam(required = false)
                    Boolean unassigned,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return new AlertHandlingResponse.Listing(
                handling.list(branchId, regionId, status, assignee, unassigned, limit).stream()
                        .map(AlertHandlingResponse::summaryOf)
                        .toList());
    }

    @Operation(
            summary = "One alert's handling: status, assignee, linked corrective actions, escalation and history",
            description = "Every staff role, for the alerts it may see (404 otherwise). Linked corrective actions are"
                    + " complaint-service's: GET /api/v1/corrective-actions/{actionId} there.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = ANSWER,
                            content =
                                    @Content(
                                            mediaType = JSON,
                                            examples =
                                                    @ExampleObject(
                                                            name = "resolved",
                                                            value = HandlingExamples.HANDLING))))
    @GetMapping("/api/v1/alerts/{alertId}/handling")
    ResponseEntity<AlertHandlingResponse> get(@Parameter(description = ALERT_ID) @PathVariable String alertId) {
        return answer(handling.get(requireAlertId(alertId)));
    }

    @Operation(
            summary = "Acknowledge an OPEN alert: someone took it up, escalation stops",
            description = "Body optional. 409 invalid-transition unless OPEN." + WHO,
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = false,
                            content =
                                    @Content(
                                            mediaType = JSON,
                                            schema = @Schema(implementation = Acknowledge.class),
                                            examples =
                                                    @ExampleObject(
                                                            name = "with a note",
                                                            value = HandlingExamples.ACKNOWLEDGE))),
            responses = {
                @ApiResponse(responseCode = "200", description = ANSWER),
                @ApiResponse(
                        responseCode = "409",
                        description = "Not OPEN",
                        content =
                                @Content(
                                        mediaType = PROBLEM,
                                        examples =
                                                @ExampleObject(
                                                        name = "invalid transition",
                                                        value = HandlingExamples.INVALID_TRANSITION))),
                @ApiResponse(
                        responseCode = "412",
                        description = "Changed since the If-Match revision",
                        content =
                                @Content(
                                        mediaType = PROBLEM,
                                        examples =
                                                @ExampleObject(
                                                        name = "precondition failed",
                                                        value = HandlingExamples.PRECONDITION_FAILED)))
            })
    @PostMapping("/api/v1/alerts/{alertId}/acknowledge")
    ResponseEntity<AlertHandlingResponse> acknowledge(
            @Parameter(description = ALERT_ID) @PathVariable String alertId,
            @Parameter(description = IF_MATCH_HELP) @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody(required = false) Acknowledge body) {
        return answer(handling.act(
                requireAlertId(alertId), revision(ifMatch), body != null ? body : Acknowledge.WITHOUT_NOTE));
    }

    @Operation(
            summary = "Assign an OPEN or ACKNOWLEDGED alert to someone (again to reassign)",
            description = "An OPEN alert is acknowledged by the caller at the same time (two history lines and two"
                    + " events: ACKNOWLEDGED, ASSIGNED). 409 invalid-transition once RESOLVED." + WHO,
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = JSON,
                                            schema = @Schema(implementation = Assign.class),
                                            examples =
                                                    @ExampleObject(
                                                            name = "to the branch manager",
                                                            value = HandlingExamples.ASSIGN))),
            responses = {
                @ApiResponse(responseCode = "200", description = ANSWER),
                @ApiResponse(
                        responseCode = "409",
                        description = "RESOLVED",
                        content = @Content(mediaType = PROBLEM, schema = @Schema(hidden = true)))
            })
    @PostMapping("/api/v1/alerts/{alertId}/assign")
    ResponseEntity<AlertHandlingResponse> assign(
            @Parameter(description = ALERT_ID) @PathVariable String alertId,
            @Parameter(description = IF_MATCH_HELP) @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody Assign request) {
        return answer(handling.act(requireAlertId(alertId), revision(ifMatch), request));
    }

    @Operation(
            summary = "Link an OPEN or ACKNOWLEDGED alert to a corrective action of complaint-service",
            description = "The id is checked for its form only (complaint-service owns corrective actions; services"
                    + " share no database). An OPEN alert is acknowledged by the caller at the same time. At most 20"
                    + " actions per alert; linking one twice is 409 conflict; 409 invalid-transition once RESOLVED."
                    + WHO,
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = JSON,
                                            schema = @Schema(implementation = Link.class),
                                            examples =
                                                    @ExampleObject(
                                                            name = "a corrective action",
                                                            value = HandlingExamples.LINK))),
            responses = {
                @ApiResponse(responseCode = "200", description = ANSWER),
                @ApiResponse(
                        responseCode = "409",
                        description = "Already linked, too many, or RESOLVED",
                        content =
                                @Content(
                                        mediaType = PROBLEM,
                                        examples =
                                                @ExampleObject(
                                                        name = "already linked",
                                                        value = HandlingExamples.ALREADY_LINKED)))
            })
    @PostMapping("/api/v1/alerts/{alertId}/link")
    ResponseEntity<AlertHandlingResponse> link(
            @Parameter(description = ALERT_ID) @PathVariable String alertId,
            @Parameter(description = IF_MATCH_HELP) @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody Link request) {
        return answer(handling.act(requireAlertId(alertId), revision(ifMatch), request));
    }

    @Operation(
            summary = "Resolve an ACKNOWLEDGED alert with a note saying what was done",
            description = "The note is required (1-2000 characters). An OPEN alert must be acknowledged first (409"
                    + " invalid-transition), so the time to acknowledge is always known; a RESOLVED one cannot be"
                    + " resolved again. A cleared alert stays open for handling until resolved." + WHO,
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = JSON,
                                            schema = @Schema(implementation = Resolve.class),
                                            examples =
                                                    @ExampleObject(
                                                            name = "what was done",
                                                            value = HandlingExamples.RESOLVE))),
            responses = {
                @ApiResponse(responseCode = "200", description = ANSWER),
                @ApiResponse(
                        responseCode = "409",
                        description = "OPEN (acknowledge first) or already RESOLVED",
                        content =
                                @Content(
                                        mediaType = PROBLEM,
                                        examples =
                                                @ExampleObject(
                                                        name = "not acknowledged",
                                                        value = HandlingExamples.INVALID_TRANSITION)))
            })
    @PostMapping("/api/v1/alerts/{alertId}/resolve")
    ResponseEntity<AlertHandlingResponse> resolve(
            @Parameter(description = ALERT_ID) @PathVariable String alertId,
            @Parameter(description = IF_MATCH_HELP) @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody Resolve request) {
        return answer(handling.act(requireAlertId(alertId), revision(ifMatch), request));
    }

    private static ResponseEntity<AlertHandlingResponse> answer(AlertHandling handling) {
        return ResponseEntity.ok().eTag("\"" + handling.revision() + "\"").body(AlertHandlingResponse.of(handling));
    }

    private static String requireAlertId(String alertId) {
        if (alertId.isBlank() || alertId.length() > 300) {
            throw Problems.validationFailed("alertId", "must be 1-300 characters, not blank");
        }
        return alertId;
    }

    private static Long revision(String ifMatch) {
        if (ifMatch == null) {
            return null;
        }
        Matcher matcher = REVISION.matcher(ifMatch.trim());
        if (!matcher.matches()) {
            throw Problems.validationFailed("If-Match", "must be the ETag of the alert's handling, e.g. \"3\"");
        }
        return Long.parseLong(matcher.group(1));
    }
}

package io.servicequality.reporting.live;

import io.servicequality.reporting.alert.AlertFilter;
import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scope.Scopes;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
class LiveController {

    private final LiveStream stream;
    private final Scopes scopes;

    LiveController(LiveStream stream, Scopes scopes) {
        this.stream = stream;
        this.scopes = scopes;
    }

    @Operation(
            summary = "Server-sent events: metric updates (event metric), alerts (event alert), alert-handling changes"
                    + " (event alert-handling: an AlertHandlingChanged as on sqp.alert-handling.v1) and risk-grade"
                    + " changes (event risk-grade: a RiskGradeChanged as on sqp.risk-grades.v1)",
            description = "Filter with branchId or regionId (the region's branches when connecting). Alerts scoped to"
                    + " a region pass that region's filter and the filters of its branches; tenant-scoped alerts pass"
                    + " every filter. A branch-bound caller's stream carries only its branches' events and the"
                    + " region- and tenant-scoped alerts of its regions (a branch or region outside its scope: 404)."
                    + " Heartbeat"
                    + " comments every 15 s. Reconnect with Last-Event-ID to receive what was missed; when that is no"
                    + " longer possible a reset event says to reload the view.")
    @GetMapping(path = "/api/v1/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter live(
            @RequestParam(required = false) String branchId,
            @RequestParam(required = false) String regionId,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        Scope scope = scopes.resolve(branchId, regionId, null);
        return stream.subscribe(
                scopes.tenantId(), AlertFilter.of(scope.branchIds(), scopes.regionsOf(scope)), lastEventId);
    }
}

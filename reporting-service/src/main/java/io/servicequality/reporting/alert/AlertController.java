package io.servicequality.reporting.alert;

import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scope.Scopes;
import io.servicequality.web.problem.Problems;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AlertController {

    private final AlertFeed feed;
    private final Scopes scopes;

    AlertController(AlertFeed feed, Scopes scopes) {
        this.feed = feed;
        this.scopes = scopes;
    }

    /** @param recent the newest alert events, newest first */
    record Alerts(Scope scope, List<AlertRecord> active, List<AlertRecord> recent) {}

    @Operation(
            summary = "Active alerts and the newest alert events of a branch, a region or the tenant",
            description = "A branch shows its own alerts, the region-scoped alerts of its region (in the directory)"
                    + " and the tenant-scoped ones; a region its branches' alerts, its own and the tenant's; the tenant"
                    + " every alert.")
    @GetMapping("/api/v1/alerts")
    Alerts alerts(
            @RequestParam(required = false) String branchId,
            @RequestParam(required = false) String regionId,
            @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500) {
            throw Problems.validationFailed("limit", "must be between 1 and 500");
        }
        Scope scope = scopes.resolve(branchId, regionId, null);
        AlertFilter filter = AlertFilter.of(scope.branchIds(), scopes.regionsOf(scope));
        return new Alerts(scope, feed.active(scopes.tenantId(), filter), feed.recent(scopes.tenantId(), filter, limit));
    }
}

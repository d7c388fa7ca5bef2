package io.servicequality.reporting.alerthandling;

/**
 * Examples published in the OpenAPI document; the request examples are sent as they stand by {@code
 * AlertHandlingIT}, so they stay valid.
 */
final class HandlingExamples {

    static final String ACKNOWLEDGE = """
            { "note": "Looking into it with the team lead" }""";

    static final String ASSIGN = """
            { "assignee": "manager.sh001" }""";

    static final String LINK = """
            { "correctiveActionId": "6750a1c2e4b0f1a2b3c4d5e6" }""";

    static final String RESOLVE = """
            { "note": "Two extra counter staff at peak hours; CSAT back above 85 % the next day" }""";

    static final String HANDLING = """
            { "alertId": "rule-csat-85:SH-001:2026-11-20T11:00:04Z", "branchId": "SH-001",
              "scope": { "level": "BRANCH", "id": "SH-001" }, "ruleId": "rule-csat-85", "metric": "csat.percent",
              "severity": "CRITICAL", "raisedAt": "2026-11-20T11:00:04Z", "clearedAt": "2026-11-20T13:00:02Z",
              "active": false, "status": "RESOLVED", "assignee": "manager.sh001",
              "correctiveActionIds": ["6750a1c2e4b0f1a2b3c4d5e6"],
              "acknowledgedAt": "2026-11-20T11:21:40Z", "acknowledgedBy": "quality.lead",
              "resolvedAt": "2026-11-21T09:02:13Z", "resolvedBy": "manager.sh001",
              "resolutionNote": "Two extra counter staff at peak hours; CSAT back above 85 % the next day",
              "escalationLevel": 1, "escalatedTo": "BRANCH_MANAGER", "nextEscalationAt": null, "revision": 6,
              "history": [
                { "at": "2026-11-20T11:00:04Z", "what": "RAISED", "actor": "scoring-service",
                  "note": "csat.percent observed 78.4, threshold 85.0, n 51" },
                { "at": "2026-11-20T11:15:04Z", "what": "ESCALATED", "actor": "escalation-timer",
                  "note": "not acknowledged within 15 minutes", "escalationLevel": 1 },
                { "at": "2026-11-20T11:21:40Z", "what": "ACKNOWLEDGED", "actor": "quality.lead",
                  "note": "Looking into it with the team lead" },
                { "at": "2026-11-20T11:22:05Z", "what": "ASSIGNED", "actor": "quality.lead",
                  "assignee": "manager.sh001" },
                { "at": "2026-11-20T11:40:31Z", "what": "LINKED_TO_ACTION", "actor": "manager.sh001",
                  "correctiveActionId": "6750a1c2e4b0f1a2b3c4d5e6" },
                { "at": "2026-11-20T13:00:02Z", "what": "CLEARED", "actor": "scoring-service" },
                { "at": "2026-11-21T09:02:13Z", "what": "RESOLVED", "actor": "manager.sh001",
                  "note": "Two extra counter staff at peak hours; CSAT back above 85 % the next day" } ] }""";

    static final String LISTING = """
            { "items": [
              { "alertId": "rule-csat-85:SH-001:2026-11-20T11:00:04Z", "branchId": "SH-001",
                "scope": { "level": "BRANCH", "id": "SH-001" }, "ruleId": "rule-csat-85", "metric": "csat.percent",
                "severity": "CRITICAL", "raisedAt": "2026-11-20T11:00:04Z", "clearedAt": null, "active": true,
                "status": "OPEN", "assignee": null, "correctiveActionIds": [], "acknowledgedAt": null,
                "acknowledgedBy": null, "resolvedAt": null, "resolvedBy": null, "resolutionNote": null,
                "escalationLevel": 1, "escalatedTo": "BRANCH_MANAGER", "nextEscalationAt": "2026-11-20T11:30:04Z",
                "revision": 1 } ] }""";

    static final String INVALID_TRANSITION = """
            { "type": "https://servicequality.io/problems/invalid-transition", "title": "Invalid transition",
              "status": 409, "detail": "Cannot resolve an alert that is OPEN: acknowledge it first",
              "action": "resolve", "currentStatus": "OPEN" }""";

    static final String ALREADY_LINKED = """
            { "type": "https://servicequality.io/problems/conflict", "title": "Conflict", "status": 409,
              "detail": "correctiveActionId is already linked to this alert",
              "errors": [ { "field": "correctiveActionId", "message": "is already linked to this alert" } ] }""";

    static final String PRECONDITION_FAILED = """
            { "type": "https://servicequality.io/problems/precondition-failed", "title": "Precondition failed",
              "status": 412,
              "detail": "The alert's handling changed since revision 2; it is at revision 3" }""";

    private HandlingExamples() {}
}

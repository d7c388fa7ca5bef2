package io.servicequality.reporting.risk;

import io.servicequality.reporting.risk.RiskViews.BranchRiskView;
import io.servicequality.reporting.risk.RiskViews.Cell;
import io.servicequality.reporting.risk.RiskViews.GradeChangeView;
import io.servicequality.reporting.risk.RiskViews.HistoryView;
import io.servicequality.reporting.risk.RiskViews.MatrixView;
import io.servicequality.reporting.risk.RiskViews.ModelView;
import io.servicequality.reporting.risk.RiskViews.RegisterView;
import io.servicequality.reporting.scope.Scope;
import io.servicequality.reporting.scope.Scopes;
import io.servicequality.security.audit.AuditTrail;
import io.servicequality.web.problem.FieldProblem;
import io.servicequality.web.problem.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The risk register of the caller's tenant, scoped like every view ({@link Scopes}: a branch-bound caller sees only its
 * branches, another branch is 404), and the tenant's model (changed by ADMIN and QUALITY_MANAGER, see the access
 * rules).
 */
@RestController
@RequestMapping("/api/v1/risk")
class RiskController {

    private final RiskRegister register;
    private final RiskModels models;
    private final RiskMonitor monitor;
    private final Scopes scopes;
    private final AuditTrail audit;
    private final Clock clock;

    RiskController(
            RiskRegister register,
            RiskModels models,
            RiskMonitor monitor,
            Scopes scopes,
            AuditTrail audit,
            Clock clock) {
        this.register = register;
        this.models = models;
        this.monitor = monitor;
        this.scopes = scopes;
        this.audit = audit;
        this.clock = clock;
    }

    @Operation(
            summary = "The risk register: each branch's current risk assessment",
            description = "Per assessed branch of the scope (the tenant, or one region's branches in the directory; a"
                    + " branch-bound caller: its branches) the grade (I most severe … IV), likelihood and impact 1-5,"
                    + " score = likelihood × impact, since when the branch has this grade, every factor with its value,"
                    + " n, minimum n and level (level 1 with enoughData false when the value rests on too few"
                    + " observations), and the response the grade requires. Most severe first. See docs/risk.md.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content = @Content(examples = @ExampleObject(name = "register", value = REGISTER_EXAMPLE))))
    @GetMapping("/register")
    RegisterView register(
            @Parameter(description = "only this region's branches", example = "east") @RequestParam(required = false)
                    String regionId) {
        Scope scope = scopes.resolve(null, regionId, null);
        List<BranchRiskView> branches = register.all(scopes.tenantId(), scope.branchIds()).stream()
                .map(BranchRiskView::of)
                .sorted(Comparator.comparingInt(BranchRiskView::score)
                        .reversed()
                        .thenComparing(BranchRiskView::branchId))
                .toList();
        return new RegisterView(scope, branches);
    }

    @Operation(
            summary = "The risk matrix: branches per likelihood × impact cell",
            description = "All 25 cells, likelihood 5 down to 1 and within each impact 1 to 5, each with its score,"
                    + " the grade of that score under the tenant's model, and the branches of the scope assessed into"
                    + " it; byGrade counts branches per grade.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content = @Content(examples = @ExampleObject(name = "matrix", value = MATRIX_EXAMPLE))))
    @GetMapping("/matrix")
    MatrixView matrix(
            @Parameter(description = "only this region's branches", example = "east") @RequestParam(required = false)
                    String regionId) {
        Scope scope = scopes.resolve(null, regionId, null);
        String tenantId = scopes.tenantId();
        RiskModel model = models.of(tenantId).model();
        List<BranchRisk> assessed = register.all(tenantId, scope.branchIds());
        List<Cell> cells = new ArrayList<>();
        for (int likelihood = 5; likelihood >= 1; likelihood--) {
            for (int impact = 1; impact <= 5; impact++) {
                int l = likelihood;
                int i = impact;
                List<String> branches = assessed.stream()
                        .filter(risk -> risk.assessment().likelihood() == l
                                && risk.assessment().impact() == i)
                        .map(BranchRisk::branchId)
                        .sorted()
                        .toList();
                cells.add(new Cell(l, i, l * i, model.gradeOf(l * i), branches.size(), branches));
            }
        }
        Map<RiskGrade, Long> byGrade = new EnumMap<>(RiskGrade.class);
        for (RiskGrade grade : RiskGrade.values()) {
            byGrade.put(
                    grade,
                    assessed.stream()
                            .filter(risk -> risk.assessment().grade() == grade)
                            .count());
        }
        return new MatrixView(scope, cells, byGrade);
    }

    @Operation(
            summary = "A branch's risk grade changes, newest first, with its current assessment",
            description = "Every grade change of the branch (its first grade included, previousGrade null) with the"
                    + " factors and response of that moment. 404 for a branch outside the caller's scope.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content = @Content(examples = @ExampleObject(name = "history", value = HISTORY_EXAMPLE))))
    @GetMapping("/branches/{branchId}/history")
    HistoryView history(
            @PathVariable String branchId,
            @Parameter(description = "at most this many changes (1-1000)", example = "100")
                    @RequestParam(defaultValue = "100")
                    int limit) {
        if (limit < 1 || limit > 1000) {
            throw Problems.validationFailed("limit", "must be between 1 and 1000");
        }
        Scope scope = scopes.resolve(branchId, null, null);
        String tenantId = scopes.tenantId();
        return new HistoryView(
                scope.branchId(),
                register.find(tenantId, scope.branchId())
                        .map(BranchRiskView::of)
                        .orElse(null),
                register.history(tenantId, scope.branchId(), limit).stream()
                        .map(GradeChangeView::of)
                        .toList());
    }

    @Operation(
            summary = "The risk model the tenant's branches are assessed by",
            description = "Its own when it stored one (source TENANT), else the configured default (source DEFAULT):"
                    + " the window, each factor's thresholds (where levels 2, 3, 4 and 5 begin) and minimum n, and per"
                    + " grade the lowest score it covers and the response it requires. See docs/risk.md.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content = @Content(examples = @ExampleObject(name = "model", value = MODEL_EXAMPLE))))
    @GetMapping("/model")
    ModelView model() {
        return ModelView.of(models.of(scopes.tenantId()));
    }

    @Operation(
            summary = "Replaces the tenant's risk model; every branch is assessed again within seconds",
            description = "Thresholds four strictly ascending numbers, minN 0 or more, windowDays 1-31, grades I, II,"
                    + " III, IV in this order with strictly descending minScore (1-25, IV's 1), an ownerRole that is a"
                    + " staff role, responseHours 1-2160 and 1-20 actions; otherwise 400 naming every wrong field and"
                    + " nothing changes. A caller bound to branches gets 403: the model is the whole tenant's."
                    + " Recorded in the audit log (before/after).",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(examples = @ExampleObject(name = "model", value = MODEL_BODY_EXAMPLE))),
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content = @Content(examples = @ExampleObject(name = "model", value = MODEL_EXAMPLE))))
    @PutMapping("/model")
    ModelView replaceModel(@RequestBody RiskModel model) {
        scopes.requireWholeTenant("the risk model");
        List<FieldProblem> problems = model.problems();
        if (!problems.isEmpty()) {
            throw Problems.validationFailed(problems);
        }
        String tenantId = scopes.tenantId();
        ModelView before = ModelView.of(models.of(tenantId));
        ModelView after = ModelView.of(models.store(tenantId, model, clock.instant()));
        audit.record("risk-model.changed", "risk-model", before, after);
        monitor.markTenant(tenantId);
        return after;
    }

    static final String FACTORS_EXAMPLE = """
            [{"name": "sqiDrop", "dimension": "LIKELIHOOD", "value": 11.5, "n": 412, "minN": 30, "enoughData": true, "level": 4},
             {"name": "alertsRaised", "dimension": "LIKELIHOOD", "value": 2.0, "n": 2, "minN": 0, "enoughData": true, "level": 2},
             {"name": "slaBreachRate", "dimension": "LIKELIHOOD", "value": 12.5, "n": 16, "minN": 5, "enoughData": true, "level": 3},
             {"name": "dailyVolume", "dimension": "IMPACT", "value": 310.0, "n": 2170, "minN": 0, "enoughData": true, "level": 3},
             {"name": "severeOpenShare", "dimension": "IMPACT", "value": 20.0, "n": 5, "minN": 3, "enoughData": true, "level": 2}]""";

    static final String RESPONSE_EXAMPLE = """
            {"ownerRole": "QUALITY_MANAGER", "responseHours": 24, "dueAt": "2026-11-21T10:00:05Z",
             "actions": ["Quality manager reviews the branch's factors with the branch manager",
                         "Agree a corrective action plan with owners and dates"]}""";

    static final String REGISTER_EXAMPLE = """
            {"scope": {"level": "TENANT"},
             "branches": [{"branchId": "SH-001", "grade": "II", "likelihood": 4, "impact": 3, "score": 12,
               "gradeSince": "2026-11-20T10:00:05Z", "assessedAt": "2026-11-20T10:40:10Z",
               "factors": """ + FACTORS_EXAMPLE + ",\n \"response\": " + RESPONSE_EXAMPLE + "}]}";

    static final String MATRIX_EXAMPLE = """
            {"scope": {"level": "TENANT"},
             "cells": [{"likelihood": 5, "impact": 1, "score": 5, "grade": "III", "count": 0, "branches": []},
                       {"likelihood": 4, "impact": 3, "score": 12, "grade": "II", "count": 1, "branches": ["SH-001"]},
                       {"likelihood": 1, "impact": 1, "score": 1, "grade": "IV", "count": 2, "branches": ["SH-002", "SH-003"]}],
             "byGrade": {"I": 0, "II": 1, "III": 0, "IV": 2}}""";

    static final String HISTORY_EXAMPLE = """
            {"branchId": "SH-001",
             "current": {"branchId": "SH-001", "grade": "II", "likelihood": 4, "impact": 3, "score": 12,
               "gradeSince": "2026-11-20T10:00:05Z", "assessedAt": "2026-11-20T10:40:10Z",
               "factors": """ + FACTORS_EXAMPLE + ",\n \"response\": " + RESPONSE_EXAMPLE + """
            },
             "changes": [{"eventId": "5b0c8a52-3f6e-4d1a-9c2b-7e4f1a6d8c90", "occurredAt": "2026-11-20T10:00:05Z",
               "previousGrade": "III", "grade": "II", "likelihood": 4, "impact": 3, "score": 12,
               "factors": """
            + FACTORS_EXAMPLE + ",\n \"response\": " + RESPONSE_EXAMPLE + "}]}";

    static final String MODEL_FIELDS = """
            "windowDays": 7,
             "likelihood": {"sqiDrop": {"thresholds": [2, 5, 10, 15], "minN": 30},
                            "alertsRaised": {"thresholds": [1, 3, 6, 10], "minN": 0},
                            "slaBreachRate": {"thresholds": [5, 10, 20, 40], "minN": 5}},
             "impact": {"dailyVolume": {"thresholds": [50, 200, 500, 1000], "minN": 0},
                        "severeOpenShare": {"thresholds": [10, 25, 50, 75], "minN": 3}},
             "grades": [
               {"grade": "I", "minScore": 15, "ownerRole": "ADMIN", "responseHours": 4,
                "actions": ["Regional head convenes an incident review", "Daily report until the grade falls"]},
               {"grade": "II", "minScore": 10, "ownerRole": "QUALITY_MANAGER", "responseHours": 24,
                "actions": ["Quality manager reviews the branch's factors with the branch manager",
                            "Agree a corrective action plan with owners and dates"]},
               {"grade": "III", "minScore": 5, "ownerRole": "BRANCH_MANAGER", "responseHours": 72,
                "actions": ["Branch manager analyses the causes and reports them"]},
               {"grade": "IV", "minScore": 1, "ownerRole": "BRANCH_MANAGER", "responseHours": 168,
                "actions": ["Routine monitoring"]}]""";

    static final String MODEL_BODY_EXAMPLE = "{" + MODEL_FIELDS + "}";

    static final String MODEL_EXAMPLE =
            "{\"source\": \"TENANT\", \"changedAt\": \"2026-11-20T09:30:00Z\", " + MODEL_FIELDS + "}";
}

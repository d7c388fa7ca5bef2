package io.servicequality.complaint.correctiveaction;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.servicequality.complaint.correctiveaction.CorrectiveActionRequests.Evaluate;
import io.servicequality.complaint.correctiveaction.CorrectiveActionRequests.Plan;
import io.servicequality.complaint.correctiveaction.CorrectiveActionRequests.Replan;
import io.servicequality.complaint.problem.ProblemTypes;
import io.servicequality.complaint.problem.Problems;
import io.servicequality.complaint.tenant.TenantProperties;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.bson.types.ObjectId;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Corrective actions over HTTP: plan one, re-plan it, move it through do and check, record the effectiveness check,
 * list them. Every change goes through the optimistic lock; a concurrent change answers 409.
 */
@RestController
@RequestMapping(CorrectiveActionController.PATH)
class CorrectiveActionController {

    static final String PATH = "/api/v1/corrective-actions";

    private final CorrectiveActions actions;
    private final MongoOperations mongo;
    private final String tenantId;
    private final Clock clock;

    CorrectiveActionController(CorrectiveActions actions, MongoOperations mongo, TenantProperties tenant, Clock clock) {
        this.actions = actions;
        this.mongo = mongo;
        this.tenantId = tenant.tenantId();
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<CorrectiveActionResponse> plan(@Valid @RequestBody Plan request) {
        CorrectiveAction action = actions.insert(CorrectiveAction.plan(
                new ObjectId().toHexString(),
                tenantId,
                request.branchId(),
                blankToNull(request.complaintId()),
                blankToNull(request.metric()),
                request.title(),
                request.description(),
                request.owner(),
                request.dueDate(),
                clock.instant()));
        return ResponseEntity.created(URI.create(PATH + "/" + action.id())).body(answer(action));
    }

    @GetMapping("/{actionId}")
    CorrectiveActionResponse get(@PathVariable String actionId) {
        return answer(find(actionId));
    }

    @GetMapping
    List<CorrectiveActionResponse> list(
            @RequestParam(required = false) String branchId,
            @RequestParam(required = false) String complaintId,
            @RequestParam(required = false) ActionStatus status) {
        Query query = Query.query(where("tenantId").is(tenantId)).with(Sort.by("dueDate", "_id"));
        if (branchId != null) {
            query.addCriteria(where("branchId").is(branchId));
        }
        if (complaintId != null) {
            query.addCriteria(where("complaintId").is(complaintId));
        }
        if (status != null) {
            query.addCriteria(where("status").is(status));
        }
        return mongo.find(query.limit(1000), CorrectiveAction.class).stream()
                .map(this::answer)
                .toList();
    }

    @PatchMapping("/{actionId}")
    CorrectiveActionResponse replan(@PathVariable String actionId, @Valid @RequestBody Replan request) {
        return change(actionId, action -> action.replan(request.owner(), request.dueDate()));
    }

    @PostMapping("/{actionId}/start")
    CorrectiveActionResponse start(@PathVariable String actionId) {
        return change(actionId, CorrectiveAction::start);
    }

    @PostMapping("/{actionId}/check")
    CorrectiveActionResponse check(@PathVariable String actionId) {
        return change(actionId, CorrectiveAction::readyForCheck);
    }

    @PostMapping("/{actionId}/evaluate")
    CorrectiveActionResponse evaluate(
            @PathVariable String actionId,
            @RequestHeader(value = "X-Actor", required = false) String actor,
            @Valid @RequestBody Evaluate request) {
        String checkedBy = actor == null || actor.isBlank() ? "api" : actor.strip();
        if (checkedBy.length() > 64) {
            throw Problems.validationFailed(java.util.Map.of("X-Actor", "must be at most 64 characters"));
        }
        return change(
                actionId, action -> action.evaluate(request.effective(), request.note(), checkedBy, clock.instant()));
    }

    private CorrectiveActionResponse change(String actionId, Consumer<CorrectiveAction> change) {
        CorrectiveAction action = find(actionId);
        change.accept(action);
        try {
            return answer(actions.save(action));
        } catch (OptimisticLockingFailureException e) {
            throw Problems.of(
                    HttpStatus.CONFLICT,
                    ProblemTypes.CONCURRENT_MODIFICATION,
                    "Concurrent modification",
                    "The corrective action changed meanwhile; nothing was changed, please retry");
        }
    }

    private CorrectiveAction find(String actionId) {
        return actions.findByIdAndTenantId(actionId, tenantId)
                .orElseThrow(() -> Problems.notFound("No corrective action " + actionId));
    }

    private CorrectiveActionResponse answer(CorrectiveAction action) {
        return CorrectiveActionResponse.of(action, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

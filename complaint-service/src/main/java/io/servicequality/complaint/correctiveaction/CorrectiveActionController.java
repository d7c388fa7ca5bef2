package io.servicequality.complaint.correctiveaction;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.servicequality.complaint.correctiveaction.CorrectiveActionRequests.Evaluate;
import io.servicequality.complaint.correctiveaction.CorrectiveActionRequests.Plan;
import io.servicequality.complaint.correctiveaction.CorrectiveActionRequests.Replan;
import io.servicequality.security.CallerAccess;
import io.servicequality.web.problem.ProblemTypes;
import io.servicequality.web.problem.Problems;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bson.types.ObjectId;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Corrective actions over HTTP: plan one, re-plan it, move it through do and check, record the effectiveness check,
 * list them. Every change goes through the optimistic lock; a concurrent change answers 409.
 *
 * <p>Planned in the caller's tenant for a branch the caller may act for (403 otherwise); read and changed only through
 * the caller's scope, so another tenant's or an out-of-scope branch's action is not found (404).
 */
@RestController
@RequestMapping(CorrectiveActionController.PATH)
class CorrectiveActionController {

    static final String PATH = "/api/v1/corrective-actions";

    private final CorrectiveActions actions;
    private final MongoOperations mongo;
    private final CallerAccess callers;
    private final Clock clock;
    private final CorrectiveActionOutbox outbox;

    CorrectiveActionController(
            CorrectiveActions actions,
            MongoOperations mongo,
            CallerAccess callers,
            Clock clock,
            CorrectiveActionOutbox outbox) {
        this.outbox = outbox;
        this.actions = actions;
        this.mongo = mongo;
        this.callers = callers;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<CorrectiveActionResponse> plan(@Valid @RequestBody Plan request) {
        callers.requireBranch(request.branchId());
        CorrectiveAction action = actions.insert(CorrectiveAction.plan(
                new ObjectId().toHexString(),
                callers.tenantId(),
                request.branchId(),
                blankToNull(request.complaintId()),
                blankToNull(request.metric()),
                request.title(),
                request.description(),
                request.owner(),
                request.dueDate(),
                clock.instant()));
        outbox.publishSoon(action);
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
        // the request's filters narrow the caller's scope; they can never widen it
        List<Criteria> all = new ArrayList<>(List.of(callers.scope()));
        if (branchId != null) {
            all.add(where("branchId").is(branchId));
        }
        if (complaintId != null) {
            all.add(where("complaintId").is(complaintId));
        }
        if (status != null) {
            all.add(where("status").is(status));
        }
        Query query =
                new Query(new Criteria().andOperator(all.toArray(Criteria[]::new))).with(Sort.by("dueDate", "_id"));
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
    CorrectiveActionResponse evaluate(@PathVariable String actionId, @Valid @RequestBody Evaluate request) {
        String checkedBy = callers.current().subject();
        return change(
                actionId, action -> action.evaluate(request.effective(), request.note(), checkedBy, clock.instant()));
    }

    private CorrectiveActionResponse change(String actionId, Consumer<CorrectiveAction> change) {
        CorrectiveAction action = find(actionId);
        change.accept(action);
        try {
            CorrectiveAction saved = actions.save(action);
            outbox.publishSoon(saved);
            return answer(saved);
        } catch (OptimisticLockingFailureException e) {
            throw Problems.of(
                    HttpStatus.CONFLICT,
                    ProblemTypes.CONCURRENT_MODIFICATION,
                    "Concurrent modification",
                    "The corrective action changed meanwhile; nothing was changed, please retry");
        }
    }

    private CorrectiveAction find(String actionId) {
        CorrectiveAction action = mongo.findOne(
                new Query(
                        new Criteria().andOperator(callers.scope(), where("_id").is(actionId))),
                CorrectiveAction.class);
        if (action == null) {
            throw Problems.notFound("No corrective action " + actionId);
        }
        return action;
    }

    private CorrectiveActionResponse answer(CorrectiveAction action) {
        return CorrectiveActionResponse.of(action, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

package io.servicequality.scoring.quality;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.scoring.statequery.StateForwarding;
import io.servicequality.security.CallerAccess;
import io.servicequality.security.audit.AuditTrail;
import io.servicequality.web.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Quality targets of the caller's tenant, and their attainment over a range. Reads are filtered in the store by the
 * caller's scope ({@link ConfigurationScope}); every change is recorded in the audit log.
 */
@RestController
@RequestMapping("/api/v1/targets")
@Validated
class TargetController {

    private final QualityTargets targets;
    private final AlertHours hours;
    private final CallerAccess callers;
    private final AuditTrail audit;
    private final Clock clock;
    private final StateForwarding forwarding;

    private static final ParameterizedTypeReference<List<Attainment>> ATTAINMENTS =
            new ParameterizedTypeReference<>() {};

    TargetController(
            QualityTargets targets,
            AlertHours hours,
            CallerAccess callers,
            AuditTrail audit,
            Clock clock,
            StateForwarding forwarding) {
        this.forwarding = forwarding;
        this.targets = targets;
        this.hours = hours;
        this.callers = callers;
        this.audit = audit;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<TargetResponse> create(@Valid @RequestBody TargetRequest request) {
        ConfigurationScope.requireWritable(callers, request.branchId());
        TargetResponse saved =
                TargetResponse.of(targets.save(targetOf(UUID.randomUUID().toString(), request)));
        audit.record("target.created", "target:" + saved.id(), null, saved);
        return ResponseEntity.created(URI.create("/api/v1/targets/" + saved.id()))
                .body(saved);
    }

    @GetMapping
    List<TargetResponse> list() {
        return targets.all(ConfigurationScope.readable(callers)).stream()
                .map(TargetResponse::of)
                .toList();
    }

    @GetMapping("/{id}")
    TargetResponse get(@PathVariable String id) {
        return TargetResponse.of(existing(id));
    }

    @PutMapping("/{id}")
    TargetResponse replace(@PathVariable String id, @Valid @RequestBody TargetRequest request) {
        TargetResponse before = TargetResponse.of(existing(id));
        ConfigurationScope.requireWritable(callers, before.branchId());
        ConfigurationScope.requireWritable(callers, request.branchId());
        TargetResponse after = TargetResponse.of(targets.save(targetOf(id, request)));
        audit.record("target.changed", "target:" + id, before, after);
        return after;
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        TargetResponse before = TargetResponse.of(existing(id));
        ConfigurationScope.requireWritable(callers, before.branchId());
        if (!targets.delete(ConfigurationScope.readable(callers), id, clock.instant())) {
            throw Problems.notFound("No such target");
        }
        audit.record("target.removed", "target:" + id, before, null);
    }

    /**
     * Every target that applies to the branch, with the metric over the hours starting in {@code [from, to)}. A branch
     * outside a branch-bound caller's scope is 404.
     */
    @GetMapping("/attainment")
    List<Attainment> attainment(
            @RequestParam @NotBlank String branchId,
            @RequestParam @NotNull Instant from,
            @RequestParam @NotNull Instant to,
            HttpServletRequest request) {
        if (!callers.mayAccessBranch(branchId)) {
            throw Problems.notFound("No such branch");
        }
        String tenantId = callers.tenantId();
        // the hours are partitioned by tenant; the instance holding this tenant's alert state answers
        return forwarding.answer(
                AlertingTopology.BRANCH_HOURS,
                tenantId,
                request,
                ATTAINMENTS,
                () -> attainment(hours.merged(tenantId, branchId, from, to), branchId));
    }

    private List<Attainment> attainment(BucketStatistics statistics, String branchId) {
        return targets.all(ConfigurationScope.readable(callers)).stream()
                .filter(target -> target.appliesTo(branchId))
                .map(target -> {
                    Observation observation = target.metric().observe(statistics);
                    return new Attainment(
                            TargetResponse.of(target),
                            observation.value(),
                            observation.n(),
                            target.attainedBy(observation));
                })
                .toList();
    }

    private QualityTarget existing(String id) {
        return targets.find(ConfigurationScope.readable(callers), id)
                .orElseThrow(() -> Problems.notFound("No such target"));
    }

    private QualityTarget targetOf(String id, TargetRequest request) {
        return new QualityTarget(
                id,
                callers.tenantId(),
                request.branchId(),
                request.metric(),
                request.bound(),
                request.value(),
                clock.instant(),
                0,
                true,
                false);
    }
}

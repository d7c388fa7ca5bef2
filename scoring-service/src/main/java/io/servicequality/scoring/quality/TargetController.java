package io.servicequality.scoring.quality;

import io.servicequality.scoring.tenant.TenantProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
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
import org.springframework.web.server.ResponseStatusException;

/** Quality targets of the configured tenant, and their attainment over a range. */
@RestController
@RequestMapping("/api/v1/targets")
@Validated
class TargetController {

    private final QualityTargets targets;
    private final MetricHistory history;
    private final TenantProperties tenant;
    private final Clock clock;

    TargetController(QualityTargets targets, MetricHistory history, TenantProperties tenant, Clock clock) {
        this.targets = targets;
        this.history = history;
        this.tenant = tenant;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<TargetResponse> create(@Valid @RequestBody TargetRequest request) {
        QualityTarget saved = targets.save(targetOf(UUID.randomUUID().toString(), request));
        return ResponseEntity.created(URI.create("/api/v1/targets/" + saved.id()))
                .body(TargetResponse.of(saved));
    }

    @GetMapping
    List<TargetResponse> list() {
        return targets.all(tenant.tenantId()).stream().map(TargetResponse::of).toList();
    }

    @GetMapping("/{id}")
    TargetResponse get(@PathVariable String id) {
        return TargetResponse.of(existing(id));
    }

    @PutMapping("/{id}")
    TargetResponse replace(@PathVariable String id, @Valid @RequestBody TargetRequest request) {
        existing(id);
        return TargetResponse.of(targets.save(targetOf(id, request)));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        if (!targets.delete(tenant.tenantId(), id, clock.instant())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such target");
        }
    }

    /** Every target that applies to the branch, with the metric over the hours starting in {@code [from, to)}. */
    @GetMapping("/attainment")
    List<Attainment> attainment(
            @RequestParam @NotBlank String branchId,
            @RequestParam @NotNull Instant from,
            @RequestParam @NotNull Instant to) {
        var statistics = history.merged(tenant.tenantId(), branchId, from, to);
        return targets.all(tenant.tenantId()).stream()
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
        return targets.find(tenant.tenantId(), id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such target"));
    }

    private QualityTarget targetOf(String id, TargetRequest request) {
        return new QualityTarget(
                id,
                tenant.tenantId(),
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

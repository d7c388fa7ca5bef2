package io.servicequality.complaint.sla;

import io.servicequality.contracts.ComplaintChanged.Severity;
import io.servicequality.web.problem.Problems;
import jakarta.validation.Valid;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The tenant's SLA policy per severity: set ({@code PUT}), read, list all four, remove (back to the default). */
@RestController
@RequestMapping(SlaPolicyController.PATH)
class SlaPolicyController {

    static final String PATH = "/api/v1/sla-policies";

    private final SlaPolicies policies;

    SlaPolicyController(SlaPolicies policies) {
        this.policies = policies;
    }

    @PutMapping("/{severity}")
    SlaPolicyResponse put(@PathVariable Severity severity, @Valid @RequestBody SlaPolicyRequest request) {
        policies.put(severity, request.firstResponseMinutes(), request.resolutionMinutes());
        return get(severity);
    }

    @GetMapping("/{severity}")
    SlaPolicyResponse get(@PathVariable Severity severity) {
        return SlaPolicyResponse.of(
                severity,
                policies.targetsFor(severity),
                policies.policy(severity).isPresent());
    }

    @GetMapping
    List<SlaPolicyResponse> list() {
        return Arrays.stream(Severity.values()).map(this::get).toList();
    }

    @DeleteMapping("/{severity}")
    ResponseEntity<Void> remove(@PathVariable Severity severity) {
        if (!policies.remove(severity)) {
            throw Problems.notFound("The tenant has no own policy for " + severity + "; the default applies");
        }
        return ResponseEntity.noContent().build();
    }
}

package io.servicequality.scoring.quality;

import io.servicequality.scoring.tenant.TenantProperties;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Alert rules of the configured tenant. A changed rule is applied from the next metric update on. */
@RestController
@RequestMapping("/api/v1/alert-rules")
class AlertRuleController {

    private final AlertRules rules;
    private final AlertStates states;
    private final TenantProperties tenant;
    private final Clock clock;

    AlertRuleController(AlertRules rules, AlertStates states, TenantProperties tenant, Clock clock) {
        this.rules = rules;
        this.states = states;
        this.tenant = tenant;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<AlertRuleResponse> create(@Valid @RequestBody AlertRuleRequest request) {
        AlertRule saved = rules.save(request.toRule(UUID.randomUUID().toString(), tenant.tenantId(), clock.instant()));
        return ResponseEntity.created(URI.create("/api/v1/alert-rules/" + saved.id()))
                .body(AlertRuleResponse.of(saved));
    }

    @GetMapping
    List<AlertRuleResponse> list() {
        return rules.all(tenant.tenantId()).stream().map(AlertRuleResponse::of).toList();
    }

    @GetMapping("/{id}")
    AlertRuleResponse get(@PathVariable String id) {
        return AlertRuleResponse.of(existing(id));
    }

    @PutMapping("/{id}")
    AlertRuleResponse replace(@PathVariable String id, @Valid @RequestBody AlertRuleRequest request) {
        existing(id);
        return AlertRuleResponse.of(rules.save(request.toRule(id, tenant.tenantId(), clock.instant())));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        if (!rules.delete(tenant.tenantId(), id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such alert rule");
        }
        states.deleteOfRule(id);
    }

    private AlertRule existing(String id) {
        return rules.find(tenant.tenantId(), id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such alert rule"));
    }
}

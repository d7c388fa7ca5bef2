package io.servicequality.scoring.quality;

import io.servicequality.security.CallerAccess;
import io.servicequality.security.audit.AuditTrail;
import io.servicequality.web.problem.Problems;
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

/**
 * Alert rules of the caller's tenant. A change is published on {@code sqp.alert-rules.v1} and applies from the next
 * metric update after the evaluation has read it (usually within a second); the episodes of a deleted rule end
 * without an event. Reads are filtered in
 * the store by the caller's scope ({@link ConfigurationScope}); every change is recorded in the audit log.
 */
@RestController
@RequestMapping("/api/v1/alert-rules")
class AlertRuleController {

    private final AlertRules rules;
    private final CallerAccess callers;
    private final AuditTrail audit;
    private final Clock clock;

    AlertRuleController(AlertRules rules, CallerAccess callers, AuditTrail audit, Clock clock) {
        this.rules = rules;
        this.callers = callers;
        this.audit = audit;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<AlertRuleResponse> create(@Valid @RequestBody AlertRuleRequest request) {
        AlertRule rule = request.toRule(UUID.randomUUID().toString(), callers.tenantId(), clock.instant());
        ConfigurationScope.requireWritable(callers, rule.branchId());
        AlertRuleResponse saved = AlertRuleResponse.of(rules.save(rule));
        audit.record("alert-rule.created", "alert-rule:" + saved.id(), null, saved);
        return ResponseEntity.created(URI.create("/api/v1/alert-rules/" + saved.id()))
                .body(saved);
    }

    @GetMapping
    List<AlertRuleResponse> list() {
        return rules.all(ConfigurationScope.readable(callers)).stream()
                .map(AlertRuleResponse::of)
                .toList();
    }

    @GetMapping("/{id}")
    AlertRuleResponse get(@PathVariable String id) {
        return AlertRuleResponse.of(existing(id));
    }

    @PutMapping("/{id}")
    AlertRuleResponse replace(@PathVariable String id, @Valid @RequestBody AlertRuleRequest request) {
        AlertRuleResponse before = AlertRuleResponse.of(existing(id));
        AlertRule rule = request.toRule(id, callers.tenantId(), clock.instant());
        ConfigurationScope.requireWritable(callers, before.branchId());
        ConfigurationScope.requireWritable(callers, rule.branchId());
        AlertRuleResponse after = AlertRuleResponse.of(rules.save(rule));
        audit.record("alert-rule.changed", "alert-rule:" + id, before, after);
        return after;
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        AlertRuleResponse before = AlertRuleResponse.of(existing(id));
        ConfigurationScope.requireWritable(callers, before.branchId());
        if (!rules.delete(ConfigurationScope.readable(callers), id, clock.instant())) {
            throw Problems.notFound("No such alert rule");
        }
        audit.record("alert-rule.removed", "alert-rule:" + id, before, null);
    }

    private AlertRule existing(String id) {
        return rules.find(ConfigurationScope.readable(callers), id)
                .orElseThrow(() -> Problems.notFound("No such alert rule"));
    }
}

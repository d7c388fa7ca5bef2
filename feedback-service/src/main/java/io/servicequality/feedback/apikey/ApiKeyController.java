package io.servicequality.feedback.apikey;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The admin API of API keys (ADMIN only, see the service's endpoint rules). */
@RestController
@RequestMapping("/api/v1/api-keys")
class ApiKeyController {

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    /** 201 with the full key, shown this once. */
    @PostMapping
    ResponseEntity<IssuedApiKey> issue(@Valid @RequestBody IssueApiKeyRequest request) {
        IssuedApiKey issued = keys.issue(request);
        return ResponseEntity.created(URI.create("/api/v1/api-keys/" + issued.keyId()))
                .body(issued);
    }

    /** The tenant's keys, revoked ones included, without secrets. */
    @GetMapping
    Map<String, List<ApiKeyView>> list() {
        return Map.of("items", keys.list());
    }

    /** 204; the key is refused from this answer on (in this service; elsewhere within the topic's delay). */
    @DeleteMapping("/{keyId}")
    ResponseEntity<Void> revoke(@PathVariable String keyId) {
        keys.revoke(keyId);
        return ResponseEntity.noContent().build();
    }
}

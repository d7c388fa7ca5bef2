package io.servicequality.feedback.apikey;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** A key as admins see it (and as the audit log records it): never its secret or hash. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ApiKeyView(
        String keyId,
        String name,
        List<String> branches,
        List<String> scopes,
        Instant createdAt,
        String createdBy,
        boolean revoked,
        Instant revokedAt,
        String revokedBy) {}

package io.servicequality.feedback.apikey;

import java.time.Instant;
import java.util.List;

/**
 * The answer to issuing a key: the only time the full key is shown.
 *
 * @param key {@code sqp_<keyId>_<secret>}, to send as {@code X-API-Key}; store it now, it cannot be shown again
 */
record IssuedApiKey(
        String keyId, String key, String name, List<String> branches, List<String> scopes, Instant createdAt) {}

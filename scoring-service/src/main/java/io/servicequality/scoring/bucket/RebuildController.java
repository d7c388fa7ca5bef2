package io.servicequality.scoring.bucket;

import io.servicequality.security.CallerAccess;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts a {@link Rebuild} of every bucket from the retained event log. Deployment-wide, so only for ADMINs (the
 * endpoint rule) of the operator tenant ({@link RebuildProperties}).
 */
@RestController
@RequestMapping("/api/v1/rebuilds")
class RebuildController {

    /** The rebuild has reset the buckets and the consumers are replaying the log. */
    record RebuildStarted(Instant startedAt) {}

    private final Rebuild rebuild;
    private final CallerAccess callers;
    private final RebuildProperties properties;

    RebuildController(Rebuild rebuild, CallerAccess callers, RebuildProperties properties) {
        this.rebuild = rebuild;
        this.callers = callers;
        this.properties = properties;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    RebuildStarted start() {
        if (!properties.operatorTenant().equals(callers.tenantId())) {
            throw new AccessDeniedException("a rebuild recounts every tenant: only the operator tenant may start it");
        }
        return new RebuildStarted(rebuild.start());
    }
}

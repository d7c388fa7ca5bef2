package io.servicequality.scoring.bucket;

import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Starts a {@link Rebuild} of every bucket from the retained event log. */
@RestController
@RequestMapping("/api/v1/rebuilds")
class RebuildController {

    /** The rebuild has reset the buckets and the consumers are replaying the log. */
    record RebuildStarted(Instant startedAt) {}

    private final Rebuild rebuild;

    RebuildController(Rebuild rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    RebuildStarted start() {
        return new RebuildStarted(rebuild.start());
    }
}

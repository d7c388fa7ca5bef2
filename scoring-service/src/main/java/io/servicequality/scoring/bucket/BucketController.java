package io.servicequality.scoring.bucket;

import io.servicequality.security.CallerAccess;
import jakarta.validation.Valid;
import java.util.List;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Read-only view of the buckets of the caller's tenant, for operators and end-to-end checks, read from the counting
 * topology's state. A branch outside a branch-bound caller's scope is 404, exactly like a branch without data would be
 * to another tenant. While the state is being restored or rebalanced the answer is 503.
 *
 * <p>Reads this instance's stores only: with several instances each holds the buckets of its own partitions (ADR 8);
 * reporting-service serves every branch.
 */
@RestController
@RequestMapping("/api/v1/buckets")
class BucketController {

    private final BucketStates buckets;
    private final CallerAccess callers;

    BucketController(BucketStates buckets, CallerAccess callers) {
        this.buckets = buckets;
        this.callers = callers;
    }

    @GetMapping
    List<BucketResponse> buckets(@Valid @ParameterObject BucketQuery query) {
        if (!callers.mayAccessBranch(query.branchId())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such branch");
        }
        return buckets.find(callers.tenantId(), query.branchId(), query.granularityOrHour(), query.from(), query.to());
    }
}

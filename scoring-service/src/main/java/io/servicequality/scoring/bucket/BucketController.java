package io.servicequality.scoring.bucket;

import io.servicequality.contracts.Topics;
import io.servicequality.scoring.statequery.StateForwarding;
import io.servicequality.security.CallerAccess;
import io.servicequality.web.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.List;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-only view of the buckets of the caller's tenant, for operators and end-to-end checks, read from the counting
 * topology's state. A branch outside a branch-bound caller's scope is 404, exactly like a branch without data would be
 * to another tenant. While the state is being restored or rebalanced the answer is 503.
 *
 * <p>With several instances each holds the buckets of its own partitions; a request for a branch held elsewhere is
 * answered by the instance that holds it ({@link StateForwarding}), so any instance answers for every branch.
 */
@RestController
@RequestMapping("/api/v1/buckets")
class BucketController {

    private static final ParameterizedTypeReference<List<BucketResponse>> ANSWER =
            new ParameterizedTypeReference<>() {};

    private final BucketStates buckets;
    private final CallerAccess callers;
    private final StateForwarding forwarding;

    BucketController(BucketStates buckets, CallerAccess callers, StateForwarding forwarding) {
        this.buckets = buckets;
        this.callers = callers;
        this.forwarding = forwarding;
    }

    @GetMapping
    List<BucketResponse> buckets(@Valid @ParameterObject BucketQuery query, HttpServletRequest request) {
        if (!callers.mayAccessBranch(query.branchId())) {
            throw Problems.notFound("No such branch");
        }
        String tenantId = callers.tenantId();
        return forwarding.answer(
                CountingTopology.HOUR_BUCKETS,
                Topics.recordKey(tenantId, query.branchId()),
                request,
                ANSWER,
                () -> buckets.find(tenantId, query.branchId(), query.granularityOrHour(), query.from(), query.to()));
    }
}

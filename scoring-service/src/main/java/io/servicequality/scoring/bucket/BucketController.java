package io.servicequality.scoring.bucket;

import io.servicequality.scoring.tenant.TenantProperties;
import jakarta.validation.Valid;
import java.util.List;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Read-only view of the buckets, for operators and end-to-end checks. */
@RestController
@RequestMapping("/api/v1/buckets")
class BucketController {

    private final Buckets buckets;
    private final TenantProperties tenant;

    BucketController(Buckets buckets, TenantProperties tenant) {
        this.buckets = buckets;
        this.tenant = tenant;
    }

    @GetMapping
    List<BucketResponse> buckets(@Valid @ParameterObject BucketQuery query) {
        return buckets
                .find(tenant.tenantId(), query.branchId(), query.granularityOrHour(), query.from(), query.to())
                .stream()
                .map(BucketResponse::of)
                .toList();
    }
}

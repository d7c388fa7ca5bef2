package io.servicequality.scoring.quality;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.contracts.BranchChanged;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Which branches belong to which region, from the branch directory (see {@link BranchRegion}). Named apart from
 * platform-security's own {@code branchRegions} (which resolves region claims of tokens).
 */
@Component("alertBranchRegions")
class BranchRegions {

    private final MongoTemplate mongo;

    BranchRegions(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Stores the entry unless a newer one is stored. */
    void update(BranchChanged change) {
        if (change.tenantId() == null || change.branchId() == null || change.occurredAt() == null) {
            throw new InvalidMetricUpdate("tenantId, branchId and occurredAt are required");
        }
        try {
            mongo.upsert(
                    query(where("_id")
                            .is(BranchRegion.idOf(change.tenantId(), change.branchId()))
                            .orOperator(
                                    where("occurredAt").exists(false),
                                    where("occurredAt").lte(change.occurredAt()))),
                    new Update()
                            .set("tenantId", change.tenantId())
                            .set("branchId", change.branchId())
                            .set("regionId", change.regionId())
                            .set("removed", change.removed())
                            .set("occurredAt", change.occurredAt()),
                    BranchRegion.class);
        } catch (DuplicateKeyException newerStored) {
            // an older entry: the stored one stands
        }
    }

    /** The regions of those of the branches that have one (one query). */
    Map<String, String> regionsOf(String tenantId, Collection<String> branchIds) {
        List<String> ids = branchIds.stream()
                .map(branchId -> BranchRegion.idOf(tenantId, branchId))
                .toList();
        Map<String, String> regions = new HashMap<>();
        for (BranchRegion entry : mongo.find(query(where("_id").in(ids)), BranchRegion.class)) {
            if (!entry.removed() && entry.regionId() != null) {
                regions.put(entry.branchId(), entry.regionId());
            }
        }
        return regions;
    }

    /** The current branches of a region, in id order. */
    List<String> branchesIn(String tenantId, String regionId) {
        return mongo
                .find(
                        query(where("tenantId")
                                        .is(tenantId)
                                        .and("regionId")
                                        .is(regionId)
                                        .and("removed")
                                        .ne(true))
                                .with(Sort.by("_id")),
                        BranchRegion.class)
                .stream()
                .map(BranchRegion::branchId)
                .toList();
    }
}

package io.servicequality.scoring.quality;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.servicequality.contracts.BucketStatistics;
import io.servicequality.contracts.MetricUpdated;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The hour statistics per branch, kept at the highest revision seen: applying an update twice changes nothing. */
@Component
class MetricHistory {

    private final MongoTemplate mongo;

    MetricHistory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** @return whether the update was newer than what was stored */
    boolean apply(MetricUpdated update) {
        String id = HourStatistics.idOf(update.tenantId(), update.branchId(), update.bucketStart());
        Update absolute = new Update()
                .set("tenantId", update.tenantId())
                .set("branchId", update.branchId())
                .set("bucketStart", update.bucketStart())
                .set("revision", update.revision());
        absolute.set("statistics", update.statistics());
        try {
            mongo.upsert(
                    query(where("_id")
                            .is(id)
                            .orOperator(
                                    where("revision").exists(false),
                                    where("revision").lt(update.revision()))),
                    absolute,
                    HourStatistics.class);
            return true;
        } catch (DuplicateKeyException olderOrSame) {
            return false;
        }
    }

    /** The hours of one branch starting in {@code [from, to)}, in time order. */
    List<HourStatistics> between(String tenantId, String branchId, Instant from, Instant to) {
        return mongo.find(
                query(where("tenantId")
                                .is(tenantId)
                                .and("branchId")
                                .is(branchId)
                                .and("bucketStart")
                                .gte(from)
                                .lt(to))
                        .with(Sort.by("bucketStart")),
                HourStatistics.class);
    }

    /** The start of the branch's latest hour with statistics. */
    Optional<Instant> latestHour(String tenantId, String branchId) {
        return Optional.ofNullable(mongo.findOne(
                        query(where("tenantId").is(tenantId).and("branchId").is(branchId))
                                .with(Sort.by(Sort.Direction.DESC, "bucketStart"))
                                .limit(1),
                        HourStatistics.class))
                .map(HourStatistics::bucketStart);
    }

    /** The statistics of {@code [from, to)}, merged. */
    BucketStatistics merged(String tenantId, String branchId, Instant from, Instant to) {
        return between(tenantId, branchId, from, to).stream()
                .map(HourStatistics::statistics)
                .reduce(BucketStatistics.EMPTY, BucketStatistics::plus);
    }
}

package io.servicequality.scoring.quality;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The start of a branch's latest hour with statistics, kept with {@code $max} by {@link MetricHistory}, so that the
 * evaluation finds it by id instead of searching the hours.
 *
 * @param id {@code tenantId:branchId}
 */
@Document(collection = LatestHour.COLLECTION)
record LatestHour(@Id String id, Instant bucketStart) {

    static final String COLLECTION = "latestHours";

    static String idOf(String tenantId, String branchId) {
        return tenantId + ":" + branchId;
    }
}

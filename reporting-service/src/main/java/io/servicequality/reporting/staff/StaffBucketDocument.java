package io.servicequality.reporting.staff;

import io.servicequality.contracts.StaffMetricUpdated;
import io.servicequality.contracts.StaffStatistics;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One member of staff's day in one branch, as last published: the absolute statistics of the highest revision seen.
 *
 * @param id {@code tenantId|branchId|staffId|dayStart}
 */
@Document("staffBuckets")
@CompoundIndex(name = "by_tenant_day", def = "{'tenantId': 1, 'dayStart': 1}")
record StaffBucketDocument(
        @Id String id,
        String tenantId,
        String branchId,
        String staffId,
        Instant dayStart,
        long revision,
        StaffStatistics statistics) {

    static StaffBucketDocument of(StaffMetricUpdated update) {
        return new StaffBucketDocument(
                String.join(
                        "|",
                        update.tenantId(),
                        update.branchId(),
                        update.staffId(),
                        update.dayStart().toString()),
                update.tenantId(),
                update.branchId(),
                update.staffId(),
                update.dayStart(),
                update.revision(),
                update.statistics());
    }
}

package io.servicequality.scoring.bucket;

import io.servicequality.contracts.StaffMetricUpdated;
import io.servicequality.contracts.StaffStatistics;
import java.time.Instant;

/**
 * What the topology keeps of one member of staff's day in one branch.
 *
 * @param statistics the absolute statistics
 * @param applied how many contributions were added (the revision is this plus the generation's base)
 * @param updatedAt when the last contribution was added (wall clock of the counting instance)
 */
record StaffState(StaffStatistics statistics, long applied, Instant updatedAt) {

    static final StaffState EMPTY = new StaffState(StaffStatistics.EMPTY, 0, null);

    StaffState {
        statistics = statistics == null ? StaffStatistics.EMPTY : statistics;
    }

    StaffState plus(StaffStatistics contribution, Instant now) {
        return new StaffState(statistics.plus(contribution), applied + 1, now);
    }

    /** The absolute state of this revision; publishing it again yields the same event, id included. */
    StaffMetricUpdated toStaffMetricUpdated(StaffDay day, long revisionBase) {
        long revision = revisionBase + applied;
        return new StaffMetricUpdated(
                StaffMetricUpdated.eventIdOf(day.tenantId(), day.branchId(), day.staffId(), day.start(), revision),
                day.tenantId(),
                day.branchId(),
                updatedAt,
                StaffMetricUpdated.SCHEMA_VERSION,
                day.staffId(),
                day.start(),
                revision,
                statistics);
    }
}

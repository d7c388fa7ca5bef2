package io.servicequality.reporting.staff;

import io.servicequality.reporting.scope.Scope;
import io.servicequality.web.csv.CsvExportable;
import io.servicequality.web.csv.CsvTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The members of staff below a standard on enough observations, most needs first.
 *
 * @param minN the least n a metric was judged on
 */
record TrainingNeeds(Scope scope, Instant from, Instant to, long minN, List<StaffNeeds> staff)
        implements CsvExportable {

    /** One row per need. */
    @Override
    public CsvTable csvTable() {
        List<List<?>> rows = new ArrayList<>();
        for (StaffNeeds member : staff) {
            for (Need need : member.needs()) {
                rows.add(List.of(
                        member.staffId(), need.metric(), need.value(), need.bound(), need.standard(), need.n()));
            }
        }
        return new CsvTable(List.of("staffId", "metric", "value", "bound", "standard", "n"), rows);
    }

    @Override
    public String csvFileName() {
        return "training-needs-" + scope.label();
    }

    record StaffNeeds(String staffId, List<String> branchIds, List<Need> needs) {}

    /**
     * A metric on the wrong side of its standard.
     *
     * @param bound {@code AT_MOST} (avgHandleSeconds) or {@code AT_LEAST} (the rates)
     * @param standard the value it should reach
     * @param n the observations it was judged on
     */
    record Need(String metric, double value, String bound, double standard, long n) {}
}

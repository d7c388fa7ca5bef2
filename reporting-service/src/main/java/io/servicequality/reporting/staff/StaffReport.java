package io.servicequality.reporting.staff;

import io.servicequality.reporting.scope.Scope;
import io.servicequality.web.csv.CsvExportable;
import io.servicequality.web.csv.CsvTable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The staff metrics of a scope over the local days starting in {@code [from, to)}.
 *
 * @param standardHandleSeconds the handle-time standard of an ordinary interaction (180 s)
 * @param complexStandardHandleSeconds the handle-time standard of a complex interaction (300 s)
 * @param staff by staff id
 */
record StaffReport(
        Scope scope,
        Instant from,
        Instant to,
        int standardHandleSeconds,
        int complexStandardHandleSeconds,
        List<StaffMetrics> staff)
        implements CsvExportable {

    /** One row per member of staff; an empty cell where there is no data. */
    @Override
    public CsvTable csvTable() {
        List<List<?>> rows = staff.stream()
                .<List<?>>map(member -> {
                    var interactions = member.interactions();
                    var feedback = member.feedback();
                    var complaints = member.complaints();
                    return Arrays.asList(
                            member.staffId(),
                            String.join(" ", member.branchIds()),
                            interactions == null ? null : interactions.offered(),
                            interactions == null ? null : interactions.answered(),
                            interactions == null ? null : interactions.answerRate(),
                            interactions == null ? null : interactions.avgHandleSeconds(),
                            interactions == null ? null : interactions.standardHandleSeconds(),
                            interactions == null ? null : interactions.handledWithin3MinutesRate(),
                            interactions == null ? null : interactions.handledWithin5MinutesRate(),
                            interactions == null ? null : interactions.handledWithinStandardRate(),
                            interactions == null ? null : interactions.fcrRate(),
                            feedback == null ? null : feedback.n(),
                            feedback == null || feedback.csat() == null
                                    ? null
                                    : feedback.csat().percent(),
                            feedback == null || feedback.nps() == null
                                    ? null
                                    : feedback.nps().score(),
                            complaints == null ? null : complaints.acknowledged(),
                            complaints == null ? null : complaints.firstResponseCompliance(),
                            complaints == null ? null : complaints.resolved(),
                            complaints == null ? null : complaints.resolutionCompliance(),
                            complaints == null ? null : complaints.reopenRate());
                })
                .toList();
        return new CsvTable(
                List.of(
                        "staffId",
                        "branchIds",
                        "offered",
                        "answered",
                        "answerRate",
                        "avgHandleSeconds",
                        "standardHandleSeconds",
                        "handledWithin3MinutesRate",
                        "handledWithin5MinutesRate",
                        "handledWithinStandardRate",
                        "fcrRate",
                        "linkedFeedback",
                        "csat",
                        "nps",
                        "complaintsAcknowledged",
                        "firstResponseCompliance",
                        "complaintsResolved",
                        "resolutionCompliance",
                        "reopenRate"),
                rows);
    }

    @Override
    public String csvFileName() {
        return "staff-" + scope.label();
    }
}

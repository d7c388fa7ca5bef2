package io.servicequality.reporting.staff;

import java.util.List;

/**
 * The staff of a scope in a period as a report shows them: the best and the weakest by CSAT and by first-contact
 * resolution among those with at least {@code minN} observations (the ranking rule of {@code /reports/staff/rankings}),
 * and who is below standard ({@code /reports/staff/training-needs}).
 *
 * @param staffWithData members of staff with any statistics in the period
 * @param csatBest best first; {@code csatWeakest} weakest first, never the same member as in {@code csatBest}
 * @param trainingNeeds most needs first, at most {@link StaffReports#HIGHLIGHTED_NEEDS}
 * @param withTrainingNeeds how many members of staff have a need in all
 */
public record StaffHighlights(
        long minN,
        long staffWithData,
        List<Ranked> csatBest,
        List<Ranked> csatWeakest,
        List<Ranked> fcrBest,
        List<Ranked> fcrWeakest,
        List<NeedsOf> trainingNeeds,
        long withTrainingNeeds) {

    /** A member of staff's value in percent, its n and 95 % interval (Wilson). */
    public record Ranked(int rank, String staffId, double value, long n, double low, double high) {}

    /** The metrics a member of staff is below standard on ({@code csat}, {@code fcrRate}, …). */
    public record NeedsOf(String staffId, List<String> metrics) {}

    public boolean hasData() {
        return staffWithData > 0;
    }
}

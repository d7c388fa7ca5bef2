package io.servicequality.reporting.ranking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The ranking rule of every ranking (SPEC §4 "Small samples"), whatever is ranked — branches or members of staff:
 * those below a minimum {@code n} are set apart; the rest are ordered best first (then by id), and walking down the
 * list a new tie group starts whenever one's 95 % interval no longer overlaps the interval of its group's leader. A tie
 * group shares the rank of its leader.
 */
public final class TieGroups {

    /**
     * @param rank 1 + the number of those in better tie groups (shared by a tie group)
     * @param tieGroup 1, 2, …: those in one group cannot be told apart at 95 %
     */
    public record Placed(int rank, int tieGroup, String id, Measured measured) {}

    /** Measured, but on fewer than the minimum {@code n}. */
    public record Below(String id, long n) {}

    /** @param ranked best first */
    public record Placement(List<Placed> ranked, List<Below> excluded) {}

    private TieGroups() {}

    /** @param measured by id; an id without data (a {@code null} value) is neither ranked nor excluded */
    public static Placement place(Map<String, Measured> measured, boolean higherIsBetter, long minN) {
        record Candidate(String id, Measured measured) {}
        List<Candidate> candidates = new ArrayList<>();
        List<Below> excluded = new ArrayList<>();
        measured.forEach((id, value) -> {
            if (value == null) {
                return;
            }
            if (value.n() < minN) {
                excluded.add(new Below(id, value.n()));
            } else {
                candidates.add(new Candidate(id, value));
            }
        });
        Comparator<Candidate> byValue =
                Comparator.comparingDouble(c -> c.measured().value());
        candidates.sort((higherIsBetter ? byValue.reversed() : byValue).thenComparing(Candidate::id));
        excluded.sort(Comparator.comparing(Below::id));

        List<Placed> ranked = new ArrayList<>();
        Candidate leader = null;
        int group = 0;
        int rank = 0;
        for (int i = 0; i < candidates.size(); i++) {
            Candidate candidate = candidates.get(i);
            if (leader == null || !overlap(leader.measured(), candidate.measured())) {
                leader = candidate;
                group++;
                rank = i + 1;
            }
            ranked.add(new Placed(rank, group, candidate.id(), candidate.measured()));
        }
        return new Placement(ranked, excluded);
    }

    private static boolean overlap(Measured a, Measured b) {
        return a.lower() <= b.upper() && b.lower() <= a.upper();
    }
}

package io.servicequality.reporting.risk;

import java.util.List;

/**
 * What the model makes of a branch's inputs.
 *
 * @param likelihood 1–5, the highest likelihood factor level
 * @param impact 1–5, the highest impact factor level
 * @param score likelihood × impact
 * @param factors the likelihood factors, then the impact factors
 */
public record Assessment(int likelihood, int impact, int score, RiskGrade grade, List<Factor> factors) {

    public Assessment {
        factors = List.copyOf(factors);
    }
}

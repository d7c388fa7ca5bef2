package io.servicequality.reporting.risk;

/** The grades of a risk, I the most severe (as Ⅰ级 特别重大 … Ⅳ级 一般). */
public enum RiskGrade {
    I,
    II,
    III,
    IV
}

package io.servicequality.contracts;

/** Points of importance a respondent gave each dimension; the points given sum to 100. */
public record ImportancePoints(
        Integer tangibles, Integer reliability, Integer responsiveness, Integer assurance, Integer empathy) {}

package io.servicequality.contracts;

/** Expectation/perception per SERVQUAL dimension; any dimension may be absent ({@code null}). */
public record ServqualRatings(
        DimensionRating tangibles,
        DimensionRating reliability,
        DimensionRating responsiveness,
        DimensionRating assurance,
        DimensionRating empathy) {}

package io.servicequality.contracts;

import java.util.function.Function;

/** The five SERVQUAL dimensions (Parasuraman, Zeithaml and Berry 1988). */
public enum ServqualDimension {
    TANGIBLES("tangibles", ServqualRatings::tangibles, ImportancePoints::tangibles),
    RELIABILITY("reliability", ServqualRatings::reliability, ImportancePoints::reliability),
    RESPONSIVENESS("responsiveness", ServqualRatings::responsiveness, ImportancePoints::responsiveness),
    ASSURANCE("assurance", ServqualRatings::assurance, ImportancePoints::assurance),
    EMPATHY("empathy", ServqualRatings::empathy, ImportancePoints::empathy);

    private final String fieldName;
    private final Function<ServqualRatings, DimensionRating> rating;
    private final Function<ImportancePoints, Integer> importance;

    ServqualDimension(
            String fieldName,
            Function<ServqualRatings, DimensionRating> rating,
            Function<ImportancePoints, Integer> importance) {
        this.fieldName = fieldName;
        this.rating = rating;
        this.importance = importance;
    }

    /** The JSON field name of this dimension, e.g. {@code reliability}. */
    public String fieldName() {
        return fieldName;
    }

    /** This dimension's rating, or {@code null} when the respondent left it out. */
    public DimensionRating ratingIn(ServqualRatings ratings) {
        return ratings == null ? null : rating.apply(ratings);
    }

    /** The importance points given to this dimension, or {@code null}. */
    public Integer importanceIn(ImportancePoints points) {
        return points == null ? null : importance.apply(points);
    }
}

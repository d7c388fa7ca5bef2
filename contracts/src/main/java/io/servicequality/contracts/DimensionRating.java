package io.servicequality.contracts;

/**
 * Expectation and perception for one SERVQUAL dimension on the 1–7 scale. Fractional when the respondent answered
 * several items of the dimension and they were averaged.
 */
public record DimensionRating(double expectation, double perception) {

    public double gap() {
        return perception - expectation;
    }
}

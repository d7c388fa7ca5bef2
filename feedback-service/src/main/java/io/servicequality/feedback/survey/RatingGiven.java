package io.servicequality.feedback.survey;

import io.servicequality.feedback.ingest.FieldRules;
import io.servicequality.feedback.survey.SubmitFeedbackRequest.DimensionAnswer;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A dimension is answered either directly (expectation and perception) or item by item ({@code items}), not both:
 * mixing the two would leave it unclear which answers count.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = RatingGiven.Validator.class)
@interface RatingGiven {

    String message() default "must not be null";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator extends FieldRules<RatingGiven, DimensionAnswer> {

        @Override
        protected void check(DimensionAnswer answer, Violations violations) {
            if (answer.items() != null) {
                if (answer.expectation() != null || answer.perception() != null) {
                    violations.of("items", "must not be combined with expectation and perception");
                }
                return;
            }
            if (answer.expectation() == null) {
                violations.of("expectation", "must not be null");
            }
            if (answer.perception() == null) {
                violations.of("perception", "must not be null");
            }
        }
    }
}

package io.servicequality.feedback.survey;

import io.servicequality.feedback.survey.SubmitFeedbackRequest.DimensionAnswer;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
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

    class Validator implements ConstraintValidator<RatingGiven, DimensionAnswer> {

        @Override
        public boolean isValid(DimensionAnswer answer, ConstraintValidatorContext context) {
            if (answer == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            if (answer.items() != null) {
                if (answer.expectation() == null && answer.perception() == null) {
                    return true;
                }
                return violation(context, "items", "must not be combined with expectation and perception");
            }
            boolean valid = true;
            if (answer.expectation() == null) {
                valid = violation(context, "expectation", "must not be null");
            }
            if (answer.perception() == null) {
                valid = violation(context, "perception", "must not be null");
            }
            return valid;
        }

        private static boolean violation(ConstraintValidatorContext context, String field, String message) {
            context.buildConstraintViolationWithTemplate(message)
                    .addPropertyNode(field)
                    .addConstraintViolation();
            return false;
        }
    }
}

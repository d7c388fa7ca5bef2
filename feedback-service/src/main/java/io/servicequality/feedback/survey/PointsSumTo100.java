package io.servicequality.feedback.survey;

import io.servicequality.feedback.survey.SubmitFeedbackRequest.ImportanceAnswers;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Importance points are a split of 100 over the dimensions the respondent weighed. */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PointsSumTo100.Validator.class)
@interface PointsSumTo100 {

    String message() default "the points given must sum to 100";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PointsSumTo100, ImportanceAnswers> {

        @Override
        public boolean isValid(ImportanceAnswers importance, ConstraintValidatorContext context) {
            return importance == null || importance.total() == 100;
        }
    }
}

package io.servicequality.feedback.survey;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Feedback without a single answer (a SERVQUAL dimension, csat, nps or ces) carries nothing to measure. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = AnswerGiven.Validator.class)
@interface AnswerGiven {

    String message() default "at least one answer is required: a servqual dimension, csat, nps or ces";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<AnswerGiven, SubmitFeedbackRequest> {

        @Override
        public boolean isValid(SubmitFeedbackRequest request, ConstraintValidatorContext context) {
            return request == null || request.anyAnswer();
        }
    }
}

package io.servicequality.feedback.interaction;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The facts of one interaction must fit together, or its metrics would contradict each other: an answered
 * interaction was not abandoned; handle time and first-contact resolution exist only for answered ones; it was
 * offered before it occurred.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ConsistentOutcome.Validator.class)
@interface ConsistentOutcome {

    String message() default "inconsistent interaction";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ConsistentOutcome, SubmitInteractionRequest> {

        @Override
        public boolean isValid(SubmitInteractionRequest request, ConstraintValidatorContext context) {
            if (request == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            boolean valid = true;
            boolean answered = Boolean.TRUE.equals(request.answered());
            if (answered && Boolean.TRUE.equals(request.abandoned())) {
                valid = violation(context, "abandoned", "must be false when answered is true");
            }
            if (Boolean.FALSE.equals(request.answered()) && request.handleSeconds() != null) {
                valid = violation(context, "handleSeconds", "must be absent when answered is false");
            }
            if (Boolean.FALSE.equals(request.answered()) && Boolean.TRUE.equals(request.resolvedFirstContact())) {
                valid = violation(context, "resolvedFirstContact", "must be false when answered is false");
            }
            if (request.offeredAt() != null
                    && request.occurredAt() != null
                    && request.offeredAt().isAfter(request.occurredAt())) {
                valid = violation(context, "offeredAt", "must not be after occurredAt");
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

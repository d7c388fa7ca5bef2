package io.servicequality.feedback.interaction;

import io.servicequality.feedback.ingest.FieldRules;
import jakarta.validation.Constraint;
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

    class Validator extends FieldRules<ConsistentOutcome, SubmitInteractionRequest> {

        @Override
        protected void check(SubmitInteractionRequest request, Violations violations) {
            if (Boolean.TRUE.equals(request.answered()) && Boolean.TRUE.equals(request.abandoned())) {
                violations.of("abandoned", "must be false when answered is true");
            }
            if (Boolean.FALSE.equals(request.answered()) && request.handleSeconds() != null) {
                violations.of("handleSeconds", "must be absent when answered is false");
            }
            if (Boolean.FALSE.equals(request.answered()) && Boolean.TRUE.equals(request.resolvedFirstContact())) {
                violations.of("resolvedFirstContact", "must be false when answered is false");
            }
            if (request.offeredAt() != null
                    && request.occurredAt() != null
                    && request.offeredAt().isAfter(request.occurredAt())) {
                violations.of("offeredAt", "must not be after occurredAt");
            }
        }
    }
}

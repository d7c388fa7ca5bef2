package io.servicequality.feedback.ingest;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.time.Instant;

/**
 * An event time may run slightly ahead of ours (the sender's clock drifts), but not by more than five minutes: such an
 * event would land in a metric bucket that has not started yet.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = NotFarInFuture.Validator.class)
public @interface NotFarInFuture {

    Duration TOLERANCE = Duration.ofMinutes(5);

    String message() default "must not be more than 5 minutes in the future";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<NotFarInFuture, Instant> {

        @Override
        public boolean isValid(Instant value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            Instant now = context.getClockProvider().getClock().instant();
            return !value.isAfter(now.plus(TOLERANCE));
        }
    }
}

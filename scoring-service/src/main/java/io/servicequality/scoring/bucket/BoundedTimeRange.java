package io.servicequality.scoring.bucket;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;

/** {@code to} lies after {@code from}, and not more than {@value #MAX_DAYS} days after it. Reported on {@code to}. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = BoundedTimeRange.Validator.class)
@interface BoundedTimeRange {

    int MAX_DAYS = 31;

    String message() default "must be after from and at most " + MAX_DAYS + " days later";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<BoundedTimeRange, BucketQuery> {

        @Override
        public boolean isValid(BucketQuery query, ConstraintValidatorContext context) {
            if (query.from() == null || query.to() == null) {
                return true; // @NotNull reports these
            }
            if (!query.to().isAfter(query.from())) {
                return violationOnTo(context, "must be after from");
            }
            if (Duration.between(query.from(), query.to()).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
                return violationOnTo(context, "must be at most " + MAX_DAYS + " days after from");
            }
            return true;
        }

        private static boolean violationOnTo(ConstraintValidatorContext context, String message) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(message)
                    .addPropertyNode("to")
                    .addConstraintViolation();
            return false;
        }
    }
}

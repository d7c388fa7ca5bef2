package io.servicequality.web.range;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;

/**
 * {@code to} lies after {@code from}, and, with {@link #maxDays}, not more than that many days after it. Reported on
 * {@code to}, so the problem names the field ({@code to must be after from}); a missing bound is left to its
 * {@code @NotNull}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidTimeRange.Validator.class)
public @interface ValidTimeRange {

    /** The longest range in days; 0: no limit. */
    int maxDays() default 0;

    String message() default "must be after from";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidTimeRange, TimeRange> {

        private int maxDays;

        @Override
        public void initialize(ValidTimeRange annotation) {
            maxDays = annotation.maxDays();
        }

        @Override
        public boolean isValid(TimeRange range, ConstraintValidatorContext context) {
            if (range.from() == null || range.to() == null) {
                return true;
            }
            if (!range.to().isAfter(range.from())) {
                return violationOnTo(context, "must be after from");
            }
            if (maxDays > 0 && Duration.between(range.from(), range.to()).compareTo(Duration.ofDays(maxDays)) > 0) {
                return violationOnTo(context, "must be at most " + maxDays + " days after from");
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

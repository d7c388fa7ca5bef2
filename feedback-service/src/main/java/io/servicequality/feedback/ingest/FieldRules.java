package io.servicequality.feedback.ingest;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.lang.annotation.Annotation;

/**
 * A constraint on a whole object whose violations name the fields at fault, each with its own message, so that the
 * problem response points at the field a client has to change. An absent object is valid ({@code @NotNull} is a rule
 * of its own).
 *
 * @param <A> the constraint annotation
 * @param <T> the validated type
 */
public abstract class FieldRules<A extends Annotation, T> implements ConstraintValidator<A, T> {

    @Override
    public final boolean isValid(T value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        Violations violations = new Violations(context);
        check(value, violations);
        return violations.none;
    }

    /** Reports each broken rule with {@link Violations#of}. */
    protected abstract void check(T value, Violations violations);

    /** The fields found at fault so far. */
    public static final class Violations {

        private final ConstraintValidatorContext context;
        private boolean none = true;

        private Violations(ConstraintValidatorContext context) {
            this.context = context;
        }

        public void of(String field, String message) {
            context.buildConstraintViolationWithTemplate(message)
                    .addPropertyNode(field)
                    .addConstraintViolation();
            none = false;
        }
    }
}

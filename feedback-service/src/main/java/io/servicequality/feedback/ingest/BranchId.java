package io.servicequality.feedback.ingest;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The branch an event is for, as every ingest request names it: present, at most 64 characters, letters, digits,
 * '.', '_' or '-' (it becomes part of the record key and of URLs). Each rule reports its own message.
 */
@NotBlank
@Size(max = 64)
@Pattern(regexp = "[A-Za-z0-9._-]+", message = "must contain only letters, digits, '.', '_' or '-'")
@Target({
    ElementType.METHOD,
    ElementType.FIELD,
    ElementType.ANNOTATION_TYPE,
    ElementType.CONSTRUCTOR,
    ElementType.PARAMETER,
    ElementType.TYPE_USE
})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = {})
public @interface BranchId {

    String message() default "is not a branch id";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

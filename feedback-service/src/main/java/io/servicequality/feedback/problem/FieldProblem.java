package io.servicequality.feedback.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of a problem's {@code errors} extension.
 *
 * @param field the JSON path of the offending field ({@code servqual.reliability.expectation}); absent when the
 *     problem concerns the request as a whole
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FieldProblem(String field, String message) {}

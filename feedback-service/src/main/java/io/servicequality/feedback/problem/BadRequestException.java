package io.servicequality.feedback.problem;

/** A request parameter, header or body that cannot be served as given: answered with 400 naming the field. */
public class BadRequestException extends RuntimeException {

    private final transient FieldProblem problem;

    public BadRequestException(String field, String message) {
        super(field == null ? message : field + " " + message);
        this.problem = new FieldProblem(field, message);
    }

    FieldProblem problem() {
        return problem;
    }
}

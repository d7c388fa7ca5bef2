package io.servicequality.reporting.problem;

/** A request parameter that is well-formed on its own but not acceptable (e.g. a range that ends before it starts). */
public class InvalidRequestParameterException extends RuntimeException {

    private final String parameter;
    private final String reason;

    public InvalidRequestParameterException(String parameter, String reason) {
        super(parameter + " " + reason);
        this.parameter = parameter;
        this.reason = reason;
    }

    public String parameter() {
        return parameter;
    }

    public String reason() {
        return reason;
    }
}

package io.servicequality.feedback.problem;

/** The addressed resource does not exist for this tenant: answered with 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what) {
        super(what + " not found");
    }
}

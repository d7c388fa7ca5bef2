package io.servicequality.complaint.problem;

import java.net.URI;

/** The stable {@code type} URIs of this service's problems; clients may switch on them. */
public final class ProblemTypes {

    private static final String BASE = "https://servicequality.io/problems/";

    public static final URI VALIDATION_FAILED = URI.create(BASE + "validation-failed");
    public static final URI MALFORMED_REQUEST = URI.create(BASE + "malformed-request");
    public static final URI NOT_FOUND = URI.create(BASE + "not-found");
    public static final URI METHOD_NOT_ALLOWED = URI.create(BASE + "method-not-allowed");
    public static final URI UNSUPPORTED_MEDIA_TYPE = URI.create(BASE + "unsupported-media-type");
    public static final URI NOT_ACCEPTABLE = URI.create(BASE + "not-acceptable");
    public static final URI DEPENDENCY_UNAVAILABLE = URI.create(BASE + "dependency-unavailable");
    public static final URI NUMBERING_CONTENTION = URI.create(BASE + "numbering-contention");
    public static final URI INVALID_TRANSITION = URI.create(BASE + "invalid-transition");
    public static final URI CONCURRENT_MODIFICATION = URI.create(BASE + "concurrent-modification");
    public static final URI PRECONDITION_FAILED = URI.create(BASE + "precondition-failed");
    public static final URI INTERNAL_ERROR = URI.create(BASE + "internal-error");
    public static final URI REQUEST_REJECTED = URI.create(BASE + "request-rejected");

    private ProblemTypes() {}
}

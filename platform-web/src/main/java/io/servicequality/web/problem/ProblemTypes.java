package io.servicequality.web.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * The stable {@code type} URIs of the platform's problems; clients may switch on them. A feature with a problem of its
 * own names it with {@link #of(String)} (e.g. {@code invalid-transition}); the ones every service answers are here.
 */
public final class ProblemTypes {

    public static final String BASE = "https://servicequality.io/problems/";

    /** 400: fields of the request are missing or invalid; {@code errors} names each. */
    public static final URI VALIDATION_FAILED = of("validation-failed");
    /** 400: the body is not JSON (or a request Spring could not read at all). */
    public static final URI MALFORMED_REQUEST = of("malformed-request");

    public static final URI NOT_FOUND = of("not-found");
    public static final URI CONFLICT = of("conflict");
    /** 409: the aggregate's state does not allow this action (e.g. resolving a closed complaint). */
    public static final URI INVALID_TRANSITION = of("invalid-transition");
    /** 409: someone else changed the resource between reading and writing it; read it again. */
    public static final URI CONCURRENT_MODIFICATION = of("concurrent-modification");
    /** 412: {@code If-Match} names a version that is no longer current. */
    public static final URI PRECONDITION_FAILED = of("precondition-failed");

    public static final URI PAYLOAD_TOO_LARGE = of("payload-too-large");
    public static final URI RATE_LIMITED = of("rate-limited");
    public static final URI UNAUTHENTICATED = of("unauthenticated");
    public static final URI FORBIDDEN = of("forbidden");
    /** 503: a store or the broker did not answer; the response says whether anything was done. */
    public static final URI DEPENDENCY_UNAVAILABLE = of("dependency-unavailable");
    /** 500: never with the exception's message. */
    public static final URI INTERNAL_ERROR = of("internal-error");

    private ProblemTypes() {}

    public static URI of(String slug) {
        return URI.create(BASE + slug);
    }

    /**
     * The type of a problem Spring MVC builds itself (no route, wrong method, unsupported media type…): the platform's
     * name where it has one, else the status's reason in kebab case ({@code method-not-allowed}).
     */
    static URI forStatus(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> MALFORMED_REQUEST;
            case 404 -> NOT_FOUND;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 429 -> RATE_LIMITED;
            case 500 -> INTERNAL_ERROR;
            case 503 -> DEPENDENCY_UNAVAILABLE;
            default -> {
                HttpStatus known = HttpStatus.resolve(status.value());
                yield of(
                        known == null
                                ? "http-" + status.value()
                                : known.name().toLowerCase().replace('_', '-'));
            }
        };
    }
}

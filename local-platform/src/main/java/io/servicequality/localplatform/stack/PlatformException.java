package io.servicequality.localplatform.stack;

/**
 * Something the user can act on (a port in use, a process that did not start, a bad setting): the launcher prints
 * the message as {@code [platform] ERROR: …} and exits with status 1, without a stack trace.
 */
public final class PlatformException extends RuntimeException {

    public PlatformException(String message) {
        super(message);
    }

    public PlatformException(String message, Throwable cause) {
        super(message, cause);
    }
}

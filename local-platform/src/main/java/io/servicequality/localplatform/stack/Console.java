package io.servicequality.localplatform.stack;

/**
 * The launcher's lines for its user, prefixed {@code [platform]} like the wrapper's own, so that what the shell
 * script printed before and what the launcher prints now read as one voice (and PlatformEndToEndIT can wait for
 * them).
 */
public final class Console {

    private Console() {}

    public static void say(String message) {
        System.out.println("[platform] " + message);
        System.out.flush();
    }

    public static void error(String message) {
        System.out.flush();
        System.err.println("[platform] ERROR: " + message);
        System.err.flush();
    }
}

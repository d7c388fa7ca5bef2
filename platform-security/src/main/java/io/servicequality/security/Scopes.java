package io.servicequality.security;

import java.util.Set;

/** What an app's API key may do. The Spring Security authority of a scope is {@code SCOPE_<scope>}. */
public final class Scopes {

    public static final String FEEDBACK_WRITE = "feedback:write";
    public static final String INTERACTIONS_WRITE = "interactions:write";
    public static final String COMPLAINTS_WRITE = "complaints:write";

    /** Every scope a key can be given. */
    public static final Set<String> ALL = Set.of(FEEDBACK_WRITE, INTERACTIONS_WRITE, COMPLAINTS_WRITE);

    private Scopes() {}

    public static String authority(String scope) {
        return "SCOPE_" + scope;
    }
}

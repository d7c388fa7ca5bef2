package io.servicequality.security;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the authority lists of endpoint rules, so that a rule reads like a row of the authorization matrix:
 * {@code .hasAnyAuthority(Authorities.roles(ADMIN, QUALITY_MANAGER).orScope(Scopes.FEEDBACK_WRITE).toArray())}.
 */
public final class Authorities {

    private final List<String> authorities = new ArrayList<>();

    private Authorities() {}

    public static Authorities roles(Role... roles) {
        Authorities result = new Authorities();
        for (Role role : roles) {
            result.authorities.add(role.authority());
        }
        return result;
    }

    /** Every staff role: any authenticated member of staff. */
    public static Authorities anyStaff() {
        return roles(Role.values());
    }

    public static Authorities scope(String scope) {
        return new Authorities().orScope(scope);
    }

    public Authorities orScope(String scope) {
        authorities.add(Scopes.authority(scope));
        return this;
    }

    public String[] toArray() {
        return authorities.toArray(String[]::new);
    }
}

package io.servicequality.reporting.session;

import io.servicequality.security.Caller;
import io.servicequality.security.CallerAccess;
import io.servicequality.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The dashboard's session: log in with a staff token, see who is logged in, log out. */
@RestController
@RequestMapping("/api/v1/session")
class SessionController {

    private final JwtDecoder tokens;
    private final CallerAccess callers;
    private final Clock clock;

    SessionController(JwtDecoder tokens, CallerAccess callers, Clock clock) {
        this.tokens = tokens;
        this.callers = callers;
        this.clock = clock;
    }

    /** @param token a staff JWT (e.g. from {@code ./platform token --role VIEWER} or the identity provider) */
    record LoginRequest(@NotBlank @Size(max = 16_384) String token) {}

    /**
     * @param branches the branches the caller may see; absent ({@code null}) when it may see every branch
     */
    record SessionResponse(String subject, String tenantId, List<String> roles, List<String> branches) {}

    @Operation(
            summary = "Logs the dashboard in: verifies a staff token and keeps it in an HttpOnly session cookie",
            description = "The token is verified like an Authorization header (signature, expiry, issuer, known"
                    + " tenant; 401 otherwise) and must carry a staff role (403 otherwise). 204 with Set-Cookie"
                    + " sqp_session (HttpOnly, SameSite=Strict, Secure over HTTPS, expiring with the token). The cookie"
                    + " authenticates only GET requests under /api/v1/ and /dashboard/.")
    @PostMapping
    ResponseEntity<Void> login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        Jwt jwt;
        try {
            jwt = tokens.decode(request.token());
        } catch (JwtException invalid) {
            throw new BadCredentialsException("invalid token", invalid);
        }
        List<String> roles = jwt.hasClaim("roles") ? jwt.getClaimAsStringList("roles") : List.of();
        if (roles == null || roles.stream().noneMatch(SessionController::isRole)) {
            throw new AccessDeniedException("the token carries no staff role");
        }
        Instant expiresAt = jwt.getExpiresAt();
        Duration maxAge = expiresAt == null ? Duration.ofHours(8) : Duration.between(clock.instant(), expiresAt);
        return ResponseEntity.noContent()
                .header(
                        HttpHeaders.SET_COOKIE,
                        SessionCookies.holding(request.token(), maxAge, http).toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    @Operation(summary = "Who the credential (session cookie or bearer token) belongs to")
    @GetMapping
    SessionResponse current() {
        Caller caller = callers.current();
        return new SessionResponse(
                caller.subject(),
                caller.tenantId(),
                caller.roles().stream().map(Role::name).sorted().toList(),
                caller.isBranchBound() ? caller.branches().stream().sorted().toList() : null);
    }

    @Operation(summary = "Logs the dashboard out: clears the session cookie (204, also without one)")
    @DeleteMapping
    ResponseEntity<Void> logout(HttpServletRequest http) {
        return ResponseEntity.noContent()
                .header(HttpHeaders.SET_COOKIE, SessionCookies.cleared(http).toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    private static boolean isRole(String name) {
        for (Role role : Role.values()) {
            if (role.name().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}

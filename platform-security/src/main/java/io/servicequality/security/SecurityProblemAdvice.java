package io.servicequality.security;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Access decisions taken inside a controller or service ({@link CallerAccess#requireBranch}) answer like those of the
 * filter chain: 403 forbidden / 401 unauthenticated problems. Ordered first, so a service's catch-all advice does not
 * turn them into 500s.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityProblemAdvice {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException ex) {
        return ResponseEntity.status(403).body(SecurityProblems.forbidden());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException ex) {
        return ResponseEntity.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"sqp\"", "ApiKey realm=\"sqp\"")
                .body(SecurityProblems.unauthenticated());
    }
}

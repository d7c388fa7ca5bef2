package io.servicequality.security;

import io.servicequality.web.problem.ProblemTypes;
import io.servicequality.web.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two answers of the security layer as RFC 9457 problems: 401 {@code …/problems/unauthenticated} with
 * {@code WWW-Authenticate} challenges for both credentials, and 403 {@code …/problems/forbidden}. Never echoes why a
 * token failed beyond the standard {@code invalid_token}.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        String bearer = ex instanceof OAuth2AuthenticationException
                ? "Bearer realm=\"sqp\", error=\"invalid_token\""
                : "Bearer realm=\"sqp\"";
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, bearer);
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "ApiKey realm=\"sqp\"");
        write(request, response, unauthenticated());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException {
        write(request, response, forbidden());
    }

    static ProblemDetail unauthenticated() {
        return problem(
                HttpStatus.UNAUTHORIZED,
                ProblemTypes.UNAUTHENTICATED,
                "Unauthenticated",
                "A valid credential is required: a staff token (Authorization: Bearer …) or an app key (X-API-Key).");
    }

    static ProblemDetail forbidden() {
        return problem(
                HttpStatus.FORBIDDEN,
                ProblemTypes.FORBIDDEN,
                "Forbidden",
                "The caller's credential does not allow this action.");
    }

    static ProblemDetail rateLimited() {
        return problem(
                HttpStatus.TOO_MANY_REQUESTS,
                ProblemTypes.RATE_LIMITED,
                "Too many requests",
                "The credential's request quota is used up; nothing was done. Retry later.");
    }

    static ProblemDetail payloadTooLarge(long maxBytes) {
        return problem(
                HttpStatus.PAYLOAD_TOO_LARGE,
                ProblemTypes.PAYLOAD_TOO_LARGE,
                "Payload too large",
                "The request body is larger than " + maxBytes + " bytes; nothing was done.");
    }

    private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", request.getRequestURI());
        Problems.currentTraceId().ifPresent(traceId -> body.put("traceId", traceId));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }
}

package io.servicequality.console;

import static org.springframework.cloud.gateway.server.mvc.filter.AfterFilterFunctions.removeResponseHeader;
import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.removeRequestHeader;
import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.filter.TokenRelayFilterFunctions.tokenRelay;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.web.servlet.function.RequestPredicates.path;

import jakarta.servlet.http.HttpSession;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The platform's API under the console's own origin: each path prefix a service owns ({@link ConsoleProperties}) is
 * relayed to that service unchanged, with the signed-in user's access token in {@code Authorization} (the gateway's
 * token relay, which refreshes the token when it has expired) instead of the console's own cookies and CSRF header.
 * The services authorise as for any caller; their answers, problem responses and {@code ETag}s come back as they are
 * (cookies they might set do not). A service that does not answer is a 503 problem; a session whose tokens can no
 * longer be refreshed ends, answered as a call without one.
 */
@Configuration(proxyBeanMethods = false)
class ApiRoutes {

    @Bean
    RouterFunction<ServerResponse> relayedApi(ConsoleProperties properties) {
        RouterFunction<ServerResponse> routes = null;
        for (Map.Entry<String, ConsoleProperties.Service> service :
                properties.services().entrySet()) {
            RequestPredicate owned = null;
            for (String prefix : service.getValue().paths()) {
                RequestPredicate under = path(prefix).or(path(prefix + "/**"));
                owned = owned == null ? under : owned.or(under);
            }
            if (owned == null) {
                continue;
            }
            RouterFunction<ServerResponse> route = route(service.getKey())
                    .route(owned, http())
                    .before(uri(service.getValue().url()))
                    // the console's own cookies (session, CSRF) and CSRF header stay here: the services get the token
                    .before(removeRequestHeader(HttpHeaders.COOKIE))
                    .before(removeRequestHeader("X-XSRF-TOKEN"))
                    .filter(tokenRelay())
                    .after(removeResponseHeader(HttpHeaders.SET_COOKIE))
                    .onError(ResourceAccessException.class, (error, request) -> unreachable(service.getKey()))
                    // no token to relay any more (the refresh failed or the authorisation is gone): sign in again
                    .onError(OAuth2AuthorizationException.class, (error, request) -> signInAgain(request))
                    .build();
            routes = routes == null ? route : routes.and(route);
        }
        if (routes == null) {
            throw new IllegalStateException("sqp.console.services names no service with paths: nothing to relay");
        }
        return routes;
    }

    /** Ends the session whose tokens no longer work, and answers as for a call without a session. */
    private static ServerResponse signInAgain(ServerRequest request) {
        HttpSession session = request.servletRequest().getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return ServerResponse.status(HttpStatus.UNAUTHORIZED)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ConsoleSecurity.notSignedIn());
    }

    /** The service did not answer (down, restarting): 503 with a problem, as the services themselves answer. */
    private static ServerResponse unreachable(String service) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE, service + " did not answer; try again shortly.");
        problem.setTitle("Service unavailable");
        return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}

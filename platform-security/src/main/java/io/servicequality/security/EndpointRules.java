package io.servicequality.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's authorization rules, one bean per service (the module adds its own for {@code /api/v1/audit}). Declare
 * one line per endpoint, e.g.
 *
 * <pre>{@code
 * rules.requestMatchers(HttpMethod.GET, "/api/v1/feedback", "/api/v1/feedback/*")
 *      .hasAnyAuthority(Authorities.anyStaff().toArray());
 * }</pre>
 *
 * Health and the OpenAPI documents are open; everything else needs a credential, and a request no rule matches is
 * denied (403): an endpoint without a rule cannot be reached.
 */
@FunctionalInterface
public interface EndpointRules {

    void declare(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);
}

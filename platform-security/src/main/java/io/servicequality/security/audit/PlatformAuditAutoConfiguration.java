package io.servicequality.security.audit;

import io.servicequality.security.Authorities;
import io.servicequality.security.CallerAccess;
import io.servicequality.security.EndpointRules;
import io.servicequality.security.PlatformSecurityAutoConfiguration;
import io.servicequality.security.Role;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.http.HttpMethod;

/** The {@link AuditTrail} and {@code GET /api/v1/audit} (ADMIN, QUALITY_MANAGER) for services with a MongoDB store. */
@AutoConfiguration(after = {DataMongoAutoConfiguration.class, PlatformSecurityAutoConfiguration.class})
@ConditionalOnBean({MongoOperations.class, CallerAccess.class})
public class PlatformAuditAutoConfiguration {

    public static final String AUDIT_PATH = "/api/v1/audit";

    @Bean
    AuditTrail auditTrail(MongoOperations mongo, CallerAccess callers, ObjectProvider<Clock> clock) {
        return new AuditTrail(mongo, callers, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    AuditController auditController(MongoOperations mongo, CallerAccess callers) {
        return new AuditController(mongo, callers);
    }

    @Bean
    EndpointRules auditEndpointRules() {
        return rules -> rules.requestMatchers(HttpMethod.GET, AUDIT_PATH)
                .hasAnyAuthority(
                        Authorities.roles(Role.ADMIN, Role.QUALITY_MANAGER).toArray());
    }
}

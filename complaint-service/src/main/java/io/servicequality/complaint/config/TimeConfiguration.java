package io.servicequality.complaint.config;

import java.time.Clock;
import java.time.Duration;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's clock (platform-web's) also drives Bean Validation, whose {@code @PastOrPresent} accepts instants up to
 * {@code sqp.clock-skew-tolerance} ahead because callers' clocks drift.
 */
@Configuration(proxyBeanMethods = false)
public class TimeConfiguration {

    @Bean
    ValidationConfigurationCustomizer clockAwareValidation(
            Clock clock, @Value("${sqp.clock-skew-tolerance:5m}") Duration clockSkewTolerance) {
        return configuration -> {
            configuration.clockProvider(() -> clock);
            if (configuration instanceof HibernateValidatorConfiguration hibernate) {
                hibernate.temporalValidationTolerance(clockSkewTolerance);
            }
        };
    }
}

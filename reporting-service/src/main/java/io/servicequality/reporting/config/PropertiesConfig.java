package io.servicequality.reporting.config;

import io.servicequality.reporting.live.LiveProperties;
import io.servicequality.reporting.scorecard.ScorecardProperties;
import io.servicequality.reporting.tenant.TenantProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
    TenantProperties.class,
    ScorecardProperties.class,
    KafkaTopicProperties.class,
    LiveProperties.class
})
class PropertiesConfig {}

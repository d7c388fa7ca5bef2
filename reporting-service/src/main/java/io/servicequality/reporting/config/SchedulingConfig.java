package io.servicequality.reporting.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The scheduler of the branch-directory relay, the live stream's heartbeat, and alert handling's escalation timer and
 * relay (the clock is platform-web's).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfig {}

package io.servicequality.reporting.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The scheduler of the branch-directory relay and the live stream's heartbeat (the clock is platform-web's). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfig {}

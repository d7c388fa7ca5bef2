package io.servicequality.scoring.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The scheduler of the target and alert-rule publication (the clock is platform-web's). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfig {}

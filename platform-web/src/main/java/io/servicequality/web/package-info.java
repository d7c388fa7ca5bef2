/**
 * The platform-web starter: what every service's HTTP side needs the same way (problem details, the clock, JSON read
 * limits, CSV answers), configured once by {@link io.servicequality.web.PlatformWebAutoConfiguration}.
 */
package io.servicequality.web;

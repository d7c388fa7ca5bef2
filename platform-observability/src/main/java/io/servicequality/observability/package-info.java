/**
 * The platform-observability starter: the same meters, traces, logs and health in every service (see the module's
 * README).
 */
package io.servicequality.observability;

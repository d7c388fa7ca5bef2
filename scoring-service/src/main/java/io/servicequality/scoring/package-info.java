/**
 * scoring-service: turns feedback and complaint events into exact, additive statistics per branch and time bucket,
 * and publishes them as absolute {@code MetricUpdated} events. Feature packages sit below this one; {@code config}
 * wires them, {@code problem} renders HTTP errors.
 */
package io.servicequality.scoring;

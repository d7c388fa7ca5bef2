/** Trends: the main metrics of a scope per hour or per local day, each point with its own {@code n}. */
package io.servicequality.reporting.trend;

/**
 * The operations dashboard: static assets bundled from {@code src/main/dashboard} (Chart.js included, nothing loaded
 * from the internet) and served under {@code /dashboard/}; the page reads the views and follows the live stream.
 */
package io.servicequality.reporting.dashboard;

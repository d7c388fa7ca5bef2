/**
 * Where the operations dashboard went: the staff console shows it (behind OpenID Connect sign-in); the old addresses
 * here redirect there ({@code sqp.reporting.console-url}).
 */
package io.servicequality.reporting.dashboard;

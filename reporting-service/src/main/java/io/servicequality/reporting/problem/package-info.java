/**
 * Turns every failed request into an RFC 9457 {@code application/problem+json} answer with a stable {@code type}
 * URI; validation problems name the offending parameters in an {@code errors} extension.
 */
package io.servicequality.reporting.problem;

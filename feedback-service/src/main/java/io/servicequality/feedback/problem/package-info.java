/**
 * HTTP errors as {@code application/problem+json} (RFC 9457) with stable {@code type} URIs. Features throw the
 * exceptions defined here; this package knows no feature.
 */
package io.servicequality.feedback.problem;

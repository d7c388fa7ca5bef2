/**
 * HTTP errors as {@code application/problem+json} (RFC 9457) with stable {@code type} URIs; the one place that turns
 * exceptions into answers.
 */
package io.servicequality.complaint.problem;

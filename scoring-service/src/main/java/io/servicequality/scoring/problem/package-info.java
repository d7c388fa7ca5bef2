/**
 * HTTP errors as {@code application/problem+json} (RFC 9457) with stable {@code type} URIs under
 * {@code https://servicequality.io/problems/}. Validation problems list the offending fields in {@code errors}.
 */
package io.servicequality.scoring.problem;

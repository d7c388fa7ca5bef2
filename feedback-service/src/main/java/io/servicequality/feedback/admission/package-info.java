/**
 * What a request must pass before any work is done for it: the body-size limit (413) and the tenant's rate limit
 * (429 with {@code Retry-After}). Servlet filters, so the limits hold for every endpoint alike.
 */
package io.servicequality.feedback.admission;

/**
 * The service's MongoDB database behind a circuit breaker: while the store fails, calls are refused at once and
 * answered {@code 503} with {@code Retry-After} instead of piling up behind the driver's timeouts.
 */
package io.servicequality.feedback.store;

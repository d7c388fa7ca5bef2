/**
 * {@code Idempotency-Key} on every POST (SPEC §7), scoped per tenant: the same key and body get the stored answer
 * again, the same key with another body 422, a duplicate while the first is still in flight 409. One MongoDB
 * document per (tenant, key) holds a hash of the request and, once answered, the answer.
 */
package io.servicequality.feedback.idempotency;

/**
 * The deployment's tenant. There is no authentication yet, so the tenant is configured ({@code sqp.tenant-id}),
 * never read from a request; every stored document and every event carries it.
 */
package io.servicequality.feedback.tenant;

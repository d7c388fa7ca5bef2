/**
 * The deployment's tenant. There is no authentication yet, so the tenant is configuration ({@code sqp.tenant-id}),
 * never read from a request. Every feature may depend on this package; it depends on none.
 */
package io.servicequality.scoring.tenant;

/**
 * The tenant this deployment serves. Until authentication arrives it is configured ({@code sqp.tenant-id}), never
 * read from a request; every query of the read models filters by it.
 */
package io.servicequality.reporting.tenant;

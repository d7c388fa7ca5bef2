/**
 * The tenant this deployment serves. There is no authentication yet, so the tenant comes from configuration, never
 * from a request; every document, query and event is scoped to it.
 */
package io.servicequality.complaint.tenant;

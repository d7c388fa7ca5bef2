/**
 * SLA policies: first-response and resolution targets per tenant and severity, in business minutes, with the
 * deployment's defaults (SPEC §5) where a tenant set none; their CRUD API.
 */
package io.servicequality.complaint.sla;

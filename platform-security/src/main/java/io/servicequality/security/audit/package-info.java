/** The audit trail of configuration changes (who, what, when, before/after) and its read endpoint {@code GET /api/v1/audit}. */
package io.servicequality.security.audit;

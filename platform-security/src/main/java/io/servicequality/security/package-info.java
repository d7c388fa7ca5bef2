/** Shared security of the platform's services: the {@link io.servicequality.security.Caller} behind every request (staff JWT or app API key), tenant and branch scoping for the data access, endpoint rules, API key registry, tenant gate for consumers, and the auto-configuration that wires them. */
package io.servicequality.security;

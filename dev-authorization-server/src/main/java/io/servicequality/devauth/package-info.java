/**
 * The development authorization server: an OpenID Connect provider for local runs only, with seeded demo users for
 * every role and branch scope of platform-security, issuing the staff JWTs the services read. Never deploy it.
 */
package io.servicequality.devauth;

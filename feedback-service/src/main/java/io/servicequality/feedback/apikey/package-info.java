/**
 * API keys of external apps: issued (shown once), listed (never with secrets) and revoked by a tenant's admins. Each key
 * document is stored with its hash only and carries its own outbox: the {@code ApiKeyChanged} still to be published on
 * the compacted {@code sqp.api-keys.v1}, from which every service that accepts keys fills its registry.
 */
package io.servicequality.feedback.apikey;

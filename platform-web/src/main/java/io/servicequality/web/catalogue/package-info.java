/**
 * The event catalogue beside OpenAPI: every service answers {@code GET /v3/asyncapi} with the AsyncAPI document that
 * {@code contracts} generates and carries, so that integrators can read what flows on each topic.
 */
package io.servicequality.web.catalogue;

/**
 * What operating a service needs the same way in every service: its dead letters (the {@code <topic>.dlt} of each topic
 * it consumes) listed, inspected, replayed after a fix and purged through {@code /api/v1/dead-letters}, by the ADMINs
 * allowed to, with an audit entry for every replay and purge, and counted in the metrics
 * ({@code sqp.dead-letters}, {@code sqp.dead-letters.pending}).
 */
package io.servicequality.operations;

/**
 * complaint-service: owns complaints (numbering, due times, lifecycle) and publishes their {@code ComplaintChanged}
 * events through an outbox kept on each complaint document.
 */
package io.servicequality.complaint;

/**
 * {@code ./platform status}: which processes of the local stack run and answer, the consumer groups' lag and the
 * dead-letter topics' record counts.
 */
package io.servicequality.localplatform.status;

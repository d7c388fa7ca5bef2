/**
 * {@code ./platform up} and {@code ./platform down}: starting the stack in order, starting a crashed process again
 * with back-off, and stopping everything in the order that loses nothing.
 */
package io.servicequality.localplatform.supervision;

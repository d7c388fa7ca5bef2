/** {@code ./platform logs}: the log file of a process of the local stack, whole, its end, or followed. */
package io.servicequality.localplatform.logs;

/** {@code ./platform reset}: deletes what the local stack keeps in its data directory, so that it starts from nothing. */
package io.servicequality.localplatform.reset;

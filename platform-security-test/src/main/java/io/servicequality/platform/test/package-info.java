/** Architecture rules every service applies in its ArchitectureTest: what the platform starters own stays theirs. */
package io.servicequality.platform.test;

/**
 * The local platform's launcher behind {@code ./platform}: plain Java, no framework, one package per command
 * ({@code supervision} for up and down, {@code status}, {@code logs}, {@code reset}) around {@code stack}, what the
 * local stack is. The end-to-end test of the whole platform lives next to it, in the tests.
 */
package io.servicequality.localplatform;

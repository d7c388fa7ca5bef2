/**
 * The embedded MongoDB wire-compatible store: mongo-java-server (whose collections apply each write atomically, as
 * MongoDB does) behind a {@link io.servicequality.embeddedstore.HelloAnsweringBackend}, on an H2 file for the local run ({@link
 * io.servicequality.embeddedstore.EmbeddedStore#main}) or in memory for integration tests ({@link
 * io.servicequality.embeddedstore.EmbeddedStore#inMemory()}).
 */
package io.servicequality.embeddedstore;

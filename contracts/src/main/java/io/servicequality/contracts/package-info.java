/**
 * The wire contract between the services: immutable event records (named in the past tense), topic names and
 * record keys. Plain Java without Spring; evolution is additive and consumers ignore unknown fields. Logical type
 * names travel on the wire, never Java class names.
 */
package io.servicequality.contracts;

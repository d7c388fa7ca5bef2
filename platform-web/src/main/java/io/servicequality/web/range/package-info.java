/** Validated time ranges of queries: {@code to} after {@code from}, optionally at most some days later. */
package io.servicequality.web.range;

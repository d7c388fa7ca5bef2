/**
 * What a view is about: one branch, one region (its branches in the directory, summed) or the whole tenant, and the
 * time zone its local days are counted in.
 */
package io.servicequality.reporting.scope;

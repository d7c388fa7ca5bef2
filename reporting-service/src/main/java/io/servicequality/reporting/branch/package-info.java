/**
 * The branch directory (SPEC §1, §4): each tenant's branches with their codes, regions and time zones, kept in this
 * service's database, changed through a CRUD API and published as {@code BranchChanged} on the compacted
 * {@code sqp.branch-directory.v1} topic (the latest record per branch is its current entry). The views resolve
 * regions and local days through {@link io.servicequality.reporting.branch.BranchDirectory}.
 */
package io.servicequality.reporting.branch;

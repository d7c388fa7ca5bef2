package io.servicequality.reporting.branch;

/** What a client may set on a branch; validated before it gets here. */
record BranchDetails(String code, String name, String regionId, String timeZone) {}

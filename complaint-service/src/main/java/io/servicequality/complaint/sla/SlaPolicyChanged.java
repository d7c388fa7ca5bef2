package io.servicequality.complaint.sla;

import io.servicequality.contracts.ComplaintChanged.Severity;

/** The tenant's targets for a severity changed; due times of complaints of that severity must be recomputed. */
public record SlaPolicyChanged(String tenantId, Severity severity) {}

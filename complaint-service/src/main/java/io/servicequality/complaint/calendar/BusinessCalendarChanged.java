package io.servicequality.complaint.calendar;

/** A branch's business calendar was set, replaced or removed; due times counted on it must be recomputed. */
public record BusinessCalendarChanged(String tenantId, String branchId) {}

/**
 * The live stream (SPEC §7): server-sent events of metric updates and alerts as they are stored, filterable by branch
 * or region, with heartbeats and resumption from {@code Last-Event-ID}.
 */
package io.servicequality.reporting.live;

/**
 * The complaint and SLA report: lifecycle counts and SLA compliance in a range, broken down by category, severity and
 * department, and the open and overdue complaints now.
 */
package io.servicequality.reporting.complaintreport;

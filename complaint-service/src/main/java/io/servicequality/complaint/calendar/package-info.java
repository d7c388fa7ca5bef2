/**
 * Business calendars per branch (time zone, weekly hours with split shifts, holidays), their CRUD API, and the
 * business-time arithmetic that SLA due times are counted with.
 */
package io.servicequality.complaint.calendar;

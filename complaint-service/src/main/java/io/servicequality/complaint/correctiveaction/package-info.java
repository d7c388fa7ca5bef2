/**
 * Corrective actions (plan-do-check-act): attached to a complaint or standing alone for a branch and metric, with
 * owner, due date, status and an effectiveness check; their API.
 */
package io.servicequality.complaint.correctiveaction;

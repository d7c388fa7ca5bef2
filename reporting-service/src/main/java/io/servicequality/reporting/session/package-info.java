/**
 * The dashboard's login (issue 8: the dashboard requires a login). An operator pastes a staff token into
 * {@code /dashboard/login.html}; {@code POST /api/v1/session} verifies it with the service's JWT decoder and keeps it in
 * an HttpOnly, SameSite=Strict cookie; {@link io.servicequality.reporting.session.SessionCookieTokenResolver} accepts
 * that cookie only for safe (GET/HEAD) requests under {@code /api/v1/} and {@code /dashboard/}, so a cookie can never
 * authorize a write (no CSRF); {@link io.servicequality.reporting.session.DashboardLoginRedirect} sends a browser
 * without a valid credential from the dashboard pages to the login page.
 */
package io.servicequality.reporting.session;

// Who is signed in (the console backend's /console/session: the ID token's staff claims, never a token) and what the
// console offers them. The services decide what a caller may do (docs/security.md); this only leaves out what they
// would refuse, so a role is not shown buttons that cannot work.
import { getJson } from './api.js';

let user = null;

export async function loadSession() {
  user = await getJson('/console/session');
  return user;
}

export function currentUser() {
  return user;
}

const hasRole = (...roles) => user !== null && user.roles.some((role) => roles.includes(role));

/** What each role may do, as the services' rule tables say. */
export const can = {
  workComplaints: () => hasRole('ADMIN', 'QUALITY_MANAGER', 'BRANCH_MANAGER', 'AGENT'),
  openComplaints: () => hasRole('ADMIN', 'QUALITY_MANAGER', 'BRANCH_MANAGER', 'AGENT'),
  workCorrectiveActions: () => hasRole('ADMIN', 'QUALITY_MANAGER', 'BRANCH_MANAGER'),
  handleAlerts: () => hasRole('ADMIN', 'QUALITY_MANAGER', 'BRANCH_MANAGER'), // acknowledge, assign, link, resolve
  configureQuality: () => hasRole('ADMIN', 'QUALITY_MANAGER'), // targets, alert rules, SLA policies, calendars
  manageBranches: () => hasRole('ADMIN'),
  manageApiKeys: () => hasRole('ADMIN'),
  manageWebhooks: () => hasRole('ADMIN'), // subscriptions, delivery log and re-send (complaint-service: admins only)
  administer: () => hasRole('ADMIN', 'QUALITY_MANAGER'),
  generateReports: () => hasRole('ADMIN', 'QUALITY_MANAGER', 'BRANCH_MANAGER'), // periodic reports (reporting-service)
  readOnly: () => user !== null && user.roles.every((role) => role === 'VIEWER'),
};

/** Whether the user is narrowed to some branches or regions (otherwise the whole tenant). */
export function scoped() {
  return user !== null && (user.branches.length > 0 || user.regions.length > 0);
}

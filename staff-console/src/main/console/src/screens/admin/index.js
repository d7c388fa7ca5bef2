// Administration: one route per section (#/admin/<section>), each offered only to the roles its service allows
// (session.js `can`, after the services' access rules); #/admin opens the first section the user may use.
import { can } from '../../session.js';
import * as alertRules from './alert-rules.js';
import * as apiKeys from './api-keys.js';
import * as branches from './branches.js';
import * as calendars from './calendars.js';
import * as sla from './sla.js';
import * as targets from './targets.js';
import * as webhooks from './webhooks.js';

/** The sections in the order the sub-navigation shows them. */
const sections = [branches, targets, alertRules, sla, calendars, apiKeys, webhooks].map((module) => module.section);

export const routes = [
  {
    path: '/admin',
    nav: 'admin.nav',
    title: 'admin.nav',
    allowed: () => can.administer() && sections.some((section) => section.allowed()),
    render() {
      const first = sections.find((section) => section.allowed());
      location.replace(`#${first.path}`);
    },
  },
  ...sections.map((section) => ({
    path: section.path,
    title: section.title,
    section: 'admin.nav',
    allowed: () => can.administer() && section.allowed(),
    render: (view, params, query) => section.render(view, sections, query),
  })),
];

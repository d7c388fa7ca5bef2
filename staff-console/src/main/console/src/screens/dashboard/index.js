// The operations dashboard (the console's start page) and the branch view it drills down to.
import { renderBranch } from './branch.js';
import { renderDashboard } from './overview.js';
import './texts.js';

export const routes = [
  { path: '/', nav: 'dash.nav', title: 'dash.title', render: renderDashboard },
  { path: '/branches/:branchId', title: 'branch.title', section: 'dash.nav', render: renderBranch },
];

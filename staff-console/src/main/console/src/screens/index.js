// Every screen of the console: each module exports routes [{ path, render(view, params, query), nav?, title?,
// allowed?() }]; the frame (main.js) shows the first route matching the hash that the user's role is allowed, and
// the navigation lists the routes with a nav label in this order.
import * as actions from './actions/board.js';
import * as admin from './admin/index.js';
import * as alerts from './alerts/index.js';
import * as complaints from './complaints/index.js';
import * as dashboard from './dashboard/index.js';
import * as people from './people/index.js';
import * as reports from './reports/index.js';
import * as risk from './risk/index.js';

export const screens = [dashboard, alerts, complaints, actions, people, risk, reports, admin];

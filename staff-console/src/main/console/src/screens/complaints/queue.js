// The complaint queue (#/complaints?…): the list API's filters (status, severity, category, branch, department,
// overdue) and its paging, search by complaint number, "assigned to me" and "my queue", live SLA clocks, CSV export.
// The filters live in the hash, so a filtered queue can be shared and survives a reload. Every view is one filtered
// call to complaint-service (assignee, unassigned, open, number), and the export takes the same filters.
import { api, getJson, query } from '../../api.js';
import { formatDateTime, formatNumber, t } from '../../i18n.js';
import { can, currentUser } from '../../session.js';
import { download, field, h, notify, problemBox, problemText, select, table } from '../../ui.js';
import { branchesInScope } from './branches.js';
import { queueClocks, ticking } from './sla.js';
import { CATEGORIES, SEVERITIES, STATUSES, enumText } from './texts.js';

const PAGE_SIZE = 50;
const FILTERS = ['status', 'severity', 'category', 'branchId', 'department', 'overdue'];
// {branch}-{yyyyMM}-{serial}, as complaint-service's `number` parameter accepts it
const NUMBER = /^[A-Za-z0-9._-]{1,64}-\d{6}-[1-9]\d{0,9}$/;

/** The queue's state from the hash's query; an agent starts on their own queue. */
function stateOf(params) {
  const state = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? '']));
  const defaultView = currentUser().roles.includes('AGENT') ? 'queue' : 'all';
  state.view = can.workComplaints() ? params.get('view') ?? defaultView : 'all';
  state.page = Math.max(0, Number.parseInt(params.get('page') ?? '0', 10) || 0);
  state.number = params.get('number') ?? '';
  return state;
}

function go(state) {
  const { page, ...rest } = state;
  location.hash = `#/complaints${query({ ...rest, page: page || '' })}`;
}

export const routes = [
  {
    path: '/complaints',
    nav: 'complaints.nav',
    title: 'complaints.title',
    allowed: () => currentUser() !== null,
    async render(view, params, search) {
      const state = stateOf(search);
      const branches = await branchesInScope();
      const results = h('div', { class: 'queue-results' }, h('p', { class: 'muted' }, t('common.loading')));
      view.append(
        h(
          'section',
          { class: 'panel' },
          h(
            'div',
            { class: 'panel-head' },
            h('h1', {}, t('complaints.title')),
            h(
              'div',
              { class: 'buttons' },
              h('button', { type: 'button', class: 'secondary', id: 'complaints-export', onclick: () => exportCsv(state) }, t('complaints.export')),
              can.openComplaints() ? h('a', { class: 'button', href: '#/complaints/new', id: 'complaints-open' }, t('complaints.open')) : null,
            ),
          ),
          filters(state, branches),
          results,
        ),
      );
      try {
        results.replaceChildren(...(await (state.number ? byNumber(state) : paged(state))));
      } catch (error) {
        results.replaceChildren(problemBox(error));
      }
      return ticking(view);
    },
  },
];

function filters(state, branches) {
  const all = [['', t('common.all')]];
  const choose = (name, options) => {
    const el = select(name, [...all, ...options], state[name]);
    el.onchange = () => go({ ...state, [name]: el.value, page: 0, number: '' });
    return el;
  };
  const views = [
    ['queue', t('complaints.view.queue')],
    ['mine', t('complaints.view.mine')],
    ['all', t('complaints.view.all')],
  ];
  const viewSelect = select('view', views, state.view);
  viewSelect.onchange = () => go({ ...state, view: viewSelect.value, page: 0, number: '' });
  const department = h('input', { name: 'department', value: state.department, maxlength: 64, size: 12 });
  department.onchange = () => go({ ...state, department: department.value.trim(), page: 0, number: '' });
  const number = h('input', { name: 'number', value: state.number, placeholder: t('complaints.filter.numberHint'), size: 18, maxlength: 82 });
  const find = h(
    'form',
    {
      class: 'inline-form',
      onsubmit: (event) => {
        event.preventDefault();
        go({ ...state, number: number.value.trim(), page: 0 });
      },
    },
    field(t('complaints.filter.number'), number),
    h('button', { type: 'submit', class: 'secondary' }, t('complaints.search')),
    state.number ? h('button', { type: 'button', class: 'secondary', onclick: () => go({ ...state, number: '' }) }, t('complaints.clear')) : null,
  );
  return h(
    'div',
    { class: 'toolbar' },
    can.workComplaints() ? field(t('complaints.filter.view'), viewSelect) : null,
    field(t('complaints.filter.status'), choose('status', STATUSES.map((s) => [s, enumText('complaint.status', s)]))),
    field(t('complaints.filter.severity'), choose('severity', SEVERITIES.map((s) => [s, enumText('complaint.severity', s)]))),
    field(t('complaints.filter.category'), choose('category', CATEGORIES.map((s) => [s, enumText('complaint.category', s)]))),
    field(t('complaints.filter.branch'), choose('branchId', branches.map((b) => [b, b]))),
    field(t('complaints.filter.department'), department),
    field(t('complaints.filter.overdue'), choose('overdue', [['true', t('complaints.overdue.true')], ['false', t('complaints.overdue.false')]])),
    find,
  );
}

/**
 * The list API's parameters for the queue's state. A number search asks for that complaint alone, whatever the other
 * filters; "assigned to me" is the user's complaints (the assignee is the user name the assigning staff gave: the
 * user's own), "my queue" theirs and the unassigned ones, not yet resolved unless a status is chosen.
 */
function apiFilters(state) {
  if (state.number) return { number: state.number };
  const filters = Object.fromEntries(FILTERS.map((name) => [name, state[name]]));
  const me = currentUser().username;
  if (state.view === 'mine') return { ...filters, assignee: me };
  if (state.view === 'queue') return { ...filters, assignee: me, unassigned: true, open: state.status ? '' : true };
  return filters;
}

/** One page of the API for the queue's view and filters, with its counts and previous/next. */
async function paged(state) {
  const listing = await getJson(`/api/v1/complaints${query({ ...apiFilters(state), page: state.page, size: PAGE_SIZE })}`);
  const from = listing.total ? listing.page * listing.size + 1 : 0;
  const to = listing.page * listing.size + listing.items.length;
  return [
    h('p', { class: 'muted', id: 'complaints-counts' }, t('complaints.counts', { total: formatNumber(listing.total), overdue: formatNumber(listing.counts.overdue) })),
    complaintTable(listing.items),
    h(
      'div',
      { class: 'pager' },
      h('span', { class: 'muted' }, t('complaints.range', { from: formatNumber(from), to: formatNumber(to), total: formatNumber(listing.total) })),
      h('button', { type: 'button', class: 'secondary', disabled: state.page === 0, onclick: () => go({ ...state, page: state.page - 1 }) }, t('complaints.previous')),
      h('button', { type: 'button', class: 'secondary', disabled: to >= listing.total, onclick: () => go({ ...state, page: state.page + 1 }) }, t('complaints.next')),
    ),
  ];
}

/** Search by number ({branch}-{yyyyMM}-{serial}, exact): the complaint, if it is in the user's branches. */
async function byNumber(state) {
  if (!NUMBER.test(state.number)) return [h('p', { class: 'problem', role: 'alert' }, t('complaints.numberFormat'))];
  const listing = await getJson(`/api/v1/complaints${query({ ...apiFilters(state), size: 1 })}`);
  if (listing.items.length) return [complaintTable(listing.items)];
  return [h('p', { class: 'muted', id: 'complaints-not-found' }, t('complaints.numberNotFound', { number: state.number }))];
}

export function complaintTable(rows) {
  const me = currentUser().username;
  return table(
    [
      { label: t('complaints.col.number'), value: (c) => h('a', { href: `#/complaints/${encodeURIComponent(c.complaintId)}`, class: 'nowrap' }, c.number) },
      { label: t('complaints.col.subject'), value: (c) => c.subject, class: 'subject' },
      { label: t('complaints.col.branch'), value: (c) => c.branchId, class: 'nowrap' },
      { label: t('complaints.col.severity'), value: (c) => h('span', { class: `chip severity-${c.severity}` }, enumText('complaint.severity', c.severity)) },
      { label: t('complaints.col.status'), value: (c) => h('span', { class: `chip status-${c.status}` }, enumText('complaint.status', c.status)) },
      {
        label: t('complaints.col.assignee'),
        value: (c) => (c.assignee ? h('span', { class: c.assignee === me ? 'me' : '' }, c.assignee) : h('span', { class: 'muted' }, t('complaints.unassigned'))),
      },
      { label: t('complaints.col.opened'), value: (c) => formatDateTime(c.openedAt, c.branchId), class: 'nowrap' },
      { label: t('complaints.col.warning'), value: (c) => queueClocks(c)[0] },
      { label: t('complaints.col.breach'), value: (c) => queueClocks(c)[1] },
    ],
    rows,
  );
}

/** The service's CSV of the view's filters (every matching complaint), saved with a UTF-8 byte-order mark. */
async function exportCsv(state) {
  try {
    const { data } = await api(`/api/v1/complaints/export.csv${query(apiFilters(state))}`, { accept: 'text/csv, application/problem+json' });
    download('complaints.csv', data);
    notify(t('complaints.exported'));
  } catch (error) {
    notify(problemText(error), 'error');
  }
}

// One complaint (#/complaints/:id): its fields, both SLA clocks live, its full history, and the lifecycle actions its
// state and the user's role allow. Every action sends the ETag the page read (If-Match): when someone else changed
// the complaint first, the service answers 412 and the page says so and shows the complaint as it is now.
import { api, getJson } from '../../api.js';
import { formatDateTime, t } from '../../i18n.js';
import { can, currentUser } from '../../session.js';
import { dialog, field, h, notify, problemBox, problemText, select, table } from '../../ui.js';
import { clock, metText, ticking } from './sla.js';
import { ACTIVE, SEVERITIES, enumText } from './texts.js';

const IN_PROGRESS = ['ACKNOWLEDGED', 'ASSIGNED', 'REOPENED'];
const TOP_ESCALATION = 4; // QUALITY_DIRECTOR

// ---- the form fields the actions ask for, with ActionRequests' constraints
const text = (name, label, max, required) => ({ name, label, max, required, control: () => h('textarea', { name, maxlength: max, rows: 3 }) });
const line = (name, label, max, required, value) => ({ name, label, max, required, control: () => h('input', { name, maxlength: max, value: value ?? '' }) });
const severity = (label) => ({
  name: 'severity',
  label,
  control: () => select('severity', [['', t('action.field.keep')], ...SEVERITIES.map((s) => [s, enumText('complaint.severity', s)])], ''),
});
const note = text('note', 'action.field.note', 1000, false);

/**
 * The lifecycle actions (ComplaintController, Complaint's guards): when each is possible and what it asks for. The
 * role check is can.workComplaints() (AccessRules: ADMIN, QUALITY_MANAGER, BRANCH_MANAGER, AGENT).
 */
const ACTIONS = [
  { name: 'acknowledge', when: (c) => c.status === 'OPEN', fields: () => [severity('action.field.severityCorrection'), note] },
  { name: 'assign', when: (c) => IN_PROGRESS.includes(c.status), fields: () => [line('assignee', 'action.field.assignee', 128, true, currentUser().username), line('department', 'action.field.department', 64, false)] },
  { name: 'hold', when: (c) => IN_PROGRESS.includes(c.status), fields: () => [text('reason', 'action.field.holdReason', 1000, true)] },
  { name: 'resume', when: (c) => c.status === 'ON_HOLD', fields: () => [note] },
  { name: 'escalate', when: (c) => ACTIVE.includes(c.status) && c.escalationLevel < TOP_ESCALATION, fields: () => [text('reason', 'action.field.reason', 1000, true), severity('action.field.severityRaise')] },
  { name: 'resolve', when: (c) => IN_PROGRESS.includes(c.status), fields: () => [text('rootCause', 'action.field.rootCause', 2000, true), text('correctiveAction', 'action.field.correctiveAction', 2000, true)] },
  {
    name: 'follow-up',
    when: (c) => c.status === 'RESOLVED',
    fields: () => [
      {
        name: 'satisfaction',
        label: 'action.field.satisfaction',
        required: true,
        hint: 'action.field.satisfactionHint',
        control: () => select('satisfaction', [['', t('complaint.choose')], ...[5, 4, 3, 2, 1].map((v) => [String(v), t('complaint.satisfaction.value', { value: v })])], ''),
      },
      note,
    ],
  },
  { name: 'close', when: (c) => c.status === 'RESOLVED', fields: () => [note] },
  { name: 'reopen', when: (c) => c.status === 'RESOLVED' || c.status === 'CLOSED', fields: () => [text('reason', 'action.field.reason', 1000, true)] },
];

export const routes = [
  {
    path: '/complaints/:id',
    title: 'detail.title',
    section: 'complaints.nav',
    allowed: () => currentUser() !== null,
    async render(view, { id }) {
      // "new" for a role that may not open complaints: that page, not a complaint of that id, is what is missing
      if (id === 'new') {
        view.append(h('section', { class: 'panel' }, h('p', {}, t('app.notFound')), h('a', { href: '#/complaints' }, t('detail.back'))));
        return undefined;
      }
      const page = new ComplaintPage(view, id);
      await page.load();
      return ticking(view);
    },
  },
];

class ComplaintPage {
  constructor(view, id) {
    this.view = view;
    this.id = id;
    this.path = `/api/v1/complaints/${encodeURIComponent(id)}`;
  }

  /** Reads the complaint (with its ETag) and its history and shows them; banner: a problem to show on top. */
  async load(banner) {
    let complaint;
    let history;
    try {
      const answer = await api(this.path);
      complaint = answer.data;
      this.etag = answer.etag;
      this.complaint = complaint;
      history = await getJson(`${this.path}/history`);
    } catch (error) {
      this.view.replaceChildren(
        h(
          'section',
          { class: 'panel' },
          error.status === 404 ? h('div', { class: 'problem', role: 'alert', id: 'complaint-not-found' }, t('detail.notFound')) : problemBox(error),
          h('p', {}, h('a', { href: '#/complaints' }, t('detail.back'))),
        ),
      );
      return;
    }
    this.view.replaceChildren(
      banner ? h('div', { class: 'problem', role: 'alert', id: 'complaint-banner' }, problemText(banner)) : '',
      this.summary(complaint),
      this.actionsPanel(complaint),
      this.slaPanel(complaint),
      this.historyPanel(complaint, history),
    );
  }

  summary(c) {
    const at = (instant) => formatDateTime(instant, c.branchId);
    const rows = [
      ['number', c.number],
      ['status', h('span', { class: `chip status-${c.status}`, id: 'complaint-status' }, enumText('complaint.status', c.status))],
      ['branchId', c.branchId],
      ['severity', h('span', { class: `chip severity-${c.severity}` }, enumText('complaint.severity', c.severity))],
      ['category', enumText('complaint.category', c.category)],
      ['subcategory', c.subcategory ?? '—'],
      ['department', c.department ?? '—'],
      ['assignee', c.assignee ?? h('span', { class: 'muted' }, t('complaints.unassigned'))],
      ['escalation', enumText('complaint.escalation', c.escalatedTo)],
      ['openedAt', at(c.openedAt)],
      ['acknowledgedAt', at(c.acknowledgedAt)],
      ['resolvedAt', at(c.resolvedAt)],
      ['closedAt', at(c.closedAt)],
      ['autoCloseAt', at(c.autoCloseAt)],
      ['rootCause', c.rootCause ?? '—'],
      ['correctiveAction', c.correctiveAction ?? '—'],
      ['satisfaction', c.satisfaction ? t('complaint.satisfaction.value', { value: c.satisfaction }) : '—'],
      ['revision', c.revision],
    ];
    return h(
      'section',
      { class: 'panel' },
      h('p', {}, h('a', { href: '#/complaints' }, `← ${t('detail.back')}`)),
      h('h1', { id: 'complaint-title' }, `${c.number} · ${c.subject}`),
      h('dl', { class: 'facts' }, rows.flatMap(([name, value]) => [h('dt', {}, t(`complaint.field.${name}`)), h('dd', { id: `complaint-${name}` }, value)])),
    );
  }

  slaPanel(c) {
    const paused = c.status === 'ON_HOLD';
    const state = (sla) => {
      if (sla.metAt) return metText(sla, c.branchId);
      if (sla.breached) return t('detail.sla.breached');
      if (paused) return t('detail.sla.paused');
      if (sla.warned) return t('detail.sla.warned');
      return t('detail.sla.running');
    };
    const counting = (sla, kind) => (sla.metAt ? '—' : clock(sla, kind, paused));
    const rows = [
      ['FIRST_RESPONSE', c.firstResponse],
      ['RESOLUTION', c.resolution],
    ];
    return h(
      'section',
      { class: 'panel', id: 'complaint-sla' },
      h('h2', {}, t('detail.sla')),
      table(
        [
          { label: t('detail.col.target'), value: ([target]) => t(`sla.${target}`) },
          { label: t('detail.col.allowed'), value: ([, sla]) => t('detail.minutes', { minutes: sla.targetMinutes }) },
          { label: t('detail.col.warningAt'), value: ([, sla]) => formatDateTime(sla.warningAt, c.branchId) },
          { label: t('detail.col.dueAt'), value: ([, sla]) => formatDateTime(sla.dueAt, c.branchId) },
          { label: t('detail.col.toWarning'), value: ([, sla]) => counting(sla, 'warning') },
          { label: t('detail.col.toBreach'), value: ([, sla]) => counting(sla, 'breach') },
          { label: t('detail.col.state'), value: ([, sla]) => state(sla) },
        ],
        rows,
      ),
    );
  }

  actionsPanel(c) {
    const panel = h('section', { class: 'panel', id: 'complaint-actions' }, h('h2', {}, t('detail.actions')));
    if (!can.workComplaints()) {
      panel.append(h('p', { class: 'muted' }, t('detail.readOnly')));
      return panel;
    }
    const me = currentUser().username;
    const offered = ACTIONS.filter((action) => action.when(c));
    const buttons = offered.map((action) =>
      h('button', { type: 'button', class: 'secondary', dataset: { action: action.name }, onclick: () => this.ask(action) }, t(`action.${action.name}`)),
    );
    // the common case of assigning: taking it oneself, without a form
    if (IN_PROGRESS.includes(c.status) && c.assignee !== me) {
      buttons.unshift(h('button', { type: 'button', dataset: { action: 'assign-to-me' }, onclick: () => this.direct('assign', { assignee: me }) }, t('action.assignToMe')));
    }
    panel.append(buttons.length ? h('div', { class: 'action-buttons' }, buttons) : h('p', { class: 'muted' }, t('detail.noActions')));
    return panel;
  }

  historyPanel(c, history) {
    return h(
      'section',
      { class: 'panel', id: 'complaint-history' },
      h('h2', {}, t('detail.history')),
      table(
        [
          { label: t('detail.col.when'), value: (e) => formatDateTime(e.at, c.branchId), class: 'nowrap' },
          { label: t('detail.col.what'), value: (e) => enumText('complaint.event', e.what) },
          { label: t('detail.col.who'), value: (e) => e.actor ?? '—' },
          { label: t('detail.col.note'), value: (e) => e.note ?? '' },
        ],
        history,
      ),
    );
  }

  /** The action's form in a dialog; checked as the API checks it, then sent. */
  ask(action) {
    const fields = action.fields();
    dialog(
      t(`action.${action.name}`),
      fields.map((f) => field(t(f.label) + (f.required ? ' *' : ''), f.control(), f.hint ? t(f.hint) : null)),
      t(`action.${action.name}`),
      async (data) => {
        const body = {};
        const problems = [];
        for (const f of fields) {
          const value = String(data.get(f.name) ?? '').trim();
          if (f.required && !value) problems.push(t('validation.required', { field: t(f.label) }));
          if (f.max && value.length > f.max) problems.push(t('validation.tooLong', { field: t(f.label), max: f.max }));
          if (value) body[f.name] = f.name === 'satisfaction' ? Number(value) : value;
        }
        if (problems.length) throw Object.assign(new Error('invalid'), { problem: { detail: problems.join(' ') } });
        await this.send(action.name, body, { fromDialog: true });
      },
    );
  }

  /** An action without a form; its problem shown as a notice. */
  async direct(name, body) {
    try {
      await this.send(name, body);
    } catch (error) {
      notify(problemText(error), 'error');
    }
  }

  /**
   * POSTs the action with the ETag read. 412: someone else changed it first (or an SLA timer fired) — the page
   * reloads underneath and says so; from a dialog whose action the new state still allows, the refusal is thrown so
   * the dialog stays open with what was typed, to be sent again against the version now shown. Other refusals are
   * thrown to be shown where the action was.
   */
  async send(name, body, { fromDialog = false } = {}) {
    try {
      await api(`${this.path}/${name}`, { method: 'POST', body, etag: this.etag });
    } catch (error) {
      if (error.status === 412) {
        await this.load(error);
        const action = ACTIONS.find((a) => a.name === name);
        if (fromDialog && this.complaint && action?.when(this.complaint)) throw error;
        notify(t('detail.reloaded'), 'error');
        return;
      }
      throw error;
    }
    notify(t('detail.done', { action: t(`action.${name}`) }));
    await this.load();
  }
}

// Alert handling (reporting-service /api/v1/alerts/handling and /api/v1/alerts/{alertId}/…): every alert episode is
// open until someone acknowledges it (assigning or linking a corrective action acknowledges it too) and resolved with
// a note on what was done; left unacknowledged it escalates a rung at a time (branch manager → quality manager →
// quality director). The list filters live in the hash (#/alerts?status=OPEN&mine=1); an alert's page shows its
// history and the actions its state and the user's role allow, sending the ETag it read (If-Match): when someone else
// handled it first the page says so and shows the new state.
import { api, getJson, query as queryString } from '../../api.js';
import { formatDateTime, messages, t } from '../../i18n.js';
import { can, currentUser } from '../../session.js';
import { dialog, field, h, notify, problemText, select, table } from '../../ui.js';
import { metricName } from '../dashboard/common.js';

messages({
  en: {
    'alerts.nav': 'Alerts',
    'alerts.title': 'Alert handling',
    'alerts.hint': 'Acknowledge an alert before its escalation time; resolve it with what was done.',
    'alerts.filter.status': 'Status',
    'alerts.filter.anyStatus': 'any status',
    'alerts.filter.view': 'Show',
    'alerts.filter.all': 'all alerts',
    'alerts.filter.mine': 'assigned to me',
    'alerts.filter.unassigned': 'nobody assigned',
    'alerts.status.OPEN': 'open',
    'alerts.status.ACKNOWLEDGED': 'acknowledged',
    'alerts.status.RESOLVED': 'resolved',
    'alerts.raised': 'Raised',
    'alerts.scope': 'Branch / scope',
    'alerts.metric': 'Metric',
    'alerts.severity': 'Severity',
    'alerts.status': 'Status',
    'alerts.assignee': 'Assigned to',
    'alerts.escalation': 'Escalation',
    'alerts.active': 'still holds',
    'alerts.cleared': 'cleared {when}',
    'alerts.level.NONE': 'not escalated',
    'alerts.level.BRANCH_MANAGER': 'to the branch manager',
    'alerts.level.QUALITY_MANAGER': 'to the quality manager',
    'alerts.level.QUALITY_DIRECTOR': 'to the quality director',
    'alerts.next': 'next escalation {when}',
    'alerts.none': 'No alert matches.',
    'alerts.back': 'Alert handling',
    'alerts.detailTitle': 'Alert on {metric}',
    'alerts.toBranch': 'Branch view',
    'alerts.acknowledged': 'Acknowledged',
    'alerts.resolved': 'Resolved',
    'alerts.by': '{when}, {who}',
    'alerts.note': 'Resolution',
    'alerts.actions': 'Corrective actions',
    'alerts.noActions': 'None linked yet.',
    'alerts.history': 'History',
    'alerts.when': 'When',
    'alerts.what': 'What',
    'alerts.who': 'Who',
    'alerts.detail': 'Details',
    'alerts.what.RAISED': 'raised',
    'alerts.what.CLEARED': 'cleared (the metric is back within its limit)',
    'alerts.what.ACKNOWLEDGED': 'acknowledged',
    'alerts.what.ASSIGNED': 'assigned',
    'alerts.what.LINKED_TO_ACTION': 'linked to a corrective action',
    'alerts.what.ESCALATED': 'escalated',
    'alerts.what.RESOLVED': 'resolved',
    'alerts.detail.assignee': 'to {who}',
    'alerts.detail.level': 'level {level}',
    'alerts.acknowledge': 'Acknowledge',
    'alerts.assign': 'Assign',
    'alerts.assignMe': 'Assign to me',
    'alerts.link': 'Link a corrective action',
    'alerts.resolve': 'Resolve',
    'alerts.form.note': 'Note (optional)',
    'alerts.form.assignee': 'User name',
    'alerts.form.action': 'Corrective action',
    'alerts.form.actionHint': 'Plan one on the corrective-action board first if none fits.',
    'alerts.form.noAction': 'No corrective action of this branch can be linked.',
    'alerts.form.resolution': 'What was done',
    'alerts.invalid.required': '{field}: required.',
    'alerts.invalid.tooLong': '{field}: at most {max} characters.',
    'alerts.done.ACKNOWLEDGED': 'Alert acknowledged.',
    'alerts.done.ASSIGNED': 'Alert assigned.',
    'alerts.done.LINKED': 'Corrective action linked.',
    'alerts.done.RESOLVED': 'Alert resolved.',
  },
  'zh-CN': {
    'alerts.nav': '告警',
    'alerts.title': '告警处理',
    'alerts.hint': '请在升级时限前确认告警；处理完毕后填写处理说明并关闭。',
    'alerts.filter.status': '状态',
    'alerts.filter.anyStatus': '全部状态',
    'alerts.filter.view': '显示',
    'alerts.filter.all': '全部告警',
    'alerts.filter.mine': '分配给我的',
    'alerts.filter.unassigned': '未分配的',
    'alerts.status.OPEN': '待处理',
    'alerts.status.ACKNOWLEDGED': '已确认',
    'alerts.status.RESOLVED': '已解决',
    'alerts.raised': '触发时间',
    'alerts.scope': '网点 / 范围',
    'alerts.metric': '指标',
    'alerts.severity': '级别',
    'alerts.status': '状态',
    'alerts.assignee': '负责人',
    'alerts.escalation': '升级',
    'alerts.active': '仍在持续',
    'alerts.cleared': '已于 {when} 恢复',
    'alerts.level.NONE': '未升级',
    'alerts.level.BRANCH_MANAGER': '已升级至网点经理',
    'alerts.level.QUALITY_MANAGER': '已升级至质量经理',
    'alerts.level.QUALITY_DIRECTOR': '已升级至质量总监',
    'alerts.next': '下次升级 {when}',
    'alerts.none': '没有符合条件的告警。',
    'alerts.back': '告警处理',
    'alerts.detailTitle': '{metric}告警',
    'alerts.toBranch': '网点视图',
    'alerts.acknowledged': '确认',
    'alerts.resolved': '解决',
    'alerts.by': '{when}，{who}',
    'alerts.note': '处理说明',
    'alerts.actions': '整改措施',
    'alerts.noActions': '尚未关联。',
    'alerts.history': '处理记录',
    'alerts.when': '时间',
    'alerts.what': '事项',
    'alerts.who': '操作人',
    'alerts.detail': '详情',
    'alerts.what.RAISED': '触发',
    'alerts.what.CLEARED': '恢复（指标回到限值内）',
    'alerts.what.ACKNOWLEDGED': '确认',
    'alerts.what.ASSIGNED': '分配',
    'alerts.what.LINKED_TO_ACTION': '关联整改措施',
    'alerts.what.ESCALATED': '升级',
    'alerts.what.RESOLVED': '解决',
    'alerts.detail.assignee': '给 {who}',
    'alerts.detail.level': '第 {level} 级',
    'alerts.acknowledge': '确认',
    'alerts.assign': '分配',
    'alerts.assignMe': '分配给我',
    'alerts.link': '关联整改措施',
    'alerts.resolve': '解决',
    'alerts.form.note': '备注（选填）',
    'alerts.form.assignee': '用户名',
    'alerts.form.action': '整改措施',
    'alerts.form.actionHint': '如无合适的措施，请先在整改措施看板中制定。',
    'alerts.form.noAction': '该网点没有可关联的整改措施。',
    'alerts.form.resolution': '采取的措施',
    'alerts.invalid.required': '{field}：必填。',
    'alerts.invalid.tooLong': '{field}：最多 {max} 个字符。',
    'alerts.done.ACKNOWLEDGED': '告警已确认。',
    'alerts.done.ASSIGNED': '告警已分配。',
    'alerts.done.LINKED': '已关联整改措施。',
    'alerts.done.RESOLVED': '告警已解决。',
  },
});

const STATUSES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'];
const VIEWS = ['all', 'mine', 'unassigned'];

const statusChip = (status) =>
  h('span', { class: `chip ${status === 'RESOLVED' ? 'ok' : status === 'OPEN' ? 'bad' : 'warn'}` }, t(`alerts.status.${status}`));
const severityChip = (severity) =>
  h('span', { class: `chip ${severity === 'CRITICAL' ? 'bad' : 'warn'}` }, t(`dash.severity.${severity ?? 'WARNING'}`));
const scopeText = (alert) =>
  alert.scope?.level === 'REGION'
    ? t('dash.alerts.region', { region: alert.scope.id })
    : alert.scope?.level === 'TENANT'
      ? t('dash.alerts.tenant')
      : (alert.branchId ?? alert.scope?.id ?? '');
const alertHref = (alertId) => `#/alerts/${encodeURIComponent(alertId)}`;

function escalationText(alert) {
  const parts = [t(`alerts.level.${alert.escalatedTo}`)];
  if (alert.nextEscalationAt) parts.push(t('alerts.next', { when: formatDateTime(alert.nextEscalationAt, alert.branchId) }));
  return parts.join(' · ');
}

async function renderList(view, _params, query) {
  const status = STATUSES.includes(query.get('status')) ? query.get('status') : '';
  const show = VIEWS.includes(query.get('show')) ? query.get('show') : 'all';
  const choose = (next) => {
    const chosen = { status, show, ...next };
    location.hash = `#/alerts${queryString({ status: chosen.status, show: chosen.show === 'all' ? '' : chosen.show })}`;
  };
  const me = currentUser().username;
  const listQuery = queryString({
    status,
    assignee: show === 'mine' ? me : undefined,
    unassigned: show === 'unassigned' ? 'true' : undefined,
    limit: 200,
  });
  const listing = await getJson(`/api/v1/alerts/handling${listQuery}`);
  const statusSelect = select('status', [['', t('alerts.filter.anyStatus')], ...STATUSES.map((s) => [s, t(`alerts.status.${s}`)])], status);
  statusSelect.addEventListener('change', (e) => choose({ status: e.target.value }));
  const viewSelect = select('show', VIEWS.map((v) => [v, t(`alerts.filter.${v}`)]), show);
  viewSelect.addEventListener('change', (e) => choose({ show: e.target.value }));
  view.append(
    h('section', { class: 'panel' },
      h('h1', {}, t('alerts.title')),
      h('p', { class: 'muted' }, t('alerts.hint')),
      h('div', { class: 'toolbar' }, field(t('alerts.filter.status'), statusSelect), field(t('alerts.filter.view'), viewSelect)),
      table([
        { label: t('alerts.raised'), value: (a) => h('a', { href: alertHref(a.alertId) }, formatDateTime(a.raisedAt, a.branchId)) },
        { label: t('alerts.scope'), value: scopeText },
        { label: t('alerts.metric'), value: (a) => metricName(a.metric) },
        { label: t('alerts.severity'), value: (a) => severityChip(a.severity) },
        { label: t('alerts.status'), value: (a) => h('span', {}, statusChip(a.status), ' ',
          h('span', { class: 'muted' }, a.active ? t('alerts.active') : t('alerts.cleared', { when: formatDateTime(a.clearedAt, a.branchId) }))) },
        { label: t('alerts.assignee'), value: (a) => (a.assignee ? h('span', { class: a.assignee === me ? 'me' : '' }, a.assignee) : '—') },
        { label: t('alerts.escalation'), value: escalationText },
      ], listing.items, { empty: t('alerts.none') })));
}

function historyDetail(entry) {
  const parts = [];
  if (entry.assignee) parts.push(t('alerts.detail.assignee', { who: entry.assignee }));
  if (entry.escalationLevel !== undefined) parts.push(t('alerts.detail.level', { level: entry.escalationLevel }));
  if (entry.correctiveActionId) parts.push(h('a', { href: '#/actions' }, entry.correctiveActionId));
  if (entry.note) parts.push(entry.note);
  return h('span', {}, parts.flatMap((part, i) => (i ? [' · ', part] : [part])));
}

async function renderDetail(view, { alertId }) {
  const path = `/api/v1/alerts/${encodeURIComponent(alertId)}`;
  const me = currentUser().username;
  let answer = await api(`${path}/handling`);
  const body = h('div', { class: 'screen' });
  view.append(body);

  /** Sends one handling action with the ETag read; a 412 (someone else was first) shows the new state. */
  async function act(action, request, done) {
    try {
      await api(`${path}/${action}`, { method: 'POST', body: request, etag: answer.etag });
      notify(t(done));
    } catch (error) {
      if (error.status !== 412) throw error;
      notify(t('problem.412'), 'error');
    }
    answer = await api(`${path}/handling`);
    draw();
  }

  function required(form, name, label, max) {
    const value = (form.get(name) ?? '').toString().trim();
    if (!value) throw { problem: { detail: t('alerts.invalid.required', { field: label }) } };
    if (value.length > max) throw { problem: { detail: t('alerts.invalid.tooLong', { field: label, max }) } };
    return value;
  }

  async function linkDialog(alert) {
    const actions = await getJson(`/api/v1/corrective-actions${queryString({ branchId: alert.branchId })}`).catch(() => []);
    const candidates = actions.filter((a) => !alert.correctiveActionIds.includes(a.actionId));
    if (!candidates.length) {
      notify(`${t('alerts.form.noAction')} ${t('alerts.form.actionHint')}`, 'error');
      return;
    }
    dialog(t('alerts.link'),
      [field(t('alerts.form.action'), select('correctiveActionId', candidates.map((a) => [a.actionId, `${a.title} (${t(`actions.status.${a.status}`)})`])), t('alerts.form.actionHint'))],
      t('alerts.link'),
      (form) => act('link', { correctiveActionId: form.get('correctiveActionId') }, 'alerts.done.LINKED'));
  }

  function buttons(alert) {
    if (!can.handleAlerts()) return null;
    const list = [];
    if (alert.status === 'OPEN') {
      list.push(h('button', { type: 'button', onclick: () => dialog(t('alerts.acknowledge'),
        [field(t('alerts.form.note'), h('textarea', { name: 'note', maxlength: 1000, rows: 3 }))],
        t('alerts.acknowledge'),
        (form) => {
          const note = (form.get('note') ?? '').toString().trim();
          return act('acknowledge', note ? { note } : {}, 'alerts.done.ACKNOWLEDGED');
        }) }, t('alerts.acknowledge')));
    }
    if (alert.status !== 'RESOLVED') {
      if (alert.assignee !== me) {
        list.push(h('button', { type: 'button', class: 'secondary', onclick: () => act('assign', { assignee: me }, 'alerts.done.ASSIGNED').catch((e) => notify(problemText(e), 'error')) }, t('alerts.assignMe')));
      }
      list.push(h('button', { type: 'button', class: 'secondary', onclick: () => dialog(t('alerts.assign'),
        [field(t('alerts.form.assignee'), h('input', { name: 'assignee', maxlength: 128, required: true, value: alert.assignee ?? '' }))],
        t('alerts.assign'),
        (form) => act('assign', { assignee: required(form, 'assignee', t('alerts.form.assignee'), 128) }, 'alerts.done.ASSIGNED')) }, t('alerts.assign')));
      if (alert.branchId) list.push(h('button', { type: 'button', class: 'secondary', onclick: () => linkDialog(alert).catch((e) => notify(problemText(e), 'error')) }, t('alerts.link')));
    }
    if (alert.status === 'ACKNOWLEDGED') {
      list.push(h('button', { type: 'button', onclick: () => dialog(t('alerts.resolve'),
        [field(t('alerts.form.resolution'), h('textarea', { name: 'note', maxlength: 2000, rows: 4, required: true }))],
        t('alerts.resolve'),
        (form) => act('resolve', { note: required(form, 'note', t('alerts.form.resolution'), 2000) }, 'alerts.done.RESOLVED')) }, t('alerts.resolve')));
    }
    return list.length ? h('div', { class: 'action-buttons' }, list) : null;
  }

  function draw() {
    const alert = answer.data;
    const zone = alert.branchId;
    const by = (when, who) => (when ? t('alerts.by', { when: formatDateTime(when, zone), who }) : '—');
    body.replaceChildren(
      h('section', { class: 'panel' },
        h('p', {}, h('a', { href: '#/alerts' }, `← ${t('alerts.back')}`),
          alert.branchId ? [' · ', h('a', { href: `#/branches/${encodeURIComponent(alert.branchId)}?metric=${encodeURIComponent(alert.metric)}` }, t('alerts.toBranch'))] : null),
        h('h1', {}, t('alerts.detailTitle', { metric: metricName(alert.metric) }), ' ', severityChip(alert.severity), ' ', statusChip(alert.status)),
        h('dl', { class: 'facts' },
          h('dt', {}, t('alerts.scope')), h('dd', {}, scopeText(alert)),
          h('dt', {}, t('alerts.raised')), h('dd', {}, formatDateTime(alert.raisedAt, zone), ' · ',
            alert.active ? t('alerts.active') : t('alerts.cleared', { when: formatDateTime(alert.clearedAt, zone) })),
          h('dt', {}, t('alerts.assignee')), h('dd', {}, alert.assignee ?? '—'),
          h('dt', {}, t('alerts.escalation')), h('dd', {}, escalationText(alert)),
          h('dt', {}, t('alerts.acknowledged')), h('dd', {}, by(alert.acknowledgedAt, alert.acknowledgedBy)),
          h('dt', {}, t('alerts.resolved')), h('dd', {}, by(alert.resolvedAt, alert.resolvedBy)),
          alert.resolutionNote ? [h('dt', {}, t('alerts.note')), h('dd', {}, alert.resolutionNote)] : null,
          h('dt', {}, t('alerts.actions')), h('dd', {}, alert.correctiveActionIds.length
            ? alert.correctiveActionIds.map((id, i) => [i ? ', ' : '', h('a', { href: `#/actions${queryString({ branchId: alert.branchId })}` }, id)])
            : t('alerts.noActions'))),
        buttons(alert)),
      h('section', { class: 'panel' },
        h('h2', {}, t('alerts.history')),
        table([
          { label: t('alerts.when'), value: (e) => formatDateTime(e.at, zone) },
          { label: t('alerts.what'), value: (e) => t(`alerts.what.${e.what}`) },
          { label: t('alerts.who'), value: (e) => e.actor ?? '' },
          { label: t('alerts.detail'), value: historyDetail },
        ], [...(alert.history ?? [])].reverse())));
  }
  draw();
}

export const routes = [
  { path: '/alerts', nav: 'alerts.nav', title: 'alerts.title', render: renderList },
  { path: '/alerts/:alertId', title: 'alerts.title', section: 'alerts.nav', render: renderDetail },
];

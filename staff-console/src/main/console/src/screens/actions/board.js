// The corrective-action board (complaint-service /api/v1/corrective-actions) as PDCA columns: plan (PLANNED), do
// (DOING), check (CHECKING) and act (EFFECTIVE: the effect was confirmed and the change is standardised). Managers plan
// an action, re-plan it, start it, send it to the check and record the effectiveness check (not effective: back to
// plan for another cycle). Filters by branch and owner live in the hash (#/actions?branchId=N-01&owner=…).
import { getJson, patchJson, postJson, query as queryString } from '../../api.js';
import { currentLanguage, formatDateTime, formatLocalDate, formatNumber, messages, t, branchZone } from '../../i18n.js';
import { can } from '../../session.js';
import { dialog, field, h, notify, problemBox, problemText, select } from '../../ui.js';

messages({
  en: {
    'actions.nav': 'Corrective actions',
    'actions.title': 'Corrective actions',
    'actions.hint': 'Plan – do – check – act: each action moves right until its effect is confirmed.',
    'actions.column.PLANNED': 'Plan',
    'actions.column.DOING': 'Do',
    'actions.column.CHECKING': 'Check',
    'actions.column.EFFECTIVE': 'Act',
    'actions.columnHint.PLANNED': 'planned, not started',
    'actions.columnHint.DOING': 'being carried out',
    'actions.columnHint.CHECKING': 'waiting for the effectiveness check',
    'actions.columnHint.EFFECTIVE': 'effective: standardised',
    'actions.status.PLANNED': 'planned',
    'actions.status.DOING': 'in progress',
    'actions.status.CHECKING': 'to be checked',
    'actions.status.EFFECTIVE': 'effective',
    'actions.filter.branch': 'Branch',
    'actions.filter.allBranches': 'all branches',
    'actions.filter.owner': 'Owner',
    'actions.create': 'New corrective action',
    'actions.owner': 'Owner',
    'actions.due': 'Due',
    'actions.overdue': 'overdue',
    'actions.cycle': 'cycle {cycle}',
    'actions.complaint': 'complaint {id}',
    'actions.metric': 'metric {metric}',
    'actions.lastCheck.effective': 'Check {cycle}: effective',
    'actions.lastCheck.notEffective': 'Check {cycle}: not effective',
    'actions.checkedBy': '{who}, {when}',
    'actions.completed': 'completed {when}',
    'actions.start': 'Start',
    'actions.toCheck': 'Ready for check',
    'actions.evaluate': 'Record effect',
    'actions.replan': 'Re-plan',
    'actions.count': '{count} actions',
    'actions.empty': 'None',
    'actions.form.branch': 'Branch',
    'actions.form.complaintId': 'Complaint (id)',
    'actions.form.metric': 'Metric',
    'actions.form.metricNone': '— none —',
    'actions.form.about': 'A complaint or a metric is required.',
    'actions.form.title': 'Title',
    'actions.form.description': 'Description',
    'actions.form.owner': 'Owner',
    'actions.form.dueDate': 'Due date',
    'actions.form.create': 'Plan the action',
    'actions.form.effective': 'Did the action have the intended effect?',
    'actions.form.effectiveYes': 'Effective: standardise it',
    'actions.form.effectiveNo': 'Not effective: plan another cycle',
    'actions.form.note': 'Note on the effect',
    'actions.form.replanHint': 'Leave a field empty to keep it.',
    'actions.done.created': 'Corrective action planned.',
    'actions.done.started': 'Action started.',
    'actions.done.toCheck': 'Action is ready for its check.',
    'actions.done.effective': 'Effect confirmed: the action is standardised.',
    'actions.done.notEffective': 'Not effective: the action is back in planning, cycle {cycle}.',
    'actions.done.replanned': 'Action re-planned.',
    'actions.invalid.required': '{field}: required.',
    'actions.invalid.tooLong': '{field}: at most {max} characters.',
    'actions.invalid.pattern': '{field}: letters, digits, dot, underscore and hyphen only.',
  },
  'zh-CN': {
    'actions.nav': '整改措施',
    'actions.title': '整改措施',
    'actions.hint': '计划 – 执行 – 检查 – 处置：每项措施依次推进，直至确认有效。',
    'actions.column.PLANNED': '计划',
    'actions.column.DOING': '执行',
    'actions.column.CHECKING': '检查',
    'actions.column.EFFECTIVE': '处置',
    'actions.columnHint.PLANNED': '已计划，未开始',
    'actions.columnHint.DOING': '执行中',
    'actions.columnHint.CHECKING': '待进行效果验证',
    'actions.columnHint.EFFECTIVE': '已确认有效并固化',
    'actions.status.PLANNED': '已计划',
    'actions.status.DOING': '执行中',
    'actions.status.CHECKING': '待检查',
    'actions.status.EFFECTIVE': '有效',
    'actions.filter.branch': '网点',
    'actions.filter.allBranches': '全部网点',
    'actions.filter.owner': '责任人',
    'actions.create': '新建整改措施',
    'actions.owner': '责任人',
    'actions.due': '截止日期',
    'actions.overdue': '已逾期',
    'actions.cycle': '第 {cycle} 轮',
    'actions.complaint': '投诉 {id}',
    'actions.metric': '指标 {metric}',
    'actions.lastCheck.effective': '第 {cycle} 轮验证：有效',
    'actions.lastCheck.notEffective': '第 {cycle} 轮验证：无效',
    'actions.checkedBy': '{who}，{when}',
    'actions.completed': '完成于 {when}',
    'actions.start': '开始执行',
    'actions.toCheck': '提交检查',
    'actions.evaluate': '记录效果',
    'actions.replan': '调整计划',
    'actions.count': '{count} 项',
    'actions.empty': '暂无',
    'actions.form.branch': '网点',
    'actions.form.complaintId': '投诉编号（ID）',
    'actions.form.metric': '指标',
    'actions.form.metricNone': '— 无 —',
    'actions.form.about': '投诉与指标至少填写一项。',
    'actions.form.title': '标题',
    'actions.form.description': '说明',
    'actions.form.owner': '责任人',
    'actions.form.dueDate': '截止日期',
    'actions.form.create': '创建措施',
    'actions.form.effective': '该措施是否达到预期效果？',
    'actions.form.effectiveYes': '有效：予以固化',
    'actions.form.effectiveNo': '无效：进入下一轮计划',
    'actions.form.note': '效果说明',
    'actions.form.replanHint': '留空的项目保持不变。',
    'actions.done.created': '整改措施已创建。',
    'actions.done.started': '措施已开始执行。',
    'actions.done.toCheck': '措施已提交检查。',
    'actions.done.effective': '已确认有效，措施已固化。',
    'actions.done.notEffective': '效果未达预期，措施回到计划阶段（第 {cycle} 轮）。',
    'actions.done.replanned': '计划已调整。',
    'actions.invalid.required': '{field}：必填。',
    'actions.invalid.tooLong': '{field}：最多 {max} 个字符。',
    'actions.invalid.pattern': '{field}：只能包含字母、数字、点、下划线和连字符。',
  },
});

const COLUMNS = ['PLANNED', 'DOING', 'CHECKING', 'EFFECTIVE'];
/** Metrics an action without a complaint can be about (the quality targets' metric names). */
const METRICS = ['csat.percent', 'nps.score', 'ces.mean', 'servqual.unweighted', 'interactions.answerRate',
  'interactions.serviceLevel', 'interactions.abandonRate', 'interactions.avgHandleSeconds', 'interactions.fcrRate',
  'interactions.waitSeconds.p90', 'complaints.opened', 'complaints.firstResponseCompliance', 'complaints.resolutionCompliance'];

/** Today's date (yyyy-mm-dd) in the branch's time zone: an action is overdue after its due date there. */
function todayIn(branchId) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: branchZone(branchId), year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

const metricLabel = (metric) => {
  const key = `metric.${metric}`;
  return t(key) === key ? metric : t(key);
};

/** Client-side checks mirroring CorrectiveActionRequests.Plan; a list of messages (empty when valid). */
function validatePlan(body) {
  const errors = [];
  const need = (value, label) => !value?.trim() && errors.push(t('actions.invalid.required', { field: label }));
  const max = (value, n, label) => value && value.length > n && errors.push(t('actions.invalid.tooLong', { field: label, max: formatNumber(n) }));
  need(body.branchId, t('actions.form.branch'));
  if (body.branchId && !/^[A-Za-z0-9._-]+$/.test(body.branchId)) errors.push(t('actions.invalid.pattern', { field: t('actions.form.branch') }));
  max(body.branchId, 64, t('actions.form.branch'));
  max(body.complaintId, 64, t('actions.form.complaintId'));
  if (!body.complaintId?.trim() && !body.metric) errors.push(t('actions.form.about'));
  need(body.title, t('actions.form.title'));
  max(body.title, 200, t('actions.form.title'));
  max(body.description, 4000, t('actions.form.description'));
  need(body.owner, t('actions.form.owner'));
  max(body.owner, 128, t('actions.form.owner'));
  if (!body.dueDate) errors.push(t('actions.invalid.required', { field: t('actions.form.dueDate') }));
  return errors;
}

/** Refuses a dialog's submission with the form's own messages, shown like a refused call. */
function refuse(errors) {
  if (errors.length) throw { problem: { status: 400, detail: errors.join(' ') } };
}

async function renderBoard(view, params, query) {
  const filter = { branchId: query.get('branchId') ?? '', owner: query.get('owner') ?? '' };
  const manage = can.workCorrectiveActions();
  const directory = await getJson('/api/v1/branches').catch(() => []);
  const branchIds = directory.map((b) => b.branchId);
  const board = h('div', { class: 'pdca' });
  const problems = h('div');
  const applyFilter = (change) => {
    const next = { ...filter, ...change };
    location.hash = `#/actions${queryString(next)}`;
  };

  view.append(
    h('section', { class: 'panel dash-head' },
      h('div', {}, h('h1', {}, t('actions.title')), h('p', { class: 'muted' }, t('actions.hint'))),
      h('div', { class: 'toolbar' },
        field(t('actions.filter.branch'), select('branchId', [['', t('actions.filter.allBranches')], ...branchIds.map((id) => [id, id])], filter.branchId)),
        field(t('actions.filter.owner'), h('input', { name: 'owner', type: 'search', value: filter.owner })),
        manage ? h('button', { type: 'button', class: 'create-action', onclick: () => openCreate() }, t('actions.create')) : null)),
    problems,
    board,
  );
  view.querySelector('select[name=branchId]').addEventListener('change', (e) => applyFilter({ branchId: e.target.value }));
  view.querySelector('input[name=owner]').addEventListener('change', (e) => applyFilter({ owner: e.target.value.trim() }));

  async function load() {
    try {
      const actions = await getJson(`/api/v1/corrective-actions${queryString({ branchId: filter.branchId })}`);
      const owner = filter.owner.toLocaleLowerCase();
      draw(actions.filter((a) => !owner || a.owner.toLocaleLowerCase().includes(owner)));
      problems.replaceChildren();
    } catch (error) {
      problems.replaceChildren(problemBox(error));
    }
  }

  function draw(actions) {
    board.replaceChildren(
      ...COLUMNS.map((status) => {
        const cards = actions.filter((a) => a.status === status);
        return h('section', { class: `pdca-column panel ${status}`, dataset: { status }, 'aria-label': t(`actions.column.${status}`) },
          h('h2', {}, t(`actions.column.${status}`), ' ', h('small', { class: 'muted' }, t('actions.count', { count: formatNumber(cards.length) }))),
          h('p', { class: 'muted small' }, t(`actions.columnHint.${status}`)),
          cards.length ? cards.map(card) : h('p', { class: 'muted' }, t('actions.empty')));
      }),
    );
  }

  function card(action) {
    const overdue = action.status !== 'EFFECTIVE' && action.dueDate < todayIn(action.branchId);
    const last = action.checks?.at(-1);
    const buttons = [];
    if (manage) {
      if (action.status === 'PLANNED') {
        buttons.push(h('button', { type: 'button', dataset: { act: 'start' }, onclick: () => move(action, 'start', 'actions.done.started') }, t('actions.start')));
      }
      if (action.status === 'DOING') {
        buttons.push(h('button', { type: 'button', dataset: { act: 'check' }, onclick: () => move(action, 'check', 'actions.done.toCheck') }, t('actions.toCheck')));
      }
      if (action.status === 'CHECKING') {
        buttons.push(h('button', { type: 'button', dataset: { act: 'evaluate' }, onclick: () => openEvaluate(action) }, t('actions.evaluate')));
      }
      if (action.status !== 'EFFECTIVE') {
        buttons.push(h('button', { type: 'button', class: 'secondary', dataset: { act: 'replan' }, onclick: () => openReplan(action) }, t('actions.replan')));
      }
    }
    return h('article', { class: `action-card${overdue ? ' overdue' : ''}`, dataset: { actionId: action.actionId } },
      h('h3', {}, action.title),
      h('div', { class: 'meta' },
        h('a', { href: `#/branches/${encodeURIComponent(action.branchId)}` }, action.branchId),
        action.complaintId
          ? h('a', { href: `#/complaints/${encodeURIComponent(action.complaintId)}` }, t('actions.complaint', { id: action.complaintId }))
          : action.metric ? h('span', {}, t('actions.metric', { metric: metricLabel(action.metric) })) : null,
        action.cycle > 1 ? h('span', { class: 'chip' }, t('actions.cycle', { cycle: formatNumber(action.cycle) })) : null),
      action.description ? h('p', { class: 'description' }, action.description) : null,
      h('dl', {},
        h('dt', {}, t('actions.owner')), h('dd', { dataset: { field: 'owner' } }, action.owner),
        h('dt', {}, t('actions.due')),
        h('dd', { class: overdue ? 'due overdue' : 'due' }, formatLocalDate(action.dueDate), overdue ? h('span', { class: 'chip bad' }, t('actions.overdue')) : null)),
      last
        ? h('p', { class: `check ${last.effective ? 'ok' : 'bad'}` },
            t(last.effective ? 'actions.lastCheck.effective' : 'actions.lastCheck.notEffective', { cycle: formatNumber(last.cycle) }),
            last.note ? ` — ${last.note}` : '',
            h('br'),
            h('small', { class: 'muted' }, t('actions.checkedBy', { who: last.checkedBy, when: formatDateTime(last.checkedAt, action.branchId) })))
        : null,
      action.completedAt ? h('p', { class: 'muted small' }, t('actions.completed', { when: formatDateTime(action.completedAt, action.branchId) })) : null,
      buttons.length ? h('div', { class: 'card-buttons' }, buttons) : null);
  }

  /** start / check: the transition, then the board again (a refused one says why, e.g. someone moved it first). */
  async function move(action, step, done) {
    try {
      await postJson(`/api/v1/corrective-actions/${encodeURIComponent(action.actionId)}/${step}`, {});
      notify(t(done));
    } catch (error) {
      notify(problemText(error), 'error');
    }
    await load();
  }

  function openCreate() {
    const today = todayIn(filter.branchId || branchIds[0]);
    const fields = [
      field(t('actions.form.branch'), select('branchId', branchIds.map((id) => [id, id]), filter.branchId || branchIds[0])),
      field(t('actions.form.title'), h('input', { name: 'title', maxlength: 200, required: true })),
      field(t('actions.form.complaintId'), h('input', { name: 'complaintId', maxlength: 64 }), t('actions.form.about')),
      field(t('actions.form.metric'), select('metric', [['', t('actions.form.metricNone')], ...METRICS.map((m) => [m, metricLabel(m)])], '')),
      field(t('actions.form.description'), h('textarea', { name: 'description', maxlength: 4000 })),
      field(t('actions.form.owner'), h('input', { name: 'owner', maxlength: 128, required: true })),
      field(t('actions.form.dueDate'), h('input', { name: 'dueDate', type: 'date', min: today, required: true, lang: currentLanguage() })),
    ];
    dialog(t('actions.create'), fields, t('actions.form.create'), async (form) => {
      const body = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v).trim() || undefined]));
      refuse(validatePlan(body));
      await postJson('/api/v1/corrective-actions', body);
      notify(t('actions.done.created'));
      await load();
    });
  }

  function openEvaluate(action) {
    const fields = [
      h('fieldset', { class: 'field' },
        h('legend', { class: 'label' }, t('actions.form.effective')),
        h('label', {}, h('input', { type: 'radio', name: 'effective', value: 'true', checked: true }), ' ', t('actions.form.effectiveYes')),
        h('br'),
        h('label', {}, h('input', { type: 'radio', name: 'effective', value: 'false' }), ' ', t('actions.form.effectiveNo'))),
      field(t('actions.form.note'), h('textarea', { name: 'note', maxlength: 2000 })),
    ];
    dialog(`${t('actions.evaluate')}: ${action.title}`, fields, t('actions.evaluate'), async (form) => {
      const note = String(form.get('note') ?? '').trim();
      refuse(note.length > 2000 ? [t('actions.invalid.tooLong', { field: t('actions.form.note'), max: formatNumber(2000) })] : []);
      const result = await postJson(`/api/v1/corrective-actions/${encodeURIComponent(action.actionId)}/evaluate`, {
        effective: form.get('effective') === 'true',
        note: note || undefined,
      });
      notify(result.status === 'EFFECTIVE' ? t('actions.done.effective') : t('actions.done.notEffective', { cycle: formatNumber(result.cycle) }));
      await load();
    });
  }

  function openReplan(action) {
    const fields = [
      h('p', { class: 'muted' }, t('actions.form.replanHint')),
      field(t('actions.form.owner'), h('input', { name: 'owner', maxlength: 128, placeholder: action.owner })),
      field(t('actions.form.dueDate'), h('input', { name: 'dueDate', type: 'date', value: action.dueDate })),
    ];
    dialog(`${t('actions.replan')}: ${action.title}`, fields, t('common.save'), async (form) => {
      const owner = String(form.get('owner') ?? '').trim();
      refuse(owner.length > 128 ? [t('actions.invalid.tooLong', { field: t('actions.form.owner'), max: formatNumber(128) })] : []);
      await patchJson(`/api/v1/corrective-actions/${encodeURIComponent(action.actionId)}`, {
        owner: owner || undefined,
        dueDate: form.get('dueDate') || undefined,
      });
      notify(t('actions.done.replanned'));
      await load();
    });
  }

  await load();
  view.dataset.ready = 'true';
  return () => delete view.dataset.ready;
}

export const routes = [
  // every staff role reads corrective actions (complaint-service AccessRules); only managers change them
  { path: '/actions', nav: 'actions.nav', title: 'actions.title', render: renderBoard },
];

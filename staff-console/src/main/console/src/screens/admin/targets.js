// Quality targets (scoring-service /api/v1/targets): the targets in force, added, changed and removed by quality
// managers and administrators, and each target's attainment over a chosen range — which branches attain it, which
// miss it and which had no data — from /api/v1/targets/attainment (asked per branch: the API answers per branch).
import { deleteJson, getJson, postJson, putJson, query } from '../../api.js';
import { formatDateTime, messages, t } from '../../i18n.js';
import { can, scoped } from '../../session.js';
import { field, h, notify, problemBox, problemText, select, table } from '../../ui.js';
import { confirmBox, formDialog, loadBranches, reloading, sectionFrame } from './common.js';
import { formatMetric, metricChoices, unitHint } from './metrics.js';

messages({
  en: {
    'admin.targets.title': 'Quality targets',
    'admin.targets.add': 'Add target',
    'admin.targets.appliesTo': 'Applies to',
    'admin.targets.metric': 'Metric',
    'admin.targets.target': 'Target',
    'admin.targets.bound': 'Attained when the value is',
    'admin.targets.bound.AT_LEAST': 'at least',
    'admin.targets.bound.AT_MOST': 'at most',
    'admin.targets.value': 'Value',
    'admin.targets.updated': 'Last change',
    'admin.targets.editTitle': 'Edit target',
    'admin.targets.saved': 'Target saved.',
    'admin.targets.removeTitle': 'Remove this target?',
    'admin.targets.removeText': '{target} for {branch} will no longer be tracked.',
    'admin.targets.removed': 'Target removed.',
    'admin.targets.attainment': 'Attainment',
    'admin.targets.from': 'From (day)',
    'admin.targets.to': 'To (day, inclusive)',
    'admin.targets.show': 'Show',
    'admin.targets.rangeNote': 'Days from midnight to midnight in your browser’s time zone.',
    'admin.targets.attained': 'Attained by',
    'admin.targets.missed': 'Missed by',
    'admin.targets.noData': 'No data',
    'admin.targets.noDataAll': 'No data in this range.',
    'admin.targets.unanswered': 'No answer for these branches, so they are missing below: {branches}.',
    'admin.targets.branchValue': '{branch}: {value} (n = {n})',
    'admin.targets.badRange': 'The end must not be before the start.',
    'admin.targets.range': 'Range',
  },
  'zh-CN': {
    'admin.targets.title': '质量目标',
    'admin.targets.add': '新增目标',
    'admin.targets.appliesTo': '适用范围',
    'admin.targets.metric': '指标',
    'admin.targets.target': '目标',
    'admin.targets.bound': '达标条件',
    'admin.targets.bound.AT_LEAST': '不低于',
    'admin.targets.bound.AT_MOST': '不高于',
    'admin.targets.value': '目标值',
    'admin.targets.updated': '最近修改',
    'admin.targets.editTitle': '编辑目标',
    'admin.targets.saved': '目标已保存。',
    'admin.targets.removeTitle': '删除该目标？',
    'admin.targets.removeText': '将不再跟踪 {branch} 的目标“{target}”。',
    'admin.targets.removed': '目标已删除。',
    'admin.targets.attainment': '达标情况',
    'admin.targets.from': '开始日期',
    'admin.targets.to': '结束日期（含当天）',
    'admin.targets.show': '查看',
    'admin.targets.rangeNote': '按浏览器所在时区的自然日（零点至零点）计算。',
    'admin.targets.attained': '达标网点',
    'admin.targets.missed': '未达标网点',
    'admin.targets.noData': '无数据',
    'admin.targets.noDataAll': '该时间段内无数据。',
    'admin.targets.unanswered': '以下网点未能返回结果，因此未列入下表：{branches}。',
    'admin.targets.branchValue': '{branch}：{value}（样本 {n}）',
    'admin.targets.badRange': '结束日期不能早于开始日期。',
    'admin.targets.range': '时间段',
  },
});

/** "CSAT at least 80 %": a target in words. */
function describe(target) {
  return `${t(`admin.metric.${target.metric}`)} ${t(`admin.targets.bound.${target.bound}`)} ${formatMetric(target.metric, target.value)}`;
}

const appliesTo = (target) => target.branchId ?? t('admin.everyBranch');

/** A user bound to branches or regions changes only their branches' targets, not the tenant-wide ones (403). */
const writable = (target) => !scoped() || target.branchId !== null;

/** yyyy-mm-dd of a local date. */
const isoDay = (date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

export const section = {
  key: 'targets',
  path: '/admin/targets',
  title: 'admin.targets.title',
  allowed: () => can.configureQuality(),
  async render(view, sections, params) {
    const reload = reloading(section, view, sections, params);
    await sectionFrame(view, sections, section.key, section.title, async () => {
      const [targets, branches] = await Promise.all([getJson('/api/v1/targets'), loadBranches()]);
      targets.sort((a, b) => appliesTo(a).localeCompare(appliesTo(b)) || a.metric.localeCompare(b.metric));
      const columns = [
        { label: t('admin.targets.appliesTo'), value: appliesTo },
        { label: t('admin.targets.target'), value: describe },
        { label: t('admin.targets.updated'), value: (x) => formatDateTime(x.updatedAt, x.branchId) },
        {
          label: t('admin.actions'),
          class: 'actions',
          value: (x) =>
            writable(x)
              ? [
                  h('button', { type: 'button', class: 'secondary small', onclick: () => editTarget(x, branches, reload) }, t('admin.edit')),
                  ' ',
                  h('button', { type: 'button', class: 'danger small', onclick: () => removeTarget(x, reload) }, t('common.delete')),
                ]
              : null,
        },
      ];
      const list = table(columns, targets);
      list.querySelectorAll('tbody tr').forEach((tr, i) => {
        if (targets[i]) tr.dataset.id = targets[i].id;
      });
      return [
        h('div', { class: 'toolbar' }, h('button', { type: 'button', onclick: () => editTarget(null, branches, reload) }, t('admin.targets.add'))),
        list,
        attainmentPanel(targets, branches, params),
      ];
    });
  },
};

/** The add/edit form, with TargetRequest's constraints (metric, bound and value required; branch up to 100). */
function editTarget(target, branches, reload) {
  const metric = select('metric', metricChoices(), target?.metric ?? 'csat.percent');
  const hint = h('small', {}, unitHint(metric.value));
  metric.addEventListener('change', () => {
    hint.textContent = unitHint(metric.value);
  });
  const fields = [
    field(
      t('admin.targets.appliesTo'),
      select('branchId', [...(scoped() ? [] : [['', t('admin.everyBranch')]]), ...branches.map((b) => [b.branchId, `${b.branchId} · ${b.name}`])], target?.branchId ?? ''),
    ),
    field(t('admin.targets.metric'), metric),
    field(
      t('admin.targets.bound'),
      select('bound', ['AT_LEAST', 'AT_MOST'].map((b) => [b, t(`admin.targets.bound.${b}`)]), target?.bound ?? 'AT_LEAST'),
    ),
    h(
      'label',
      { class: 'field' },
      h('span', { class: 'label' }, t('admin.targets.value')),
      h('input', { name: 'value', type: 'number', step: 'any', required: true, value: target ? String(target.value) : '', 'data-label': t('admin.targets.value') }),
      hint,
    ),
  ];
  const labels = {
    branchId: t('admin.targets.appliesTo'),
    metric: t('admin.targets.metric'),
    bound: t('admin.targets.bound'),
    value: t('admin.targets.value'),
  };
  formDialog(target ? t('admin.targets.editTitle') : t('admin.targets.add'), fields, t('common.save'), labels, async (form) => {
    const body = {
      branchId: form.elements.branchId.value || null,
      metric: form.elements.metric.value,
      bound: form.elements.bound.value,
      value: Number(form.elements.value.value),
    };
    if (target) await putJson(`/api/v1/targets/${encodeURIComponent(target.id)}`, body);
    else await postJson('/api/v1/targets', body);
    notify(t('admin.targets.saved'));
    reload();
  });
}

async function removeTarget(target, reload) {
  const text = t('admin.targets.removeText', { target: describe(target), branch: appliesTo(target) });
  if (!(await confirmBox(t('admin.targets.removeTitle'), text, t('common.delete')))) return;
  try {
    await deleteJson(`/api/v1/targets/${encodeURIComponent(target.id)}`);
    notify(t('admin.targets.removed'));
    reload();
  } catch (error) {
    notify(problemText(error), 'error');
  }
}

/** The range chooser and, per target, the branches that attain it, miss it, or had no data. */
function attainmentPanel(targets, branches, params) {
  const today = new Date();
  const weekAgo = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 6);
  const from = h('input', { type: 'date', name: 'from', value: params.get('from') ?? isoDay(weekAgo) });
  const to = h('input', { type: 'date', name: 'to', value: params.get('to') ?? isoDay(today) });
  const result = h('div');
  const show = async () => {
    if (!from.value || !to.value || to.value < from.value) {
      result.replaceChildren(h('div', { class: 'problem', role: 'alert' }, t('admin.targets.badRange')));
      return;
    }
    const [fy, fm, fd] = from.value.split('-').map(Number);
    const [ty, tm, td] = to.value.split('-').map(Number);
    const range = {
      from: new Date(fy, fm - 1, fd).toISOString(),
      to: new Date(ty, tm - 1, td + 1).toISOString(),
    };
    result.replaceChildren(h('p', { class: 'muted' }, t('common.loading')));
    try {
      result.replaceChildren(await attainmentTable(targets, branches, range));
    } catch (error) {
      result.replaceChildren(problemBox(error));
    }
  };
  const panel = h(
    'div',
    { class: 'attainment' },
    h('h2', {}, t('admin.targets.attainment')),
    h(
      'div',
      { class: 'toolbar' },
      h('label', { class: 'field' }, h('span', { class: 'label' }, t('admin.targets.from')), from),
      h('label', { class: 'field' }, h('span', { class: 'label' }, t('admin.targets.to')), to),
      h('button', { type: 'button', class: 'secondary', onclick: show }, t('admin.targets.show')),
      h('span', { class: 'explain' }, t('admin.targets.rangeNote')),
    ),
    result,
  );
  show();
  return panel;
}

/** Asks every visible branch's attainment for the range and turns it around: per target, its branches by outcome. */
async function attainmentTable(targets, branches, range) {
  // a few at a time (a tenant has hundreds of branches and a request quota); a branch that did not answer is listed
  // as such, not hidden and not counted as without data
  const answers = [];
  const unanswered = [];
  const queue = [...branches];
  const worker = async () => {
    for (let branch = queue.shift(); branch; branch = queue.shift()) {
      try {
        answers.push({ branch, rows: await getJson(`/api/v1/targets/attainment${query({ branchId: branch.branchId, ...range })}`) });
      } catch (error) {
        unanswered.push({ branch, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(6, branches.length) }, worker));
  answers.sort((a, b) => a.branch.branchId.localeCompare(b.branch.branchId));
  const outcomes = new Map(targets.map((target) => [target.id, { attained: [], missed: [], noData: [] }]));
  for (const { branch, rows } of answers) {
    for (const row of rows) {
      const outcome = outcomes.get(row.target.id);
      if (!outcome) continue; // a target added since the list was read
      const kind = row.attained === null || row.attained === undefined ? 'noData' : row.attained ? 'attained' : 'missed';
      outcome[kind].push({ branch, row });
    }
  }
  const chips = (list, kind, target) =>
    list.length
      ? list.map(({ branch, row }) =>
          h(
            'span',
            {
              class: `chip ${kind === 'attained' ? 'ok' : kind === 'missed' ? 'bad' : ''}`,
              dataset: { branch: branch.branchId },
              title:
                kind === 'noData'
                  ? t('admin.targets.noData')
                  : t('admin.targets.branchValue', { branch: branch.name, value: formatMetric(target.metric, row.observed), n: row.n }),
            },
            kind === 'noData' ? branch.branchId : `${branch.branchId} ${formatMetric(target.metric, row.observed)}`,
          ),
        ).flatMap((chip) => [chip, ' '])
      : '—';
  const columns = [
    { label: t('admin.targets.appliesTo'), value: appliesTo },
    { label: t('admin.targets.target'), value: describe },
    ...['attained', 'missed', 'noData'].map((kind) => ({
      label: t(`admin.targets.${kind}`),
      value: (target) => {
        const outcome = outcomes.get(target.id);
        const cell = h('div', { dataset: { outcome: kind } }, chips(outcome[kind], kind, target));
        return cell;
      },
    })),
  ];
  const rendered = table(columns, targets);
  rendered.dataset.from = range.from;
  rendered.dataset.to = range.to;
  // each row names its target, and says so plainly when no branch had data
  rendered.querySelectorAll('tbody tr').forEach((tr, i) => {
    const target = targets[i];
    if (!target) return;
    tr.dataset.target = target.id;
    const outcome = outcomes.get(target.id);
    if (!outcome.attained.length && !outcome.missed.length) {
      tr.children[2].replaceChildren(h('span', { class: 'muted', dataset: { outcome: 'attained' } }, t('admin.targets.noDataAll')));
    }
  });
  const missing = unanswered.length
    ? h(
        'div',
        { class: 'problem', role: 'alert', id: 'attainment-unanswered' },
        t('admin.targets.unanswered', { branches: unanswered.map(({ branch }) => branch.branchId).join(', ') }),
        ' ',
        problemText(unanswered[0].error),
      )
    : null;
  return h('div', { class: 'scroll' }, missing, rendered);
}

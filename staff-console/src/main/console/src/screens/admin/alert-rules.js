// Alert rules (scoring-service /api/v1/alert-rules): when the platform raises an alert about a metric — a fixed
// threshold, a drop relative to a baseline, or an anomaly against an EWMA baseline — each rule said in plain words,
// and a form whose fields follow the rule's kind (AlertRuleRequest's constraints and defaults).
import { deleteJson, getJson, postJson, putJson } from '../../api.js';
import { formatNumber, messages, t } from '../../i18n.js';
import { can, scoped } from '../../session.js';
import { field, h, notify, problemText, select, table } from '../../ui.js';
import { confirmBox, formDialog, loadBranches, regionsOf, reloading, sectionFrame } from './common.js';
import { formatMetric, metricChoices, unitHint } from './metrics.js';

const KINDS = ['THRESHOLD', 'RELATIVE', 'ANOMALY'];
const SEVERITIES = ['INFO', 'WARNING', 'CRITICAL'];
const SCOPES = ['BRANCH', 'REGION', 'TENANT'];

messages({
  en: {
    'admin.rules.title': 'Alert rules',
    'admin.rules.add': 'Add rule',
    'admin.rules.editTitle': 'Edit alert rule',
    'admin.rules.rule': 'Rule',
    'admin.rules.watches': 'Watches',
    'admin.rules.saved': 'Alert rule saved.',
    'admin.rules.removeTitle': 'Remove this alert rule?',
    'admin.rules.removeText': 'No new alerts will be raised by it.',
    'admin.rules.removed': 'Alert rule removed.',
    'admin.rules.kind': 'Kind',
    'admin.rules.kind.THRESHOLD': 'Threshold',
    'admin.rules.kind.RELATIVE': 'Relative drop',
    'admin.rules.kind.ANOMALY': 'Anomaly (EWMA)',
    'admin.rules.kindHelp.THRESHOLD': 'Alert when the value over the window passes a fixed limit.',
    'admin.rules.kindHelp.RELATIVE': 'Alert when the value over the window is worse than over the baseline period before it by more than a share of that baseline.',
    'admin.rules.kindHelp.ANOMALY': 'Alert when the value over the window strays from the smoothed (EWMA) hourly values of the baseline period by more than k standard deviations.',
    'admin.rules.severity': 'Severity',
    'admin.rules.severity.INFO': 'information',
    'admin.rules.severity.WARNING': 'warning',
    'admin.rules.severity.CRITICAL': 'critical',
    'admin.rules.scope': 'Watches',
    'admin.rules.scope.BRANCH': 'each branch on its own',
    'admin.rules.scope.REGION': 'a region as a whole',
    'admin.rules.scope.TENANT': 'all branches together',
    'admin.rules.branch': 'Branch',
    'admin.rules.region': 'Region',
    'admin.rules.metric': 'Metric',
    'admin.rules.direction': 'Bad when the value is',
    'admin.rules.direction.BELOW': 'too low',
    'admin.rules.direction.ABOVE': 'too high',
    'admin.rules.threshold': 'Limit',
    'admin.rules.windowHours': 'Window (hours)',
    'admin.rules.windowHint': 'The value is computed over this many trailing hours (whole hours, default 1).',
    'admin.rules.minN': 'Fewest observations',
    'admin.rules.minNHint': 'The rule judges only with at least this many observations in the window (default 30).',
    'admin.rules.baselineHours': 'Baseline period (hours)',
    'admin.rules.baselineHint': 'The hours before the window that the value is compared with (default 168 = 7 days).',
    'admin.rules.relativePercent': 'Worse by more than (% of the baseline)',
    'admin.rules.k': 'k (standard deviations)',
    'admin.rules.kHint': 'How many standard deviations away counts as an anomaly (at least 0.5, default 3).',
    'admin.rules.ewmaAlpha': 'EWMA smoothing factor α',
    'admin.rules.ewmaHint': 'Above 0 and at most 1; higher follows recent hours more closely (default 0.3).',
    'admin.rules.hysteresis': 'Hysteresis',
    'admin.rules.hysteresisHint': 'An alert clears only once the value is back past the limit by this much (metric units; for anomalies in standard deviations; default 1).',
    'admin.rules.where.BRANCH': 'at {branch}',
    'admin.rules.where.REGION': 'in region {region} as a whole',
    'admin.rules.where.TENANT': 'across all branches together',
    'admin.rules.say.THRESHOLD':
      'Raise a {severity} alert when {metric} {where} over the last {window} is {direction} {threshold}, once there are at least {minN} observations. It clears when the value is back by {hysteresis}.',
    'admin.rules.say.RELATIVE':
      'Raise a {severity} alert when {metric} {where} over the last {window} is {direction} its value over the {baseline} before by more than {percent} % of it, once there are at least {minN} observations. It clears when back by {hysteresis}.',
    'admin.rules.say.ANOMALY':
      'Raise a {severity} alert when {metric} {where} over the last {window} is {direction} the EWMA (α {alpha}) of the hourly values of the {baseline} before by more than {k} standard deviations, once there are at least {minN} observations. It clears when back by {hysteresis} standard deviations.',
    'admin.rules.say.below': 'below',
    'admin.rules.say.above': 'above',
    'admin.rules.say.worseBelow': 'lower than',
    'admin.rules.say.worseAbove': 'higher than',
    'admin.rules.hours': '{n} h',
  },
  'zh-CN': {
    'admin.rules.title': '预警规则',
    'admin.rules.add': '新增规则',
    'admin.rules.editTitle': '编辑预警规则',
    'admin.rules.rule': '规则',
    'admin.rules.watches': '监控对象',
    'admin.rules.saved': '预警规则已保存。',
    'admin.rules.removeTitle': '删除该预警规则？',
    'admin.rules.removeText': '该规则将不再触发新的预警。',
    'admin.rules.removed': '预警规则已删除。',
    'admin.rules.kind': '类型',
    'admin.rules.kind.THRESHOLD': '阈值',
    'admin.rules.kind.RELATIVE': '相对下降',
    'admin.rules.kind.ANOMALY': '异常检测（EWMA）',
    'admin.rules.kindHelp.THRESHOLD': '统计窗口内的数值越过固定阈值时预警。',
    'admin.rules.kindHelp.RELATIVE': '统计窗口内的数值比之前基准期的数值差出基准值一定比例以上时预警。',
    'admin.rules.kindHelp.ANOMALY': '统计窗口内的数值偏离基准期逐小时数值的指数加权移动平均（EWMA）超过 k 个标准差时预警。',
    'admin.rules.severity': '级别',
    'admin.rules.severity.INFO': '提示',
    'admin.rules.severity.WARNING': '警告',
    'admin.rules.severity.CRITICAL': '严重',
    'admin.rules.scope': '监控对象',
    'admin.rules.scope.BRANCH': '逐个网点',
    'admin.rules.scope.REGION': '整个区域',
    'admin.rules.scope.TENANT': '全部网点合计',
    'admin.rules.branch': '网点',
    'admin.rules.region': '区域',
    'admin.rules.metric': '指标',
    'admin.rules.direction': '异常方向',
    'admin.rules.direction.BELOW': '数值过低',
    'admin.rules.direction.ABOVE': '数值过高',
    'admin.rules.threshold': '阈值',
    'admin.rules.windowHours': '统计窗口（小时）',
    'admin.rules.windowHint': '按最近若干小时计算数值（整小时，默认 1）。',
    'admin.rules.minN': '最少样本数',
    'admin.rules.minNHint': '窗口内样本数达到该值才进行判断（默认 30）。',
    'admin.rules.baselineHours': '基准期（小时）',
    'admin.rules.baselineHint': '与窗口之前的这段时间进行比较（默认 168 小时，即 7 天）。',
    'admin.rules.relativePercent': '差出基准值的比例（%）',
    'admin.rules.k': 'k（标准差倍数）',
    'admin.rules.kHint': '偏离多少个标准差视为异常（不小于 0.5，默认 3）。',
    'admin.rules.ewmaAlpha': 'EWMA 平滑系数 α',
    'admin.rules.ewmaHint': '大于 0 且不超过 1；越大越贴近最近几小时（默认 0.3）。',
    'admin.rules.hysteresis': '回滞量',
    'admin.rules.hysteresisHint': '数值回到阈值另一侧并超出该幅度后预警才解除（按指标单位；异常检测按标准差；默认 1）。',
    'admin.rules.where.BRANCH': '（{branch}）',
    'admin.rules.where.REGION': '（{region} 区域整体）',
    'admin.rules.where.TENANT': '（全部网点合计）',
    'admin.rules.say.THRESHOLD':
      '当{metric}{where}在最近 {window} 内{direction} {threshold}，且样本数不少于 {minN} 时，发出{severity}预警；数值回升 {hysteresis} 后解除。',
    'admin.rules.say.RELATIVE':
      '当{metric}{where}在最近 {window} 内{direction}之前 {baseline} 的数值，且差距超过其 {percent} %，样本数不少于 {minN} 时，发出{severity}预警；回升 {hysteresis} 后解除。',
    'admin.rules.say.ANOMALY':
      '当{metric}{where}在最近 {window} 内{direction}之前 {baseline} 逐小时数值的 EWMA（α {alpha}）超过 {k} 个标准差，且样本数不少于 {minN} 时，发出{severity}预警；回落到 {hysteresis} 个标准差以内后解除。',
    'admin.rules.say.below': '低于',
    'admin.rules.say.above': '高于',
    'admin.rules.say.worseBelow': '低于',
    'admin.rules.say.worseAbove': '高于',
    'admin.rules.hours': '{n} 小时',
  },
});

/** Whole hours of an ISO-8601 duration as the API writes it (PT1H, PT168H, P7D). */
function hoursOf(duration) {
  const found = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(duration ?? '');
  if (!found) return null;
  return Number(found[1] ?? 0) * 24 + Number(found[2] ?? 0) + Number(found[3] ?? 0) / 60;
}

const hoursText = (duration) => t('admin.rules.hours', { n: formatNumber(hoursOf(duration)) });

/** A user bound to branches or regions changes only their branches' rules: not tenant-wide, region or tenant ones. */
const writable = (rule) => !scoped() || rule.branchId !== null;

function where(rule) {
  if (rule.scope === 'REGION') return t('admin.rules.where.REGION', { region: rule.regionId });
  if (rule.scope === 'TENANT') return t('admin.rules.where.TENANT');
  return t('admin.rules.where.BRANCH', { branch: rule.branchId ?? t('admin.everyBranch') });
}

/** The rule in one plain sentence. */
function explain(rule) {
  const below = rule.direction === 'BELOW';
  return t(`admin.rules.say.${rule.kind}`, {
    severity: t(`admin.rules.severity.${rule.severity}`),
    metric: t(`admin.metric.${rule.metric}`),
    where: where(rule),
    window: hoursText(rule.window),
    baseline: hoursText(rule.baselineWindow),
    direction: rule.kind === 'THRESHOLD' ? t(below ? 'admin.rules.say.below' : 'admin.rules.say.above') : t(below ? 'admin.rules.say.worseBelow' : 'admin.rules.say.worseAbove'),
    threshold: formatMetric(rule.metric, rule.threshold),
    percent: formatNumber(rule.relativePercent, 1),
    k: formatNumber(rule.k, 1),
    alpha: formatNumber(rule.ewmaAlpha, 2),
    minN: formatNumber(rule.minN),
    hysteresis: rule.kind === 'ANOMALY' ? formatNumber(rule.hysteresis, 1) : formatMetric(rule.metric, rule.hysteresis),
  });
}

export const section = {
  key: 'alert-rules',
  path: '/admin/alert-rules',
  title: 'admin.rules.title',
  allowed: () => can.configureQuality(),
  async render(view, sections, params) {
    const reload = reloading(section, view, sections, params);
    await sectionFrame(view, sections, section.key, section.title, async () => {
      const [rules, branches] = await Promise.all([getJson('/api/v1/alert-rules'), loadBranches()]);
      const columns = [
        { label: t('admin.rules.kind'), value: (r) => h('span', { class: 'chip' }, t(`admin.rules.kind.${r.kind}`)) },
        { label: t('admin.rules.severity'), value: (r) => h('span', { class: `chip ${r.severity === 'CRITICAL' ? 'bad' : r.severity === 'WARNING' ? 'warn' : ''}` }, t(`admin.rules.severity.${r.severity}`)) },
        { label: t('admin.rules.rule'), value: explain },
        {
          label: t('admin.actions'),
          class: 'actions',
          value: (r) =>
            writable(r)
              ? [
                  h('button', { type: 'button', class: 'secondary small', onclick: () => editRule(r, branches, reload) }, t('admin.edit')),
                  ' ',
                  h('button', { type: 'button', class: 'danger small', onclick: () => removeRule(r, reload) }, t('common.delete')),
                ]
              : null,
        },
      ];
      return [
        h('div', { class: 'toolbar' }, h('button', { type: 'button', onclick: () => editRule(null, branches, reload) }, t('admin.rules.add'))),
        h('ul', { class: 'explain' }, KINDS.map((kind) => h('li', {}, h('strong', {}, t(`admin.rules.kind.${kind}`)), ': ', t(`admin.rules.kindHelp.${kind}`)))),
        table(columns, rules),
      ];
    });
  },
};

/** A number input with AlertRuleRequest's bounds; data-label names it in a refusal. */
function numberInput(name, value, attributes = {}) {
  return h('input', {
    name,
    type: 'number',
    step: 'any',
    value: value === null || value === undefined ? '' : String(value),
    'data-label': t(`admin.rules.${name}`),
    ...attributes,
  });
}

/** The add/edit form: which fields show depends on the kind and the scope, as the request's checks do. */
function editRule(rule, branches, reload) {
  const kind = select('kind', KINDS.map((k) => [k, t(`admin.rules.kind.${k}`)]), rule?.kind ?? 'THRESHOLD');
  const scope = select('scope', (scoped() ? ['BRANCH'] : SCOPES).map((s) => [s, t(`admin.rules.scope.${s}`)]), rule?.scope ?? 'BRANCH');
  const metric = select('metric', metricChoices(), rule?.metric ?? 'csat.percent');
  const kindHelp = h('small', {}, '');
  const unit = h('small', {}, '');
  const part = (kinds, scopes, content) => h('div', { dataset: { kinds: kinds.join(' '), scopes: scopes.join(' ') } }, content);
  const fields = [
    h('label', { class: 'field' }, h('span', { class: 'label' }, t('admin.rules.kind')), kind, kindHelp),
    field(t('admin.rules.scope'), scope),
    part(KINDS, ['BRANCH'], field(t('admin.rules.branch'), select('branchId', [...(scoped() ? [] : [['', t('admin.everyBranch')]]), ...branches.map((b) => [b.branchId, `${b.branchId} · ${b.name}`])], rule?.branchId ?? ''))),
    part(KINDS, ['REGION'], field(t('admin.rules.region'), select('regionId', regionsOf(branches).map((r) => [r, r]), rule?.regionId ?? ''))),
    h('label', { class: 'field' }, h('span', { class: 'label' }, t('admin.rules.metric')), metric, unit),
    field(t('admin.rules.direction'), select('direction', ['BELOW', 'ABOVE'].map((d) => [d, t(`admin.rules.direction.${d}`)]), rule?.direction ?? 'BELOW')),
    part(['THRESHOLD'], SCOPES, field(t('admin.rules.threshold'), numberInput('threshold', rule?.threshold, { required: true }))),
    part(['RELATIVE'], SCOPES, field(t('admin.rules.relativePercent'), numberInput('relativePercent', rule?.relativePercent, { required: true, min: 0 }))),
    field(t('admin.rules.windowHours'), numberInput('windowHours', rule ? hoursOf(rule.window) : 1, { min: 1, step: 1 }), t('admin.rules.windowHint')),
    part(['RELATIVE', 'ANOMALY'], SCOPES, field(t('admin.rules.baselineHours'), numberInput('baselineHours', rule ? hoursOf(rule.baselineWindow) : 168, { min: 1, step: 1 }), t('admin.rules.baselineHint'))),
    part(['ANOMALY'], SCOPES, field(t('admin.rules.k'), numberInput('k', rule?.k ?? 3, { min: 0.5 }), t('admin.rules.kHint'))),
    part(['ANOMALY'], SCOPES, field(t('admin.rules.ewmaAlpha'), numberInput('ewmaAlpha', rule?.ewmaAlpha ?? 0.3, { max: 1 }), t('admin.rules.ewmaHint'))),
    field(t('admin.rules.minN'), numberInput('minN', rule?.minN ?? 30, { min: 1, step: 1 }), t('admin.rules.minNHint')),
    field(t('admin.rules.hysteresis'), numberInput('hysteresis', rule?.hysteresis ?? 1, { min: 0 }), t('admin.rules.hysteresisHint')),
    field(t('admin.rules.severity'), select('severity', SEVERITIES.map((s) => [s, t(`admin.rules.severity.${s}`)]), rule?.severity ?? 'WARNING')),
  ];
  const labels = {
    branchId: t('admin.rules.branch'),
    regionId: t('admin.rules.region'),
    regionIdGivenExactlyForRegionRules: t('admin.rules.region'),
    branchIdOnlyForBranchRules: t('admin.rules.branch'),
    thresholdGivenForThresholdRules: t('admin.rules.threshold'),
    relativePercentGivenForRelativeRules: t('admin.rules.relativePercent'),
    windowInWholeHours: t('admin.rules.windowHours'),
    window: t('admin.rules.windowHours'),
    baselineWindow: t('admin.rules.baselineHours'),
    metric: t('admin.rules.metric'),
    threshold: t('admin.rules.threshold'),
    relativePercent: t('admin.rules.relativePercent'),
    k: t('admin.rules.k'),
    ewmaAlpha: t('admin.rules.ewmaAlpha'),
    minN: t('admin.rules.minN'),
    hysteresis: t('admin.rules.hysteresis'),
  };
  const box = formDialog(
    rule ? t('admin.rules.editTitle') : t('admin.rules.add'),
    fields,
    t('common.save'),
    labels,
    async (form) => {
      const v = (name) => form.elements[name].value.trim();
      const number = (name) => (form.elements[name].disabled || v(name) === '' ? null : Number(v(name)));
      const hours = (name) => (number(name) === null ? null : `PT${number(name)}H`);
      const body = {
        kind: v('kind'),
        scope: v('scope'),
        branchId: v('scope') === 'BRANCH' ? v('branchId') || null : null,
        regionId: v('scope') === 'REGION' ? v('regionId') || null : null,
        metric: v('metric'),
        direction: v('direction'),
        threshold: number('threshold'),
        relativePercent: number('relativePercent'),
        window: hours('windowHours'),
        baselineWindow: hours('baselineHours'),
        k: number('k'),
        ewmaAlpha: number('ewmaAlpha'),
        minN: number('minN'),
        hysteresis: number('hysteresis'),
        severity: v('severity'),
      };
      if (rule) await putJson(`/api/v1/alert-rules/${encodeURIComponent(rule.id)}`, body);
      else await postJson('/api/v1/alert-rules', body);
      notify(t('admin.rules.saved'));
      reload();
    },
    (form) =>
      // ewmaAlpha must be above 0 (exclusive), which min= cannot say
      !form.elements.ewmaAlpha.disabled && form.elements.ewmaAlpha.value !== '' && Number(form.elements.ewmaAlpha.value) <= 0
        ? [{ field: t('admin.rules.ewmaAlpha'), message: t('admin.invalid.above', { min: 0 }) }]
        : [],
  );
  // show only the fields of the chosen kind and scope; hidden ones are disabled so they are neither checked nor sent
  const update = () => {
    box.querySelectorAll('[data-kinds]').forEach((el) => {
      const shown = el.dataset.kinds.split(' ').includes(kind.value) && el.dataset.scopes.split(' ').includes(scope.value);
      el.hidden = !shown;
      el.querySelectorAll('input, select').forEach((control) => {
        control.disabled = !shown;
      });
    });
    kindHelp.textContent = t(`admin.rules.kindHelp.${kind.value}`);
    unit.textContent = unitHint(metric.value);
  };
  [kind, scope, metric].forEach((control) => control.addEventListener('change', update));
  update();
}

async function removeRule(rule, reload) {
  if (!(await confirmBox(t('admin.rules.removeTitle'), `${explain(rule)} ${t('admin.rules.removeText')}`, t('common.delete')))) return;
  try {
    await deleteJson(`/api/v1/alert-rules/${encodeURIComponent(rule.id)}`);
    notify(t('admin.rules.removed'));
    reload();
  } catch (error) {
    notify(problemText(error), 'error');
  }
}

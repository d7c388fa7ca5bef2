// The risk register (reporting-service /api/v1/risk, docs/risk.md): every branch's current grade (I the most severe …
// IV) from likelihood × impact, shown as the 5 × 5 risk matrix and as a register with the response each grade
// requires; a branch's page shows its factors and its grade history. The service recomputes the register live: a
// grade change on the live stream (event risk-grade) reloads the page at once, and it asks again every 15 seconds
// for the figures that change without a new grade. The region filter lives in the hash (#/risk?region=east).
import { getJson, query as queryString } from '../../api.js';
import { formatDateTime, formatNumber, has, messages, t } from '../../i18n.js';
import { h, table } from '../../ui.js';
import { followLive, throttle } from '../dashboard/common.js';

messages({
  en: {
    'risk.nav': 'Risk',
    'risk.title': 'Risk register',
    'risk.hint': 'Likelihood × impact gives each branch a grade; grade I is the most severe and needs the fastest response.',
    'risk.region': 'Region',
    'risk.region.all': 'all regions',
    'risk.matrix': 'Risk matrix',
    'risk.matrix.likelihood': 'Likelihood',
    'risk.matrix.impact': 'Impact',
    'risk.matrix.cell': 'likelihood {likelihood} × impact {impact} = {score}, grade {grade}: {count} branches',
    'risk.register': 'Branches',
    'risk.grade': 'Grade',
    'risk.grade.I': 'Grade I',
    'risk.grade.II': 'Grade II',
    'risk.grade.III': 'Grade III',
    'risk.grade.IV': 'Grade IV',
    'risk.byGrade': '{grade}: {count}',
    'risk.branch': 'Branch',
    'risk.likelihood': 'Likelihood',
    'risk.impact': 'Impact',
    'risk.score': 'Score',
    'risk.since': 'Grade since',
    'risk.owner': 'Response owner',
    'risk.due': 'Response due',
    'risk.overdue': 'overdue',
    'risk.raised': 'Raised factors',
    'risk.none': 'No branch has been assessed yet.',
    'risk.back': 'Risk register',
    'risk.branchTitle': 'Risk of branch {branchId}',
    'risk.toBranch': 'Branch view',
    'risk.notAssessed': 'This branch has not been assessed yet.',
    'risk.factors': 'Factors',
    'risk.factor': 'Factor',
    'risk.dimension': 'Counts towards',
    'risk.value': 'Value',
    'risk.n': 'n',
    'risk.minN': 'minimum n',
    'risk.level': 'Level',
    'risk.tooFew': 'too few data: counted as level 1',
    'risk.noData': 'no data',
    'risk.dimension.LIKELIHOOD': 'likelihood',
    'risk.dimension.IMPACT': 'impact',
    'risk.factor.sqiDrop': 'SQI drop (points, last 7 days against the 7 before)',
    'risk.factor.alertsRaised': 'Alerts raised (last 7 days)',
    'risk.factor.slaBreachRate': 'SLA breaches per 100 complaints (last 7 days)',
    'risk.factor.dailyVolume': 'Customers per day (feedback and interactions)',
    'risk.factor.severeOpenShare': 'Open complaints that are high or critical (%)',
    'risk.response': 'Required response',
    'risk.responseLine': '{owner}, within {hours} h: due {due}',
    'risk.history': 'Grade history',
    'risk.changed': 'Changed',
    'risk.change': 'Change',
    'risk.first': 'first assessment: {grade}',
    'risk.model': 'Risk model',
    'risk.model.source.DEFAULT': 'The platform default model.',
    'risk.model.source.TENANT': 'Your organisation’s model, changed {when}.',
    'risk.model.thresholds': 'Level 2 from {t2}, level 3 from {t3}, level 4 from {t4}, level 5 from {t5}; at least {minN} observations.',
    'risk.model.grade': '{grade}: score {min} or more; {owner} responds within {hours} h',
    'risk.assessedAt': 'assessed {when}',
  },
  'zh-CN': {
    'risk.nav': '风险',
    'risk.title': '风险登记册',
    'risk.hint': '可能性 × 影响程度确定每个网点的风险等级；Ⅰ级最严重，须最快响应。',
    'risk.region': '区域',
    'risk.region.all': '全部区域',
    'risk.matrix': '风险矩阵',
    'risk.matrix.likelihood': '可能性',
    'risk.matrix.impact': '影响程度',
    'risk.matrix.cell': '可能性 {likelihood} × 影响程度 {impact} = {score}，{grade}：{count} 个网点',
    'risk.register': '网点',
    'risk.grade': '等级',
    'risk.grade.I': 'Ⅰ级',
    'risk.grade.II': 'Ⅱ级',
    'risk.grade.III': 'Ⅲ级',
    'risk.grade.IV': 'Ⅳ级',
    'risk.byGrade': '{grade}：{count}',
    'risk.branch': '网点',
    'risk.likelihood': '可能性',
    'risk.impact': '影响程度',
    'risk.score': '风险值',
    'risk.since': '定级时间',
    'risk.owner': '责任人',
    'risk.due': '响应期限',
    'risk.overdue': '已逾期',
    'risk.raised': '升高的因素',
    'risk.none': '尚无网点完成风险评估。',
    'risk.back': '风险登记册',
    'risk.branchTitle': '网点 {branchId} 的风险',
    'risk.toBranch': '网点视图',
    'risk.notAssessed': '该网点尚未完成风险评估。',
    'risk.factors': '风险因素',
    'risk.factor': '因素',
    'risk.dimension': '计入',
    'risk.value': '数值',
    'risk.n': '样本量',
    'risk.minN': '最小样本量',
    'risk.level': '级别',
    'risk.tooFew': '数据不足：按 1 级计',
    'risk.noData': '无数据',
    'risk.dimension.LIKELIHOOD': '可能性',
    'risk.dimension.IMPACT': '影响程度',
    'risk.factor.sqiDrop': 'SQI 下降（分，近 7 天对比前 7 天）',
    'risk.factor.alertsRaised': '触发的告警（近 7 天）',
    'risk.factor.slaBreachRate': '每百件投诉的 SLA 超时（近 7 天）',
    'risk.factor.dailyVolume': '日均客户数（评价与服务交互）',
    'risk.factor.severeOpenShare': '未结投诉中高/紧急级别占比（%）',
    'risk.response': '应采取的响应',
    'risk.responseLine': '{owner}，{hours} 小时内：截止 {due}',
    'risk.history': '等级变化记录',
    'risk.changed': '变化时间',
    'risk.change': '变化',
    'risk.first': '首次评估：{grade}',
    'risk.model': '风险模型',
    'risk.model.source.DEFAULT': '平台默认模型。',
    'risk.model.source.TENANT': '本机构的模型，修改于 {when}。',
    'risk.model.thresholds': '{t2} 起为 2 级，{t3} 起为 3 级，{t4} 起为 4 级，{t5} 起为 5 级；至少 {minN} 个观测。',
    'risk.model.grade': '{grade}：风险值 {min} 及以上；由{owner}在 {hours} 小时内响应',
    'risk.assessedAt': '评估于 {when}',
  },
});

// The default model's actions (reporting-service application.yml, docs/risk.md) in Chinese, by their English text: a
// tenant's own model is shown as its authors wrote it.
const DEFAULT_ACTIONS_ZH = {
  'Regional head convenes an incident review with the branch and quality managers': '区域负责人召集网点经理和质量经理进行事件复盘',
  'Containment measures for the failing factors (staffing, escalation of open severe complaints)': '针对超标因素采取遏制措施（人员调配、升级处理未结的严重投诉）',
  'Daily report to the tenant administrator until the grade falls': '每日向机构管理员报告，直至等级下降',
  "Quality manager reviews the branch's factors with the branch manager": '质量经理与网点经理共同审查该网点的风险因素',
  'Agree a corrective action plan with owners and dates': '制定纠正措施计划，明确责任人和完成日期',
  'Branch manager analyses the causes of the raised factors and reports them': '网点经理分析升高因素的原因并上报',
  'Routine monitoring': '常规监测',
};
messages({ 'zh-CN': Object.fromEntries(Object.entries(DEFAULT_ACTIONS_ZH).map(([en, zh]) => [`risk.action.${en}`, zh])) });

/** An action of a grade's response: the default model's in the user's language, a tenant's own as written. */
const actionText = (action) => (has(`risk.action.${action}`) ? t(`risk.action.${action}`) : action);

const REFRESH_MS = 15000;
const GRADES = ['I', 'II', 'III', 'IV'];

const gradeChip = (grade) => h('span', { class: `chip risk-${grade}` }, t(`risk.grade.${grade}`));

/** A factor's value in its unit, or why it does not count. */
function factorValue(factor) {
  if (factor.value === null || factor.value === undefined) return t('risk.noData');
  const digits = Number.isInteger(factor.value) ? 0 : 1;
  return formatNumber(factor.value, digits);
}

function responseCell(risk) {
  const response = risk.response;
  if (!response) return '';
  const overdue = new Date(response.dueAt) < new Date();
  return h('span', {},
    formatDateTime(response.dueAt, risk.branchId),
    overdue ? [' ', h('span', { class: 'chip bad' }, t('risk.overdue'))] : null);
}

/** The factors above level 1, in short: what drives the branch's grade. */
function raisedFactors(risk) {
  const raised = risk.factors.filter((f) => f.enoughData && f.level > 1);
  return raised.length
    ? h('ul', { class: 'plain-list' }, raised.map((f) => h('li', {}, `${t(`risk.factor.${f.name}`)}: ${factorValue(f)} (${t('risk.level')} ${f.level})`)))
    : h('span', { class: 'muted' }, '—');
}

/** The 5 × 5 matrix: likelihood 5 at the top, impact 1 on the left, each cell coloured by its grade. */
function matrixGrid(matrix, branchLink) {
  const byPosition = new Map(matrix.cells.map((cell) => [`${cell.likelihood}:${cell.impact}`, cell]));
  const rows = [];
  for (let likelihood = 5; likelihood >= 1; likelihood--) {
    rows.push(h('tr', {},
      h('th', { scope: 'row' }, formatNumber(likelihood)),
      [1, 2, 3, 4, 5].map((impact) => {
        const cell = byPosition.get(`${likelihood}:${impact}`);
        if (!cell) return h('td', {});
        const label = t('risk.matrix.cell', {
          likelihood, impact, score: cell.score, grade: t(`risk.grade.${cell.grade}`), count: cell.count,
        });
        return h('td', { class: `risk-cell risk-${cell.grade}${cell.count ? ' filled' : ''}`, title: label, 'aria-label': label },
          h('strong', {}, cell.count ? formatNumber(cell.count) : ''),
          cell.branches.length ? h('div', { class: 'risk-branches' }, cell.branches.map((id) => branchLink(id))) : null);
      })));
  }
  return h('table', { class: 'risk-matrix' },
    h('caption', {}, `${t('risk.matrix.likelihood')} ↑ · ${t('risk.matrix.impact')} →`),
    h('tbody', {}, rows),
    h('tfoot', {}, h('tr', {}, h('th', {}), [1, 2, 3, 4, 5].map((impact) => h('th', { scope: 'col' }, formatNumber(impact))))));
}

function modelPanel(model) {
  const thresholdLine = (rule) => {
    const [t2, t3, t4, t5] = rule.thresholds.map((value) => formatNumber(value, Number.isInteger(value) ? 0 : 1));
    return t('risk.model.thresholds', { t2, t3, t4, t5, minN: formatNumber(rule.minN) });
  };
  const factorRows = [
    ...Object.entries(model.likelihood ?? {}).map(([name, rule]) => ({ name, rule, dimension: 'LIKELIHOOD' })),
    ...Object.entries(model.impact ?? {}).map(([name, rule]) => ({ name, rule, dimension: 'IMPACT' })),
  ].filter((row) => row.rule && Array.isArray(row.rule.thresholds));
  return h('details', { class: 'panel' },
    h('summary', {}, h('strong', {}, t('risk.model'))),
    h('p', { class: 'muted' }, model.source === 'TENANT'
      ? t('risk.model.source.TENANT', { when: formatDateTime(model.changedAt) })
      : t('risk.model.source.DEFAULT')),
    table([
      { label: t('risk.factor'), value: (row) => t(`risk.factor.${row.name}`) },
      { label: t('risk.dimension'), value: (row) => t(`risk.dimension.${row.dimension}`) },
      { label: t('risk.level'), value: (row) => thresholdLine(row.rule) },
    ], factorRows),
    h('ul', { class: 'plain-list' }, model.grades.map((rule) => h('li', {},
      gradeChip(rule.grade), ' ',
      t('risk.model.grade', { grade: t(`risk.grade.${rule.grade}`), min: rule.minScore, owner: t(`role.${rule.ownerRole}`), hours: rule.responseHours }),
      h('ul', {}, rule.actions.map((action) => h('li', {}, actionText(action))))))));
}

async function renderRegister(view, _params, query) {
  const directory = await getJson('/api/v1/branches').catch(() => []);
  const regions = [...new Set(directory.map((b) => b.regionId).filter(Boolean))].sort();
  const region = regions.includes(query.get('region')) ? query.get('region') : '';
  const scope = queryString({ regionId: region || undefined });
  const branchLink = (branchId) => h('a', { href: `#/risk/branches/${encodeURIComponent(branchId)}` }, branchId);

  const status = h('span', { class: 'live-status', role: 'status' });
  const head = h('section', { class: 'panel dash-head' },
    h('div', {}, h('h1', {}, t('risk.title')), h('p', { class: 'muted' }, t('risk.hint')), status),
    regions.length > 1
      ? h('label', { class: 'field' }, h('span', { class: 'label' }, t('risk.region')),
        h('select', { name: 'region', onchange: (e) => { location.hash = `#/risk${queryString({ region: e.target.value || undefined })}`; } },
          [['', t('risk.region.all')], ...regions.map((r) => [r, r])].map(([value, text]) => new Option(text, value, false, value === region))))
      : null);
  const matrixPanel = h('section', { class: 'panel' });
  const registerPanel = h('section', { class: 'panel' });
  const modelHolder = h('div');
  view.append(head, h('div', { class: 'columns' }, matrixPanel, registerPanel), modelHolder);

  const draw = ([matrix, register, model]) => {
    matrixPanel.replaceChildren(
      h('h2', {}, t('risk.matrix')),
      h('p', { class: 'risk-grades' }, GRADES.flatMap((grade) => [gradeChip(grade), ' ', formatNumber(matrix.byGrade?.[grade] ?? 0), '  '])),
      matrixGrid(matrix, branchLink));
    registerPanel.replaceChildren(
      h('h2', {}, t('risk.register')),
      table([
        { label: t('risk.branch'), value: (r) => branchLink(r.branchId) },
        { label: t('risk.grade'), value: (r) => gradeChip(r.grade) },
        { label: t('risk.score'), class: 'num', value: (r) => `${formatNumber(r.likelihood)} × ${formatNumber(r.impact)} = ${formatNumber(r.score)}` },
        { label: t('risk.raised'), value: raisedFactors },
        { label: t('risk.owner'), value: (r) => (r.response ? t(`role.${r.response.ownerRole}`) : '') },
        { label: t('risk.due'), value: responseCell },
      ], register.branches, { empty: t('risk.none') }));
    modelHolder.replaceChildren(modelPanel(model));
  };
  const load = () => Promise.all([
    getJson(`/api/v1/risk/matrix${scope}`),
    getJson(`/api/v1/risk/register${scope}`),
    getJson('/api/v1/risk/model'),
  ]);
  draw(await load());
  return keptCurrent(() => load().then(draw), { regionId: region || undefined }, status);
}

/**
 * Reloads the page's data every 15 s and, at most every 2 s, when the live stream of the scope says a grade changed
 * or asks for a reload. Returns what stops both.
 */
function keptCurrent(reload, scope, status) {
  const quiet = () => reload().catch(() => {});
  const soon = throttle(quiet, 2000);
  const timer = setInterval(quiet, REFRESH_MS);
  const stop = followLive(scope, status, { onRiskGrade: () => soon.request(), onReset: () => soon.request() });
  return () => {
    stop();
    soon.cancel();
    clearInterval(timer);
  };
}

async function renderBranchRisk(view, { branchId }) {
  const status = h('span', { class: 'live-status', role: 'status' });
  const top = h('section', { class: 'panel dash-head' },
    h('div', {},
      h('p', {}, h('a', { href: '#/risk' }, `← ${t('risk.back')}`), ' · ',
        h('a', { href: `#/branches/${encodeURIComponent(branchId)}` }, t('risk.toBranch'))),
      h('h1', {}, t('risk.branchTitle', { branchId }))),
    status);
  const current = h('section', { class: 'panel' });
  const history = h('section', { class: 'panel' });
  view.append(top, current, history);

  const draw = (report) => {
    const risk = report.current;
    if (!risk) {
      current.replaceChildren(h('p', { class: 'muted' }, t('risk.notAssessed')));
    } else {
      current.replaceChildren(
        h('h2', {}, gradeChip(risk.grade), ' ',
          `${t('risk.likelihood')} ${formatNumber(risk.likelihood)} × ${t('risk.impact')} ${formatNumber(risk.impact)} = ${formatNumber(risk.score)}`),
        h('p', { class: 'muted' },
          `${t('risk.since')}: ${formatDateTime(risk.gradeSince, branchId)} · ${t('risk.assessedAt', { when: formatDateTime(risk.assessedAt, branchId) })}`),
        risk.response
          ? h('div', {},
            h('h3', {}, t('risk.response')),
            h('p', {}, t('risk.responseLine', {
              owner: t(`role.${risk.response.ownerRole}`), hours: risk.response.responseHours, due: formatDateTime(risk.response.dueAt, branchId),
            }), new Date(risk.response.dueAt) < new Date() ? [' ', h('span', { class: 'chip bad' }, t('risk.overdue'))] : null),
            h('ul', {}, risk.response.actions.map((action) => h('li', {}, actionText(action)))))
          : null,
        h('h3', {}, t('risk.factors')),
        table([
          { label: t('risk.factor'), value: (f) => t(`risk.factor.${f.name}`) },
          { label: t('risk.dimension'), value: (f) => t(`risk.dimension.${f.dimension}`) },
          { label: t('risk.value'), class: 'num', value: factorValue },
          { label: t('risk.n'), class: 'num', value: (f) => formatNumber(f.n) },
          { label: t('risk.minN'), class: 'num', value: (f) => formatNumber(f.minN) },
          { label: t('risk.level'), class: 'num', value: (f) => (f.enoughData ? formatNumber(f.level) : h('span', { class: 'muted', title: t('risk.tooFew') }, `${formatNumber(f.level)} *`)) },
        ], risk.factors),
        risk.factors.some((f) => !f.enoughData) ? h('p', { class: 'muted' }, `* ${t('risk.tooFew')}`) : null);
    }
    history.replaceChildren(
      h('h2', {}, t('risk.history')),
      table([
        { label: t('risk.changed'), value: (c) => formatDateTime(c.occurredAt, branchId) },
        { label: t('risk.change'), value: (c) => (c.previousGrade
          ? h('span', {}, gradeChip(c.previousGrade), ' → ', gradeChip(c.grade))
          : t('risk.first', { grade: t(`risk.grade.${c.grade}`) })) },
        { label: t('risk.score'), class: 'num', value: (c) => `${formatNumber(c.likelihood)} × ${formatNumber(c.impact)} = ${formatNumber(c.score)}` },
        { label: t('risk.raised'), value: raisedFactors },
      ], report.changes));
  };
  const load = () => getJson(`/api/v1/risk/branches/${encodeURIComponent(branchId)}/history`);
  draw(await load());
  return keptCurrent(() => load().then(draw), { branchId }, status);
}

export const routes = [
  { path: '/risk', nav: 'risk.nav', title: 'risk.title', render: renderRegister },
  { path: '/risk/branches/:branchId', title: 'risk.title', section: 'risk.nav', render: renderBranchRisk },
];

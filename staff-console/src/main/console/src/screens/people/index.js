// Staff quality (reporting-service /api/v1/reports/staff…): per agent and complaint handler over the last local days
// of a scope — interactions against the handle-time standard (≤ 180 s, ≤ 300 s complex), FCR, the CSAT/NPS of the
// feedback linked to their interactions, complaint SLA compliance and reopenings — a ranking by one metric with 95 %
// intervals and ties, and the training-needs list (below a standard on enough observations). The service scopes it: an
// agent sees only themselves, a branch manager their branches. Choices live in the hash
// (#/people?view=ranking&metric=fcrRate&branchId=N-01&range=30d).
import { api, getJson, query as queryString } from '../../api.js';
import { formatNumber, formatPercent, messages, t, zoneFor } from '../../i18n.js';
import { currentUser } from '../../session.js';
import { download, field, h, select, table } from '../../ui.js';
import { branchesInScope } from '../complaints/branches.js';
import { iso, period } from '../dashboard/common.js';

messages({
  en: {
    'people.nav': 'Staff',
    'people.title': 'Staff quality',
    'people.hint': 'Handle time is held to 180 s (300 s for complex cases); CSAT and NPS come from the feedback on each agent’s own interactions.',
    'people.view': 'Show',
    'people.view.staff': 'all staff',
    'people.view.ranking': 'ranking',
    'people.view.training': 'training needs',
    'people.branch': 'Branch',
    'people.branch.all': 'all my branches',
    'people.range': 'Period',
    'people.range.7d': 'last 7 days',
    'people.range.30d': 'last 30 days',
    'people.metric': 'Rank by',
    'people.export': 'Export CSV',
    'people.staffId': 'Staff',
    'people.branches': 'Branches',
    'people.offered': 'Offered',
    'people.answerRate': 'Answered',
    'people.aht': 'Avg handle time',
    'people.ahtStandard': 'standard {standard}',
    'people.within3': '≤ 3 min',
    'people.within5': '≤ 5 min',
    'people.withinStandard': 'Within standard',
    'people.fcr': 'FCR',
    'people.csat': 'CSAT',
    'people.nps': 'NPS',
    'people.linked': 'n = {n}',
    'people.resolved': 'Complaints resolved',
    'people.firstResponse': 'First response in SLA',
    'people.resolution': 'Resolution in SLA',
    'people.reopen': 'Reopened',
    'people.none': 'No staff figures in this period.',
    'people.rank': 'Rank',
    'people.tie': 'tied (group {group})',
    'people.value': 'Value',
    'people.n': 'n',
    'people.ci': '95 % interval',
    'people.excluded': 'Not ranked (fewer than {minN} observations): {list}',
    'people.needs': 'Below standard',
    'people.need': '{metric}: {value} (standard {bound} {standard}, n = {n})',
    'people.bound.AT_MOST': 'at most',
    'people.bound.AT_LEAST': 'at least',
    'people.noNeeds': 'Nobody is below a standard on enough observations (at least {minN}).',
    'people.metric.avgHandleSeconds': 'average handle time',
    'people.metric.handledWithinStandardRate': 'handled within standard',
    'people.metric.handledWithin3MinutesRate': 'handled within 3 minutes',
    'people.metric.handledWithin5MinutesRate': 'handled within 5 minutes',
    'people.metric.fcrRate': 'first-contact resolution',
    'people.metric.answerRate': 'answer rate',
    'people.metric.csat': 'CSAT',
    'people.metric.nps': 'NPS',
    'people.metric.firstResponseCompliance': 'first-response SLA compliance',
    'people.metric.resolutionCompliance': 'resolution SLA compliance',
    'people.metric.complaintsResolved': 'complaints resolved',
    'people.metric.reopenRate': 'reopen rate',
    'people.seconds': '{value} s',
  },
  'zh-CN': {
    'people.nav': '人员',
    'people.title': '人员服务质量',
    'people.hint': '处理时长标准为 180 秒（复杂业务 300 秒）；CSAT 与 NPS 取自客户对该员工本人所办业务的评价。',
    'people.view': '显示',
    'people.view.staff': '全部人员',
    'people.view.ranking': '排名',
    'people.view.training': '培训需求',
    'people.branch': '网点',
    'people.branch.all': '我的全部网点',
    'people.range': '期间',
    'people.range.7d': '近 7 天',
    'people.range.30d': '近 30 天',
    'people.metric': '排名指标',
    'people.export': '导出 CSV',
    'people.staffId': '员工',
    'people.branches': '网点',
    'people.offered': '受理量',
    'people.answerRate': '接通率',
    'people.aht': '平均处理时长',
    'people.ahtStandard': '标准 {standard}',
    'people.within3': '≤ 3 分钟',
    'people.within5': '≤ 5 分钟',
    'people.withinStandard': '达标率',
    'people.fcr': '首次解决率',
    'people.csat': 'CSAT',
    'people.nps': 'NPS',
    'people.linked': 'n = {n}',
    'people.resolved': '已解决投诉',
    'people.firstResponse': '首次响应达标',
    'people.resolution': '解决时限达标',
    'people.reopen': '重新打开',
    'people.none': '本期间没有人员数据。',
    'people.rank': '名次',
    'people.tie': '并列（第 {group} 组）',
    'people.value': '数值',
    'people.n': '样本量',
    'people.ci': '95% 置信区间',
    'people.excluded': '未参与排名（观测数少于 {minN}）：{list}',
    'people.needs': '未达标项',
    'people.need': '{metric}：{value}（标准：{bound} {standard}，n = {n}）',
    'people.bound.AT_MOST': '不高于',
    'people.bound.AT_LEAST': '不低于',
    'people.noNeeds': '没有人员在足够观测数（至少 {minN}）下低于标准。',
    'people.metric.avgHandleSeconds': '平均处理时长',
    'people.metric.handledWithinStandardRate': '处理时长达标率',
    'people.metric.handledWithin3MinutesRate': '3 分钟内处理率',
    'people.metric.handledWithin5MinutesRate': '5 分钟内处理率',
    'people.metric.fcrRate': '首次解决率',
    'people.metric.answerRate': '接通率',
    'people.metric.csat': 'CSAT',
    'people.metric.nps': 'NPS',
    'people.metric.firstResponseCompliance': '首次响应 SLA 达标率',
    'people.metric.resolutionCompliance': '解决 SLA 达标率',
    'people.metric.complaintsResolved': '已解决投诉数',
    'people.metric.reopenRate': '重新打开率',
    'people.seconds': '{value} 秒',
  },
});

const VIEWS = ['staff', 'ranking', 'training'];
const RANGES = ['7d', '30d'];
const METRICS = [
  'avgHandleSeconds', 'handledWithinStandardRate', 'handledWithin3MinutesRate', 'handledWithin5MinutesRate', 'fcrRate',
  'answerRate', 'csat', 'nps', 'firstResponseCompliance', 'resolutionCompliance', 'complaintsResolved',
];

const seconds = (value) => (value === null || value === undefined ? '—' : t('people.seconds', { value: formatNumber(value) }));
const percent = (value) => formatPercent(value);

/** A metric's value as its unit says: seconds, a count, an NPS score or a percentage. */
function metricValue(metric, value) {
  if (metric === 'avgHandleSeconds') return seconds(value);
  if (metric === 'complaintsResolved') return formatNumber(value);
  if (metric === 'nps') return formatNumber(value, 1);
  return percent(value);
}

function staffTable(report, me) {
  const person = (m) => h('span', { class: m.staffId === me ? 'me' : '' }, m.staffId);
  const i = (m) => m.interactions;
  const withN = (value, n) => (value === null || value === undefined ? '—' : h('span', {}, value, ' ', h('small', { class: 'muted' }, t('people.linked', { n: formatNumber(n) }))));
  const aht = (m) => {
    const block = i(m);
    if (!block || block.avgHandleSeconds === null) return '—';
    const over = block.standardHandleSeconds !== null && block.avgHandleSeconds > block.standardHandleSeconds;
    return h('span', {},
      h('span', { class: over ? 'chip bad' : '' }, seconds(block.avgHandleSeconds)), ' ',
      h('small', { class: 'muted' }, t('people.ahtStandard', { standard: seconds(block.standardHandleSeconds) })));
  };
  return table([
    { label: t('people.staffId'), value: person },
    { label: t('people.branches'), value: (m) => m.branchIds.join(', ') },
    { label: t('people.offered'), class: 'num', value: (m) => (i(m) ? formatNumber(i(m).offered) : '—') },
    { label: t('people.answerRate'), class: 'num', value: (m) => (i(m) ? percent(i(m).answerRate) : '—') },
    { label: t('people.aht'), value: aht },
    { label: t('people.within3'), class: 'num', value: (m) => percent(i(m)?.handledWithin3MinutesRate) },
    { label: t('people.within5'), class: 'num', value: (m) => percent(i(m)?.handledWithin5MinutesRate) },
    { label: t('people.fcr'), class: 'num', value: (m) => percent(i(m)?.fcrRate) },
    { label: t('people.csat'), class: 'num', value: (m) => withN(m.feedback?.csat ? percent(m.feedback.csat.percent) : null, m.feedback?.csat?.n) },
    { label: t('people.nps'), class: 'num', value: (m) => withN(m.feedback?.nps ? formatNumber(m.feedback.nps.score, 1) : null, m.feedback?.nps?.n) },
    { label: t('people.resolved'), class: 'num', value: (m) => (m.complaints ? formatNumber(m.complaints.resolved) : '—') },
    { label: t('people.firstResponse'), class: 'num', value: (m) => percent(m.complaints?.firstResponseCompliance) },
    { label: t('people.resolution'), class: 'num', value: (m) => percent(m.complaints?.resolutionCompliance) },
    { label: t('people.reopen'), class: 'num', value: (m) => percent(m.complaints?.reopenRate) },
  ], report.staff, { empty: t('people.none') });
}

function rankingTable(ranking, me) {
  const ci = (entry) => (entry.ci95 ? `${metricValue(ranking.metric, entry.ci95[0])} – ${metricValue(ranking.metric, entry.ci95[1])}` : '—');
  const groupSizes = new Map();
  for (const entry of ranking.entries) groupSizes.set(entry.tieGroup, (groupSizes.get(entry.tieGroup) ?? 0) + 1);
  return h('div', {},
    table([
      { label: t('people.rank'), class: 'num', value: (e) => h('span', {}, formatNumber(e.rank),
        groupSizes.get(e.tieGroup) > 1 ? [' ', h('small', { class: 'muted' }, t('people.tie', { group: e.tieGroup }))] : null) },
      { label: t('people.staffId'), value: (e) => h('span', { class: e.staffId === me ? 'me' : '' }, e.staffId) },
      { label: t('people.value'), class: 'num', value: (e) => metricValue(ranking.metric, e.value) },
      { label: t('people.n'), class: 'num', value: (e) => formatNumber(e.n) },
      { label: t('people.ci'), class: 'num', value: ci },
    ], ranking.entries, { empty: t('people.none') }),
    ranking.excluded.length
      ? h('p', { class: 'muted' }, t('people.excluded', {
        minN: formatNumber(ranking.minN),
        list: ranking.excluded.map((x) => `${x.staffId} (n = ${formatNumber(x.n)})`).join(', '),
      }))
      : null);
}

function trainingTable(needs, me) {
  const needText = (need) => t('people.need', {
    metric: t(`people.metric.${need.metric}`),
    value: metricValue(need.metric, need.value),
    bound: t(`people.bound.${need.bound}`),
    standard: metricValue(need.metric, need.standard),
    n: formatNumber(need.n),
  });
  return table([
    { label: t('people.staffId'), value: (s) => h('span', { class: s.staffId === me ? 'me' : '' }, s.staffId) },
    { label: t('people.branches'), value: (s) => s.branchIds.join(', ') },
    { label: t('people.needs'), value: (s) => h('ul', { class: 'plain-list' }, s.needs.map((need) => h('li', {}, needText(need)))) },
  ], needs.staff, { empty: t('people.noNeeds', { minN: formatNumber(needs.minN) }) });
}

async function renderPeople(view, _params, query) {
  const me = currentUser().username;
  const branches = await branchesInScope();
  const choice = {
    view: VIEWS.includes(query.get('view')) ? query.get('view') : 'staff',
    metric: METRICS.includes(query.get('metric')) ? query.get('metric') : 'avgHandleSeconds',
    branchId: branches.includes(query.get('branchId')) ? query.get('branchId') : '',
    range: RANGES.includes(query.get('range')) ? query.get('range') : '7d',
  };
  const choose = (next) => {
    const c = { ...choice, ...next };
    location.hash = `#/people${queryString({
      view: c.view === 'staff' ? '' : c.view,
      metric: c.view === 'ranking' ? c.metric : '',
      branchId: c.branchId,
      range: c.range === '7d' ? '' : c.range,
    })}`;
  };
  const zone = zoneFor(choice.branchId || branches[0]);
  const { from, to } = period(choice.range, zone);
  const params = { branchId: choice.branchId, from: iso(from), to: iso(to) };
  const path = choice.view === 'ranking'
    ? `/api/v1/reports/staff/rankings${queryString({ ...params, metric: choice.metric })}`
    : choice.view === 'training'
      ? `/api/v1/reports/staff/training-needs${queryString(params)}`
      : `/api/v1/reports/staff${queryString(params)}`;
  const data = await getJson(path);

  const control = (name, options, value) => {
    const el = select(name, options, value);
    el.addEventListener('change', (e) => choose({ [name]: e.target.value }));
    return el;
  };
  const exportCsv = async () => {
    const { data: csv } = await api(`${path}${path.includes('?') ? '&' : '?'}format=csv`, { accept: 'text/csv, application/problem+json' });
    download(`staff-${choice.view}.csv`, csv);
  };
  const body = choice.view === 'ranking'
    ? rankingTable(data, me)
    : choice.view === 'training'
      ? trainingTable(data, me)
      : staffTable(data, me);
  view.append(h('section', { class: 'panel' },
    h('h1', {}, t('people.title')),
    h('p', { class: 'muted' }, t('people.hint')),
    h('div', { class: 'toolbar' },
      field(t('people.view'), control('view', VIEWS.map((v) => [v, t(`people.view.${v}`)]), choice.view)),
      branches.length > 1
        ? field(t('people.branch'), control('branchId', [['', t('people.branch.all')], ...branches.map((b) => [b, b])], choice.branchId))
        : null,
      field(t('people.range'), control('range', RANGES.map((r) => [r, t(`people.range.${r}`)]), choice.range)),
      choice.view === 'ranking'
        ? field(t('people.metric'), control('metric', METRICS.map((m) => [m, t(`people.metric.${m}`)]), choice.metric))
        : null,
      h('button', { type: 'button', class: 'secondary', onclick: exportCsv }, t('people.export'))),
    h('div', { class: 'table-scroll' }, body)));
}

export const routes = [
  { path: '/people', nav: 'people.nav', title: 'people.title', render: renderPeople },
];

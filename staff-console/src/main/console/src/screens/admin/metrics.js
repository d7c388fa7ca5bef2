// The metrics quality targets and alert rules watch (scoring-service Metric, by public name), with their names and
// units in both languages, and a value of a metric written in its unit.
import { formatNumber, formatPercent, messages, t } from '../../i18n.js';

/** Public name → unit: 'percent' (0–100), 'seconds', 'count', or 'score' (a plain number). */
export const METRICS = {
  'csat.percent': 'percent',
  'nps.score': 'score',
  'ces.mean': 'score',
  'servqual.unweighted': 'score',
  'interactions.answerRate': 'percent',
  'interactions.serviceLevel': 'percent',
  'interactions.abandonRate': 'percent',
  'interactions.avgHandleSeconds': 'seconds',
  'interactions.fcrRate': 'percent',
  'interactions.waitSeconds.p90': 'seconds',
  'complaints.opened': 'count',
  'complaints.firstResponseCompliance': 'percent',
  'complaints.resolutionCompliance': 'percent',
};

messages({
  en: {
    'admin.metric.csat.percent': 'CSAT (% satisfied)',
    'admin.metric.nps.score': 'NPS (−100 to 100)',
    'admin.metric.ces.mean': 'Customer effort (mean score)',
    'admin.metric.servqual.unweighted': 'SERVQUAL gap (perception − expectation)',
    'admin.metric.interactions.answerRate': 'Answer rate',
    'admin.metric.interactions.serviceLevel': 'Service level (answered in time)',
    'admin.metric.interactions.abandonRate': 'Abandon rate',
    'admin.metric.interactions.avgHandleSeconds': 'Average handling time',
    'admin.metric.interactions.fcrRate': 'First-contact resolution',
    'admin.metric.interactions.waitSeconds.p90': 'Waiting time (90th percentile)',
    'admin.metric.complaints.opened': 'Complaints opened',
    'admin.metric.complaints.firstResponseCompliance': 'First responses on time',
    'admin.metric.complaints.resolutionCompliance': 'Resolutions on time',
    'admin.unit.percent': 'in %, 0–100',
    'admin.unit.seconds': 'in seconds',
    'admin.unit.count': 'a number of complaints',
    'admin.unit.score': 'in points of the score',
    'admin.unit.secondsValue': '{value} s',
  },
  'zh-CN': {
    'admin.metric.csat.percent': '客户满意度（满意占比）',
    'admin.metric.nps.score': '净推荐值（−100 至 100）',
    'admin.metric.ces.mean': '客户费力度（平均分）',
    'admin.metric.servqual.unweighted': 'SERVQUAL 差距（感知 − 期望）',
    'admin.metric.interactions.answerRate': '接通率',
    'admin.metric.interactions.serviceLevel': '服务水平（及时接通率）',
    'admin.metric.interactions.abandonRate': '放弃率',
    'admin.metric.interactions.avgHandleSeconds': '平均处理时长',
    'admin.metric.interactions.fcrRate': '首次解决率',
    'admin.metric.interactions.waitSeconds.p90': '等待时长（第 90 百分位）',
    'admin.metric.complaints.opened': '新增投诉数',
    'admin.metric.complaints.firstResponseCompliance': '首次响应及时率',
    'admin.metric.complaints.resolutionCompliance': '解决及时率',
    'admin.unit.percent': '单位为 %，0–100',
    'admin.unit.seconds': '单位为秒',
    'admin.unit.count': '投诉件数',
    'admin.unit.score': '单位为分值',
    'admin.unit.secondsValue': '{value} 秒',
  },
});

/** [value, text] choices of every metric, for a select. */
export function metricChoices() {
  return Object.keys(METRICS).map((metric) => [metric, t(`admin.metric.${metric}`)]);
}

/** The value of metric in its unit (a dash without one). */
export function formatMetric(metric, value) {
  if (value === null || value === undefined) return formatNumber(value);
  switch (METRICS[metric]) {
    case 'percent':
      return formatPercent(value, 1);
    case 'seconds':
      return t('admin.unit.secondsValue', { value: formatNumber(value, 0) });
    case 'count':
      return formatNumber(value, 0);
    default:
      return formatNumber(value, 1);
  }
}

/** What a value of metric is measured in, as a form hint. */
export function unitHint(metric) {
  return t(`admin.unit.${METRICS[metric] ?? 'score'}`);
}

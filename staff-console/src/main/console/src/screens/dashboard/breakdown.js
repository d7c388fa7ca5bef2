// The parts of a branch's scorecard that break it down (reporting-service's scorecard `byChannel`, `stdDev` and
// `distribution`): the scorecard metrics per channel, and how each rating's answers spread — standard deviation and
// answers per scale value (CSAT 1–5, NPS 0–10, CES 1–7; SERVQUAL expectation and perception 1–7 per dimension).
import { formatNumber, formatPercent, has, messages, t } from '../../i18n.js';
import { h, table } from '../../ui.js';

messages({
  en: {
    'breakdown.channels': 'By channel',
    'breakdown.channels.hint': 'Events that name no channel count only in the totals.',
    'breakdown.channel': 'Channel',
    'breakdown.responses': 'Responses',
    'breakdown.offered': 'Offered',
    'breakdown.opened': 'Complaints',
    'breakdown.openNow': 'Open now',
    'breakdown.overdueNow': 'Overdue now',
    'breakdown.noChannels': 'No event in this period names a channel.',
    'breakdown.distributions': 'Rating distributions',
    'breakdown.rating': '{rating}: n = {n}, mean {mean}, standard deviation {sd}',
    'breakdown.ratingNoSd': '{rating}: n = {n}, mean {mean}',
    'breakdown.answers': '{count} answers of {value}',
    'breakdown.unknown': 'Part of this period was counted before distributions were kept: no distribution to show.',
    'breakdown.dimension': 'Dimension',
    'breakdown.expectation': 'Expectation (mean ± SD)',
    'breakdown.perception': 'Perception (mean ± SD)',
    'breakdown.noRatings': 'No ratings in this period.',
  },
  'zh-CN': {
    'breakdown.channels': '按渠道',
    'breakdown.channels.hint': '未注明渠道的事件只计入合计。',
    'breakdown.channel': '渠道',
    'breakdown.responses': '评价数',
    'breakdown.offered': '受理量',
    'breakdown.opened': '投诉',
    'breakdown.openNow': '当前未结',
    'breakdown.overdueNow': '当前逾期',
    'breakdown.noChannels': '本期间没有注明渠道的事件。',
    'breakdown.distributions': '评分分布',
    'breakdown.rating': '{rating}：n = {n}，均值 {mean}，标准差 {sd}',
    'breakdown.ratingNoSd': '{rating}：n = {n}，均值 {mean}',
    'breakdown.answers': '{value} 分：{count} 个回答',
    'breakdown.unknown': '本期间部分数据是在开始记录分布之前统计的，无法显示分布。',
    'breakdown.dimension': '维度',
    'breakdown.expectation': '期望（均值 ± 标准差）',
    'breakdown.perception': '感知（均值 ± 标准差）',
    'breakdown.noRatings': '本期间没有评分。',
  },
});

const channelName = (channel) => (has(`complaint.channel.${channel}`) ? t(`complaint.channel.${channel}`) : channel);

/** The scorecard per channel: one row each, the channels in the API's order. */
export function channelTable(card) {
  const rows = Object.entries(card.byChannel ?? {}).map(([channel, blocks]) => ({ channel, ...blocks }));
  return h('div', {},
    h('p', { class: 'muted small' }, t('breakdown.channels.hint')),
    h('div', { class: 'table-scroll' }, table([
      { label: t('breakdown.channel'), value: (r) => channelName(r.channel) },
      { label: t('metric.sqi'), class: 'num', value: (r) => formatNumber(r.sqi, 1) },
      { label: t('breakdown.responses'), class: 'num', value: (r) => formatNumber(r.feedback?.n ?? 0) },
      { label: t('metric.csat'), class: 'num', value: (r) => formatPercent(r.feedback?.csat?.percent) },
      { label: t('metric.nps'), class: 'num', value: (r) => formatNumber(r.feedback?.nps?.score, 1) },
      { label: t('breakdown.offered'), class: 'num', value: (r) => formatNumber(r.interactions?.offered ?? 0) },
      { label: t('metric.answerRate'), class: 'num', value: (r) => formatPercent(r.interactions?.answerRate) },
      { label: t('metric.avgHandleSeconds'), class: 'num', value: (r) => formatNumber(r.interactions?.avgHandleSeconds, 0) },
      { label: t('metric.fcrRate'), class: 'num', value: (r) => formatPercent(r.interactions?.fcrRate) },
      { label: t('breakdown.opened'), class: 'num', value: (r) => formatNumber(r.complaints?.opened ?? 0) },
      { label: t('metric.resolutionCompliance'), class: 'num', value: (r) => formatPercent(r.complaints?.resolutionCompliance) },
      { label: t('breakdown.openNow'), class: 'num', value: (r) => formatNumber(r.complaints?.open ?? 0) },
      { label: t('breakdown.overdueNow'), class: 'num', value: (r) => formatNumber(r.complaints?.overdue ?? 0) },
    ], rows, { empty: t('breakdown.noChannels') })));
}

/** Answers per scale value as small columns, each as high as its share of the most frequent value. */
function columns(distribution, from, to) {
  const counts = [];
  for (let value = from; value <= to; value++) counts.push([value, distribution[String(value)] ?? 0]);
  const most = Math.max(1, ...counts.map(([, count]) => count));
  return h('div', { class: 'distribution', role: 'img' },
    counts.map(([value, count]) => {
      const label = t('breakdown.answers', { value, count: formatNumber(count) });
      return h('div', { class: 'distribution-column', title: label, 'aria-label': label },
        h('span', { class: 'distribution-count' }, count ? formatNumber(count) : ''),
        h('span', { class: 'distribution-bar', style: `height: ${Math.round((count / most) * 100)}%` }),
        h('span', { class: 'distribution-value' }, String(value)));
    }));
}

function ratingBlock(name, block, mean, from, to) {
  const line = block.stdDev === null || block.stdDev === undefined
    ? t('breakdown.ratingNoSd', { rating: name, n: formatNumber(block.n), mean })
    : t('breakdown.rating', { rating: name, n: formatNumber(block.n), mean, sd: formatNumber(block.stdDev, 2) });
  return h('div', { class: 'rating-block' },
    h('p', {}, line),
    block.distribution ? columns(block.distribution, from, to) : h('p', { class: 'muted small' }, t('breakdown.unknown')));
}

/** CSAT, NPS and CES spreads, and SERVQUAL means with their standard deviations per dimension. */
export function distributionPanel(card) {
  const f = card.feedback ?? {};
  const meanOf = (distribution, n) => {
    if (!distribution || !n) return '—';
    const sum = Object.entries(distribution).reduce((total, [value, count]) => total + Number(value) * count, 0);
    return formatNumber(sum / n, 2);
  };
  const blocks = [];
  if (f.csat) blocks.push(ratingBlock(t('metric.csat'), f.csat, meanOf(f.csat.distribution, f.csat.n), 1, 5));
  if (f.nps) blocks.push(ratingBlock(t('metric.nps'), f.nps, meanOf(f.nps.distribution, f.nps.n), 0, 10));
  if (f.ces) blocks.push(ratingBlock(t('metric.ces'), f.ces, formatNumber(f.ces.mean, 2), 1, 7));
  const dimensions = Object.entries(f.servqual?.dimensions ?? {});
  const meanSd = (mean, sd) => (sd === null || sd === undefined ? formatNumber(mean, 2) : `${formatNumber(mean, 2)} ± ${formatNumber(sd, 2)}`);
  if (!blocks.length && !dimensions.length) return h('p', { class: 'muted' }, t('breakdown.noRatings'));
  return h('div', {},
    h('div', { class: 'rating-blocks' }, blocks),
    dimensions.length
      ? table([
        { label: t('breakdown.dimension'), value: ([name]) => (has(`servqual.${name}`) ? t(`servqual.${name}`) : name) },
        { label: 'n', class: 'num', value: ([, d]) => formatNumber(d.n) },
        { label: t('breakdown.expectation'), class: 'num', value: ([, d]) => meanSd(d.expectation, d.expectationStdDev) },
        { label: t('breakdown.perception'), class: 'num', value: ([, d]) => meanSd(d.perception, d.perceptionStdDev) },
      ], dimensions)
      : null);
}

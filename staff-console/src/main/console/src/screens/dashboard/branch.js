// One branch, drilled down from a tile, the ranking or an alert (#/branches/:branchId?metric=…): its scorecard
// (feedback, interactions, complaints) with its channel breakdown and rating distributions, its quality targets, trend, SERVQUAL gaps and alerts, followed live, with links
// to the complaint workbench and the corrective actions filtered to the branch. Times are in the branch's zone (or
// the user's choice).
import { getJson, query as queryString } from '../../api.js';
import { formatCompact, formatNumber, formatPercent, t, zoneFor } from '../../i18n.js';
import { h, problemBox, table } from '../../ui.js';
import { channelTable, distributionPanel } from './breakdown.js';
import {
  RANGES,
  chartSet,
  followLive,
  gapsConfig,
  iso,
  metricName,
  metricValue,
  period,
  prependAlert,
  scorecardDimensions,
  showAlerts,
  throttle,
  trendConfig,
} from './common.js';

export async function renderBranch(view, { branchId }, query) {
  const range = RANGES.includes(query.get('range')) ? query.get('range') : 'today';
  const highlight = query.get('metric');
  const zone = zoneFor(branchId);
  const branch = await getJson(`/api/v1/branches/${encodeURIComponent(branchId)}`).catch((error) => {
    if (error.status === 404) return { branchId }; // not in the directory (yet): its figures may still exist
    throw error;
  });
  const periodQuery = (extra = {}) => {
    const { from, to } = period(range, zone);
    return queryString({ branchId, from: iso(from), to: iso(to), ...extra });
  };
  const load = () => {
    const { granularity } = period(range, zone);
    return Promise.all([
      getJson(`/api/v1/reports/scorecard${periodQuery()}`),
      getJson(`/api/v1/reports/trends${periodQuery({ granularity, zone: granularity === 'day' ? zone : undefined })}`),
      getJson(`/api/v1/alerts${queryString({ branchId, limit: 30 })}`),
    ]);
  };
  // a branch outside the user's scope fails here: the frame shows the problem, not an empty page
  const first = await load();
  const choose = (next) => {
    location.hash = `#/branches/${encodeURIComponent(branchId)}${queryString({ range: next === 'today' ? '' : next, metric: highlight })}`;
  };

  const status = h('span', { class: 'live-status', role: 'status' });
  const scorecard = h('div', { class: 'scorecard' });
  const targets = h('div');
  const channels = h('div');
  const distributions = h('div');
  const alerts = h('ol', { class: 'alerts' });
  const trendCanvas = h('canvas', { 'aria-label': t('dash.trend') });
  const gapsCanvas = h('canvas', { 'aria-label': t('dash.gaps') });
  const problems = h('div');
  view.append(
    h('section', { class: 'panel dash-head' },
      h('div', {},
        h('p', {}, h('a', { href: '#/' }, `← ${t('branch.back')}`)),
        h('h1', {}, branch.name && branch.name !== branchId ? `${branch.name} · ${branchId}` : branchId),
        h('p', { class: 'muted' }, [branch.regionId ? t('branch.region', { region: branch.regionId }) : null, t('branch.zone', { zone })].filter(Boolean).join(' · ')),
        highlight ? h('p', { class: 'chip warn' }, t('branch.highlight', { metric: metricName(highlight) })) : null),
      h('div', { class: 'toolbar' },
        h('label', { class: 'field' }, h('span', { class: 'label' }, t('dash.range')),
          h('select', { name: 'range', onchange: (e) => choose(e.target.value) }, RANGES.map((r) => new Option(t(`dash.range.${r}`), r, false, r === range)))),
        h('a', { class: 'button', href: `#/complaints${queryString({ branchId })}`, dataset: { link: 'complaints' } }, t('branch.complaints')),
        h('a', { class: 'button secondary', href: `#/actions${queryString({ branchId })}` }, t('branch.actions')),
        h('div', { class: 'live' }, status))),
    problems,
    h('section', { class: 'panel' }, h('h2', {}, t('branch.scorecard')), scorecard),
    h('section', { class: 'panel' }, h('h2', {}, t('breakdown.channels')), channels),
    h('section', { class: 'panel' }, h('h2', {}, t('breakdown.distributions')), distributions),
    h('div', { class: 'columns' },
      h('section', { class: 'panel' }, h('h2', {}, t('dash.targets')), targets),
      h('section', { class: 'panel' }, h('h2', {}, t('dash.alerts')), alerts)),
    h('div', { class: 'columns' },
      h('section', { class: 'panel' }, h('h2', {}, t('dash.trend')), h('div', { class: 'chart' }, trendCanvas)),
      h('section', { class: 'panel' }, h('h2', {}, t('dash.gaps'), ' ', h('small', { class: 'muted' }, t('dash.gaps.hint'))), h('div', { class: 'chart' }, gapsCanvas))),
  );

  /** A figure: label, value, and an optional line under it; marked when it is the metric the user came for. */
  const figure = (label, value, note, metrics = []) =>
    h('div', { class: `figure${highlight && metrics.includes(highlight) ? ' highlight' : ''}` },
      h('span', { class: 'label' }, label), h('span', { class: 'value' }, value), note ? h('small', { class: 'muted' }, note) : null);
  const seconds = (value) => (value === null || value === undefined ? '—' : t('branch.seconds', { n: formatNumber(value, 0) }));
  const ci = (pair, digits = 1) => (pair ? t('branch.ci', { low: formatNumber(pair[0], digits), high: formatNumber(pair[1], digits) }) : null);

  function renderScorecard(card) {
    const f = card.feedback;
    const i = card.interactions;
    const c = card.complaints;
    scorecard.replaceChildren(
      h('h3', {}, t('branch.feedback')),
      h('div', { class: 'figures' },
        figure(t('metric.sqi'), formatCompact(card.sqi), null, ['sqi']),
        figure(t('branch.n'), formatCompact(f.n)),
        figure(t('metric.csat'), formatCompact(f.csat?.percent), ci(f.csat?.ci95), ['csat', 'csat.percent']),
        figure(t('metric.nps'), formatCompact(f.nps?.score),
          f.nps ? t('branch.nps.mix', { p: formatNumber(f.nps.promoters), pa: formatNumber(f.nps.passives), d: formatNumber(f.nps.detractors) }) : null, ['nps', 'nps.score']),
        figure(t('metric.ces'), formatCompact(f.ces?.mean), null, ['ces', 'ces.mean']),
        figure(t('branch.servqualWeighted'), formatNumber(f.servqual?.weighted, 2), null, ['servqual', 'servqual.unweighted'])),
      h('h3', {}, t('branch.interactions')),
      i
        ? h('div', { class: 'figures' },
            figure(t('branch.offered'), formatCompact(i.offered)),
            figure(t('metric.answerRate'), formatPercent(i.answerRate), null, ['answerRate', 'interactions.answerRate']),
            figure(t('metric.serviceLevel'), formatPercent(i.serviceLevel), null, ['serviceLevel', 'interactions.serviceLevel']),
            figure(t('metric.abandonRate'), formatPercent(i.abandonRate), null, ['abandonRate', 'interactions.abandonRate']),
            figure(t('metric.fcrRate'), formatPercent(i.fcrRate), null, ['fcrRate', 'interactions.fcrRate']),
            figure(t('metric.avgHandleSeconds'), seconds(i.avgHandleSeconds), null, ['avgHandleSeconds', 'interactions.avgHandleSeconds']),
            figure(t('branch.waitP90'), seconds(i.waitSeconds?.p90), null, ['interactions.waitSeconds.p90']))
        : h('p', { class: 'muted' }, t('branch.noInteractions')),
      h('h3', {}, t('branch.complaintsSection')),
      c
        ? h('div', { class: 'figures' },
            figure(t('branch.opened'), formatCompact(c.opened), null, ['complaints.opened']),
            figure(t('branch.resolved'), formatCompact(c.resolved)),
            figure(t('branch.openNow'), formatCompact(c.open)),
            figure(t('branch.overdueNow'), formatCompact(c.overdue)),
            figure(t('metric.firstResponseCompliance'), formatPercent(c.firstResponseCompliance), null, ['firstResponseCompliance', 'complaints.firstResponseCompliance']),
            figure(t('metric.resolutionCompliance'), formatPercent(c.resolutionCompliance), null, ['resolutionCompliance', 'complaints.resolutionCompliance']),
            figure(t('branch.hoursToResolve'), formatNumber(c.meanBusinessHoursToResolve, 1)),
            figure(t('branch.slaBreaches'), formatCompact(c.slaBreaches)))
        : h('p', { class: 'muted' }, t('branch.noComplaints')),
    );
    channels.replaceChildren(channelTable(card));
    distributions.replaceChildren(distributionPanel(card));
    targets.replaceChildren(
      table(
        [
          { label: t('dash.targets.metric'), value: (x) => metricName(x.metric) },
          { label: t('dash.targets.target'), class: 'num', value: (x) => `${x.bound === 'AT_MOST' ? '≤' : '≥'} ${metricValue(x.metric, x.value)}` },
          { label: t('dash.targets.observed'), class: 'num', value: (x) => metricValue(x.metric, x.observed) },
          { label: 'n', class: 'num', value: (x) => formatNumber(x.n) },
          {
            label: t('dash.targets.attaining'),
            value: (x) => (x.attained === null || x.attained === undefined
              ? h('span', { class: 'chip' }, t('dash.targets.noData'))
              : h('span', { class: `chip ${x.attained ? 'ok' : 'bad'}` }, t(x.attained ? 'dash.targets.met' : 'dash.targets.missed'))),
          },
        ],
        card.targets ?? [],
      ),
    );
  }

  const charts = chartSet();
  function draw([card, trend, alertReport]) {
    renderScorecard(card);
    showAlerts(alerts, alertReport);
    charts.draw(trendCanvas, trendConfig(trend, zone));
    charts.draw(gapsCanvas, gapsConfig(scorecardDimensions(card.feedback.servqual)));
  }
  const guarded = async () => {
    try {
      draw(await load());
      problems.replaceChildren();
    } catch (error) {
      problems.replaceChildren(h('section', { class: 'panel' }, problemBox(error)));
    }
  };
  draw(first);
  view.dataset.ready = 'true';
  const later = throttle(guarded, 3000);
  const stop = followLive({ branchId }, status, {
    onMetric: () => later.request(),
    onAlert: (alert) => prependAlert(alerts, alert),
    onReset: () => later.request(),
  });
  return () => {
    stop();
    later.cancel();
    charts.destroy();
    delete view.dataset.ready;
  };
}

// The operations dashboard (the console's start page): a tile per branch in the user's scope, alerts, the ranking as
// top and bottom N with the rest on demand, quality targets, the last hour per minute, the trend and the SERVQUAL
// gaps; it follows reporting's live stream. A tile or an alert leads to the branch view (#/branches/:branchId).
// Region, period and ranking choices live in the hash (#/?region=north&range=7d), so a view can be shared.
import { getJson, query as queryString } from '../../api.js';
import { formatCompact, formatNumber, formatPercent, has, t } from '../../i18n.js';
import { can, currentUser } from '../../session.js';
import { h, problemBox, table } from '../../ui.js';
import {
  RANGES,
  chartSet,
  followLive,
  gapsConfig,
  iso,
  metricName,
  metricValue,
  minutesConfig,
  period,
  prependAlert,
  scopeZone,
  showAlerts,
  throttle,
  trendConfig,
} from './common.js';

/** The figures on a tile: ranking metrics (one ranking call each gives every branch's value). */
const TILE_METRICS = ['sqi', 'nps', 'csat', 'answerRate', 'resolutionCompliance'];
const RANK_METRICS = ['sqi', 'csat', 'nps', 'ces', 'servqual', 'answerRate', 'serviceLevel', 'abandonRate', 'fcrRate',
  'avgHandleSeconds', 'firstResponseCompliance', 'resolutionCompliance'];
const TILE_LIMIT = 24;
const RANK_N = 5;

export async function renderDashboard(view, params, query) {
  const user = currentUser();
  const directory = await getJson('/api/v1/branches');
  const regions = [...new Set(directory.map((b) => b.regionId).filter(Boolean))].sort();
  const choice = {
    region: regions.includes(query.get('region')) ? query.get('region') : '',
    range: RANGES.includes(query.get('range')) ? query.get('range') : 'today',
    metric: RANK_METRICS.includes(query.get('metric')) ? query.get('metric') : 'sqi',
    minN: Math.max(1, Number(query.get('minN')) || 30),
  };
  const inScope = directory.filter((b) => !choice.region || b.regionId === choice.region);
  const names = new Map(directory.map((b) => [b.branchId, b.name]));
  const zone = scopeZone(inScope.map((b) => b.branchId));
  const scope = { regionId: choice.region || undefined };
  const range = () => period(choice.range, zone);
  const rangeQuery = (extra = {}) => {
    const { from, to } = range();
    return queryString({ ...scope, from: iso(from), to: iso(to), ...extra });
  };
  /** Changing a choice changes the hash: the frame renders the dashboard again with it. */
  const choose = (change) => {
    const next = { ...choice, ...change };
    location.hash = `#/${queryString({
      region: next.region,
      range: next.range === 'today' ? '' : next.range,
      metric: next.metric === 'sqi' ? '' : next.metric,
      minN: next.minN === 30 ? '' : next.minN,
    })}`;
  };

  // ---- the frame of the page
  const status = h('span', { class: 'live-status', role: 'status' });
  const updated = h('span', { class: 'muted' });
  const tiles = h('div', { class: 'tiles' });
  const tilesHead = h('span', { class: 'muted' });
  const alerts = h('ol', { class: 'alerts' });
  const ranking = h('div');
  const targets = h('div');
  const minutesCanvas = h('canvas', { 'aria-label': t('dash.minutes') });
  const minutesPartial = h('span', { class: 'muted', hidden: true }, t('dash.minutes.partial'));
  const trendCanvas = h('canvas', { 'aria-label': t('dash.trend') });
  const gapsCanvas = h('canvas', { 'aria-label': t('dash.gaps') });
  const problems = h('div');
  const scopeText = [...user.branches, ...user.regions.map((r) => t('scope.region', { region: r }))].join(', ');
  const regionSelect = h(
    'select',
    { name: 'region', onchange: (e) => choose({ region: e.target.value }) },
    [['', t('dash.region.all')], ...regions.map((r) => [r, r])].map(([v, text]) => new Option(text, v, false, v === choice.region)),
  );
  const rangeSelect = h(
    'select',
    { name: 'range', onchange: (e) => choose({ range: e.target.value }) },
    RANGES.map((r) => new Option(t(`dash.range.${r}`), r, false, r === choice.range)),
  );
  view.append(
    h(
      'section',
      { class: 'panel dash-head' },
      h('div', {}, h('h1', {}, t('dash.title')),
        h('p', { class: 'muted' }, scopeText ? t('dash.scope.some', { scope: scopeText }) : t('dash.scope.all', { tenant: user.tenant }),
          can.readOnly() ? ` ${t('dash.readOnly')}` : '')),
      h('div', { class: 'toolbar' },
        regions.length > 1 ? h('label', { class: 'field' }, h('span', { class: 'label' }, t('dash.region')), regionSelect) : null,
        h('label', { class: 'field' }, h('span', { class: 'label' }, t('dash.range')), rangeSelect),
        h('div', { class: 'live' }, status, updated)),
    ),
    problems,
    h('section', { class: 'panel', 'aria-label': t('dash.tiles') }, h('h2', {}, t('dash.tiles'), ' ', tilesHead), tiles),
    h('div', { class: 'columns' },
      h('section', { class: 'panel' }, h('h2', {}, t('dash.alerts')), alerts),
      h('section', { class: 'panel ranking' }, h('h2', {}, t('dash.ranking'), ' ', h('small', { class: 'muted' }, t('dash.ranking.hint'))), ranking)),
    h('div', { class: 'columns' },
      h('section', { class: 'panel' }, h('h2', {}, t('dash.targets'), ' ', h('small', { class: 'muted' }, t('dash.targets.hint'))), targets),
      h('section', { class: 'panel' }, h('h2', {}, t('dash.minutes'), ' ', h('small', { class: 'muted' }, t('dash.minutes.hint')), ' ', minutesPartial),
        h('div', { class: 'chart' }, minutesCanvas))),
    h('div', { class: 'columns' },
      h('section', { class: 'panel' }, h('h2', {}, t('dash.trend')), h('div', { class: 'chart' }, trendCanvas)),
      h('section', { class: 'panel' }, h('h2', {}, t('dash.gaps'), ' ', h('small', { class: 'muted' }, t('dash.gaps.hint'))),
        h('div', { class: 'chart' }, gapsCanvas))),
  );

  const charts = chartSet();
  let showAllTiles = false;
  let showAllRanking = false;
  let lastTiles = null;
  let lastRanking = null;

  // ---- tiles: one ranking per tile metric (minN 1) and the targets report give every branch's figures at once
  async function refreshTiles() {
    const [rankings, targetReport, alertReport] = await Promise.all([
      Promise.all(TILE_METRICS.map((metric) => getJson(`/api/v1/reports/rankings${rangeQuery({ metric, minN: 1 })}`))),
      getJson(`/api/v1/reports/targets${rangeQuery()}`),
      getJson(`/api/v1/alerts${queryString({ ...scope, limit: 30 })}`),
    ]);
    const values = new Map();
    const figures = (id) => values.get(id) ?? values.set(id, {}).get(id);
    rankings.forEach((report, i) => {
      for (const entry of report.entries) Object.assign(figures(entry.branchId), { [TILE_METRICS[i]]: entry.value, [`${TILE_METRICS[i]}N`]: entry.n });
    });
    // without a branch directory, the branches that have data
    const ids = inScope.length ? inScope.map((b) => b.branchId) : [...values.keys()].sort();
    const branchTargets = new Map((targetReport.branches ?? []).map((b) => [b.branchId, b.targets]));
    const active = new Map();
    for (const alert of alertReport.active) if (alert.branchId) active.set(alert.branchId, (active.get(alert.branchId) ?? 0) + 1);
    lastTiles = { ids, values, branchTargets, active };
    drawTiles();
    renderTargets(targetReport);
    showAlerts(alerts, alertReport);
    updated.textContent = t('dash.updated', { time: new Intl.DateTimeFormat(document.documentElement.lang, { timeStyle: 'medium' }).format(new Date()) });
  }

  function drawTiles() {
    const { ids, values, branchTargets, active } = lastTiles;
    // branches with active alerts first: what needs attention is on screen without asking for all
    const ordered = [...ids].sort((a, b) => (active.get(b) ?? 0) - (active.get(a) ?? 0) || a.localeCompare(b));
    const shown = showAllTiles ? ordered : ordered.slice(0, TILE_LIMIT);
    tiles.replaceChildren(...shown.map((id) => tile(id, values.get(id) ?? {}, branchTargets.get(id) ?? [], active.get(id) ?? 0)));
    tilesHead.textContent = ordered.length > TILE_LIMIT ? t('dash.tiles.count', { shown: formatNumber(shown.length), total: formatNumber(ordered.length) }) : '';
    if (ordered.length > TILE_LIMIT) {
      tiles.append(h('button', { type: 'button', class: 'secondary tiles-more', onclick: () => { showAllTiles = !showAllTiles; drawTiles(); } },
        showAllTiles ? t('dash.tiles.showFewer') : t('dash.tiles.showAll', { total: formatNumber(ordered.length) })));
    }
  }

  function tile(id, f, branchTargets, alertCount) {
    const name = names.get(id);
    const held = branchTargets.filter((x) => x.attained !== null && x.attained !== undefined);
    const missed = held.filter((x) => !x.attained).map((x) => metricName(x.metric));
    const targetText = held.length
      ? `${t('dash.tile.targets', { attained: held.length - missed.length, held: held.length })}${missed.length ? ` · ${t('dash.tile.missed', { metrics: missed.join(', ') })}` : ''}`
      : branchTargets.length ? t('dash.tile.targetsNoData') : '';
    return h(
      'a',
      { class: 'tile', href: `#/branches/${encodeURIComponent(id)}`, dataset: { branch: id }, title: t('dash.tile.open', { branch: id }) },
      h('div', { class: 'tile-head' },
        h('strong', {}, id), name && name !== id ? h('span', { class: 'muted name' }, name) : null,
        alertCount ? h('span', { class: 'chip bad' }, t('dash.tile.alerts', { count: formatNumber(alertCount) })) : null),
      h('div', { class: 'tile-metrics' },
        TILE_METRICS.map((metric) =>
          h('div', { class: 'metric', dataset: { metric } },
            h('span', { class: `value${f[metric] === undefined || f[metric] === null ? ' none' : ''}` }, formatCompact(f[metric], 0)),
            h('span', { class: 'label' }, has(`metric.short.${metric}`) ? t(`metric.short.${metric}`) : metricName(metric))))),
      h('div', { class: 'tile-foot muted' },
        h('span', { dataset: { field: 'n' } }, t('dash.tile.n', { n: formatCompact(f.csatN ?? 0) })),
        f.answerRateN ? h('span', {}, t('dash.tile.calls', { calls: formatCompact(f.answerRateN) })) : null),
      targetText ? h('div', { class: `tile-targets ${missed.length ? 'missed' : held.length ? 'met' : ''}` }, targetText) : null,
    );
  }

  function flash(branchId) {
    const el = tiles.querySelector(`[data-branch="${CSS.escape(branchId)}"]`);
    if (!el) return;
    // a short highlight, fading out (console.css) once the class goes
    el.classList.add('updated');
    setTimeout(() => el.classList.remove('updated'), 800);
  }

  // ---- targets: each target and how many branches attain it
  function renderTargets(report) {
    targets.replaceChildren(
      table(
        [
          { label: t('dash.targets.metric'), value: (x) => metricName(x.metric) },
          { label: t('dash.targets.target'), class: 'num', value: (x) => `${x.bound === 'AT_MOST' ? '≤' : '≥'} ${metricValue(x.metric, x.value)}` },
          { label: t('dash.targets.appliesTo'), value: (x) => (x.branchId ? h('a', { href: `#/branches/${encodeURIComponent(x.branchId)}` }, x.branchId) : t('dash.targets.every')) },
          {
            label: t('dash.targets.attaining'),
            class: 'num',
            value: (x) => `${t('dash.targets.attainingOf', { attaining: formatNumber(x.attaining), withData: formatNumber(x.branchesWithData) })}${
              x.branches > x.branchesWithData ? ` ${t('dash.targets.withoutData', { count: formatNumber(x.branches - x.branchesWithData) })}` : ''}`,
          },
          {
            label: t('dash.targets.share'),
            class: 'num',
            value: (x) => (x.attainingPercent === null ? '—' : h('span', { class: `chip ${x.attainingPercent === 100 ? 'ok' : 'bad'}` }, formatPercent(x.attainingPercent, 0))),
          },
        ],
        report.targets,
      ),
    );
  }

  // ---- ranking: top and bottom N, all on demand
  async function refreshRanking() {
    lastRanking = await getJson(`/api/v1/reports/rankings${rangeQuery({ metric: choice.metric, minN: choice.minN })}`);
    drawRanking();
  }

  function drawRanking() {
    const report = lastRanking;
    const entries = report.entries;
    const columns = [
      { label: t('dash.ranking.rank'), class: 'num', value: (e) => formatNumber(e.rank) },
      { label: t('dash.ranking.branch'), value: (e) => h('a', { href: `#/branches/${encodeURIComponent(e.branchId)}` }, e.branchId) },
      { label: metricName(choice.metric), class: 'num', value: (e) => metricValue(choice.metric, e.value) },
      { label: t('dash.ranking.interval'), class: 'num', value: (e) => (e.ci95 ? `${metricValue(choice.metric, e.ci95[0])} – ${metricValue(choice.metric, e.ci95[1])}` : t('dash.ranking.composite')) },
      { label: 'n', class: 'num', value: (e) => formatNumber(e.n) },
    ];
    const controls = h('div', { class: 'toolbar' },
      h('label', { class: 'field' }, h('span', { class: 'label' }, t('dash.ranking.by')),
        h('select', { name: 'metric', onchange: (e) => choose({ metric: e.target.value }) },
          RANK_METRICS.map((m) => new Option(metricName(m), m, false, m === choice.metric)))),
      h('label', { class: 'field' }, h('span', { class: 'label' }, t('dash.ranking.minN')),
        h('input', { type: 'number', name: 'minN', min: 1, value: String(choice.minN), class: 'narrow',
          onchange: (e) => choose({ minN: Math.max(1, Number(e.target.value) || 1) }) })));
    const split = !showAllRanking && entries.length > 2 * RANK_N;
    const parts = split
      ? [h('div', { class: 'ranking-split' },
          h('div', { class: 'top' }, h('h3', {}, t('dash.ranking.top', { count: RANK_N })), table(columns, entries.slice(0, RANK_N))),
          h('div', { class: 'bottom' }, h('h3', {}, t('dash.ranking.bottom', { count: RANK_N })), table(columns, entries.slice(-RANK_N))))]
      : [h('div', { class: 'all' }, table(columns, entries))];
    const toggle = entries.length > 2 * RANK_N
      ? h('button', { type: 'button', class: 'secondary ranking-toggle', onclick: () => { showAllRanking = !showAllRanking; drawRanking(); } },
          showAllRanking ? t('dash.ranking.showTopBottom', { count: RANK_N }) : t('dash.ranking.showAll', { count: formatNumber(entries.length) }))
      : null;
    const excluded = report.excluded.length
      ? h('p', { class: 'muted' }, t('dash.ranking.excluded', { minN: formatNumber(choice.minN), branches: report.excluded.map((e) => `${e.branchId} (n ${formatNumber(e.n)})`).join(', ') }))
      : null;
    ranking.replaceChildren(controls, ...parts, toggle ?? '', excluded ?? '');
  }

  // ---- charts
  async function refreshCharts() {
    const { granularity } = range();
    const now = Date.now();
    const minuteFrom = new Date(Math.ceil((now - 59 * 60_000) / 60_000) * 60_000);
    const [trend, minutes, gaps] = await Promise.all([
      getJson(`/api/v1/reports/trends${rangeQuery({ granularity, zone: granularity === 'day' ? zone : undefined })}`),
      getJson(`/api/v1/reports/trends${queryString({ ...scope, granularity: 'minute', from: iso(minuteFrom), to: iso(now + 60_000) })}`),
      getJson(`/api/v1/reports/servqual-gaps${rangeQuery()}`),
    ]);
    charts.draw(trendCanvas, trendConfig(trend, zone));
    minutesPartial.hidden = minutes.complete !== false;
    charts.draw(minutesCanvas, minutesConfig(minutes, minuteFrom, now, zone));
    charts.draw(gapsCanvas, gapsConfig(gaps.dimensions));
  }

  const guard = (action) => async () => {
    try {
      await action();
      problems.replaceChildren();
    } catch (error) {
      problems.replaceChildren(h('section', { class: 'panel' }, problemBox(error)));
    }
  };
  const tilesLater = throttle(guard(refreshTiles), 2000);
  const viewsLater = throttle(guard(async () => { await Promise.all([refreshRanking(), refreshCharts()]); }), 5000);
  await Promise.all([guard(refreshTiles)(), guard(refreshRanking)(), guard(refreshCharts)()]);
  view.dataset.ready = 'true';

  const stop = followLive(scope, status, {
    onMetric(update) {
      flash(update.branchId);
      tilesLater.request();
      viewsLater.request();
    },
    onAlert(alert) {
      prependAlert(alerts, alert);
      tilesLater.request();
    },
    onReset() {
      tilesLater.request();
      viewsLater.request();
    },
  });
  return () => {
    stop();
    tilesLater.cancel();
    viewsLater.cancel();
    charts.destroy();
    delete view.dataset.ready;
  };
}

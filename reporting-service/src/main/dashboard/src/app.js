// Operations dashboard: reads the reporting-service API of the same origin and follows its live stream.
import { Chart, registerables } from 'chart.js';

Chart.register(...registerables);
Chart.defaults.color = '#93a4b5';
Chart.defaults.borderColor = '#2c3b4a';

const MAX_TILES = 60;
const $ = (selector) => document.querySelector(selector);
const state = { branches: [], charts: {}, timers: new Map(), source: null };

const fmt = (value, digits = 1) => (value === null || value === undefined ? '—' : Number(value).toFixed(digits));

const LOGIN = '/dashboard/login.html';

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (response.status === 401) {
    // the session cookie expired or was cleared: sign in again
    location.assign(LOGIN);
    throw new Error('signed out');
  }
  if (!response.ok) {
    throw new Error(`${path}: ${response.status}`);
  }
  return response.json();
}

function range() {
  const now = new Date();
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const hour = 3600 * 1000;
  const day = 24 * hour;
  switch ($('#range').value) {
    case '24h': {
      const to = Math.ceil(now.getTime() / hour) * hour;
      return { from: new Date(to - day), to: new Date(to), granularity: 'hour' };
    }
    case '7d':
      return { from: new Date(midnight - 6 * day), to: new Date(midnight + day), granularity: 'day' };
    default:
      return { from: new Date(midnight), to: new Date(midnight + day), granularity: 'hour' };
  }
}

function scopeQuery() {
  const region = $('#region').value;
  return region ? `regionId=${encodeURIComponent(region)}` : '';
}

function rangeQuery() {
  const { from, to } = range();
  return `from=${from.toISOString().replace('.000', '')}&to=${to.toISOString().replace('.000', '')}`;
}

async function loadRegions() {
  const branches = await getJson('/api/v1/branches');
  const regions = [...new Set(branches.map((b) => b.regionId))].sort();
  const select = $('#region');
  const chosen = new URLSearchParams(location.search).get('regionId') ?? select.value;
  select.replaceChildren(new Option('all branches', ''), ...regions.map((r) => new Option(r, r)));
  select.value = regions.includes(chosen) ? chosen : '';
}

/** The branches to show: the directory's (of the region); without a directory, those with data. */
async function loadBranches() {
  const region = $('#region').value;
  const listed = await getJson(`/api/v1/branches${region ? `?regionId=${encodeURIComponent(region)}` : ''}`);
  let ids = listed.map((b) => b.branchId);
  if (ids.length === 0 && !region) {
    const ranking = await getJson(`/api/v1/reports/rankings?metric=sqi&minN=1&${rangeQuery()}`);
    ids = [...ranking.entries, ...ranking.excluded].map((e) => e.branchId).sort();
  }
  const names = new Map(listed.map((b) => [b.branchId, b.name]));
  state.branches = ids.slice(0, MAX_TILES).map((id) => ({ id, name: names.get(id) ?? id }));
  const tiles = $('#tiles');
  tiles.replaceChildren(...state.branches.map(tileOf));
  $('#tiles-title').textContent = ids.length > MAX_TILES ? `Branches (first ${MAX_TILES} of ${ids.length})` : 'Branches';
  await Promise.all(state.branches.map((b) => refreshTile(b.id)));
}

const TILE_METRICS = [
  ['sqi', 'SQI'],
  ['nps', 'NPS'],
  ['csat', 'CSAT %'],
  ['answerRate', 'answer %'],
  ['slaCompliance', 'SLA %'],
];

function tileOf(branch) {
  const tile = document.createElement('article');
  tile.className = 'tile';
  tile.dataset.branch = branch.id;
  const title = document.createElement('h3');
  title.append(branch.name === branch.id ? branch.id : `${branch.name} · ${branch.id}`);
  const n = document.createElement('span');
  n.className = 'n';
  n.dataset.field = 'n';
  title.append(n);
  const metrics = document.createElement('div');
  metrics.className = 'metrics';
  for (const [key, label] of TILE_METRICS) {
    const metric = document.createElement('div');
    metric.className = 'metric';
    metric.innerHTML = `<span class="value none" data-metric="${key}">—</span><span class="label">${label}</span>`;
    metrics.append(metric);
  }
  const targets = document.createElement('span');
  targets.className = 'targets';
  targets.dataset.field = 'targets';
  tile.append(title, metrics, targets);
  return tile;
}

async function refreshTile(branchId) {
  const tile = document.querySelector(`.tile[data-branch="${CSS.escape(branchId)}"]`);
  if (!tile) {
    return;
  }
  const card = await getJson(`/api/v1/reports/scorecard?branchId=${encodeURIComponent(branchId)}&${rangeQuery()}`);
  const values = {
    sqi: card.sqi,
    nps: card.feedback.nps?.score,
    csat: card.feedback.csat?.percent,
    answerRate: card.interactions?.answerRate,
    slaCompliance: card.complaints?.resolutionCompliance,
  };
  for (const [key, value] of Object.entries(values)) {
    const cell = tile.querySelector(`[data-metric="${key}"]`);
    cell.textContent = fmt(value);
    cell.classList.toggle('none', value === null || value === undefined);
  }
  tile.querySelector('[data-field="n"]').textContent =
    `n ${card.feedback.n}${card.interactions ? ` · ${card.interactions.offered} calls` : ''}`;
  showTargets(tile.querySelector('[data-field="targets"]'), card.targets ?? []);
  tile.classList.add('updated');
  setTimeout(() => tile.classList.remove('updated'), 1200);
}

/** The tile's target marker: how many of the targets that apply (with data) are attained, and which are missed. */
function showTargets(marker, targets) {
  const held = targets.filter((t) => t.attained !== null);
  const attained = held.filter((t) => t.attained);
  const missed = held.filter((t) => !t.attained).map((t) => t.metric);
  marker.textContent = held.length
    ? `targets ${attained.length}/${held.length}${missed.length ? ` · missed ${missed.join(', ')}` : ''}`
    : targets.length ? 'targets: no data' : '';
  marker.classList.toggle('met', held.length > 0 && missed.length === 0);
  marker.classList.toggle('missed', missed.length > 0);
}

async function refreshTargets() {
  const sep = scopeQuery() ? `&${scopeQuery()}` : '';
  const report = await getJson(`/api/v1/reports/targets?${rangeQuery()}${sep}`);
  const rows = report.targets.map((target) => {
    const row = document.createElement('tr');
    row.dataset.target = target.targetId;
    const share = target.attainingPercent;
    const cells = [
      target.metric,
      `${target.bound === 'AT_MOST' ? '≤' : '≥'} ${fmt(target.value)}`,
      target.branchId ?? 'every branch',
      `${target.attaining} of ${target.branchesWithData}${target.branches > target.branchesWithData
        ? ` (${target.branches - target.branchesWithData} without data)` : ''}`,
      share === null ? '—' : `${fmt(share, 0)} %`,
    ];
    for (const text of cells) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    if (share !== null) {
      row.lastChild.className = share === 100 ? 'met' : 'missed';
    }
    return row;
  });
  $('#targets tbody').replaceChildren(...rows);
}

async function refreshRanking() {
  const metric = $('#metric').value;
  const minN = Math.max(1, Number($('#minN').value) || 30);
  const sep = scopeQuery() ? `&${scopeQuery()}` : '';
  const ranking = await getJson(`/api/v1/reports/rankings?metric=${metric}&minN=${minN}&${rangeQuery()}${sep}`);
  const rows = ranking.entries.map((entry) => {
    const row = document.createElement('tr');
    row.dataset.branch = entry.branchId;
    const interval = entry.ci95 ? `${fmt(entry.ci95[0])} – ${fmt(entry.ci95[1])}` : 'composite';
    for (const text of [entry.rank, entry.branchId, fmt(entry.value), interval, entry.n]) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    return row;
  });
  $('#ranking tbody').replaceChildren(...rows);
  $('#excluded').textContent = ranking.excluded.length
    ? `Not ranked (n below ${minN}): ${ranking.excluded.map((e) => `${e.branchId} (n ${e.n})`).join(', ')}`
    : '';
}

async function refreshTrend() {
  const { granularity } = range();
  const sep = scopeQuery() ? `&${scopeQuery()}` : '';
  const trend = await getJson(`/api/v1/reports/trends?granularity=${granularity}&${rangeQuery()}${sep}`);
  const labels = trend.points.map((p) =>
    granularity === 'hour' ? p.start.slice(11, 16) : p.start.slice(0, 10));
  const series = (key) => trend.points.map((p) => p[key]);
  draw('trend', {
    type: 'line',
    data: {
      labels,
      datasets: [
        { label: 'SQI', data: series('sqi'), borderColor: '#5aa9ff', spanGaps: true },
        { label: 'CSAT %', data: series('csat'), borderColor: '#3ecf8e', spanGaps: true },
        { label: 'NPS', data: series('nps'), borderColor: '#f5b942', spanGaps: true },
      ],
    },
    options: { animation: false, maintainAspectRatio: false, scales: { y: { suggestedMin: -100, suggestedMax: 100 } } },
  });
}

async function refreshMinutes() {
  const sep = scopeQuery() ? `&${scopeQuery()}` : '';
  const now = Date.now();
  const from = new Date(Math.ceil((now - 59 * 60_000) / 60_000) * 60_000).toISOString();
  const to = new Date(now + 60_000).toISOString();
  const trend = await getJson(`/api/v1/reports/trends?granularity=minute&from=${from}&to=${to}${sep}`);
  $('#minutes-partial').hidden = trend.complete;
  const byMinute = new Map(trend.points.map((p) => [p.start.slice(11, 16), p]));
  const labels = [];
  for (let t = Date.parse(from); t < now; t += 60_000) {
    labels.push(new Date(t).toISOString().slice(11, 16));
  }
  const series = (key) => labels.map((label) => byMinute.get(label)?.[key] ?? 0);
  draw('minutes', {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: 'feedback n', data: series('n'), backgroundColor: '#5aa9ff' },
        { label: 'complaints opened', data: series('complaintsOpened'), backgroundColor: '#f0616d' },
      ],
    },
    options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true } } },
  });
}

async function refreshGaps() {
  const sep = scopeQuery() ? `&${scopeQuery()}` : '';
  const gaps = await getJson(`/api/v1/reports/servqual-gaps?${rangeQuery()}${sep}`);
  const rows = gaps.dimensions;
  draw('gaps', {
    type: 'bar',
    data: {
      labels: rows.map((r) => `${r.dimension} (${r.quadrant.toLowerCase().replaceAll('_', ' ')})`),
      datasets: [
        { label: 'expectation', data: rows.map((r) => r.expectation), backgroundColor: '#44617d', yAxisID: 'y' },
        { label: 'perception', data: rows.map((r) => r.perception), backgroundColor: '#5aa9ff', yAxisID: 'y' },
        { label: 'gap', data: rows.map((r) => r.gap), backgroundColor: '#f0616d', yAxisID: 'gap' },
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      scales: { y: { min: 0, max: 7 }, gap: { position: 'right', min: -6, max: 6, grid: { drawOnChartArea: false } } },
    },
  });
}

function draw(id, config) {
  const chart = state.charts[id];
  if (chart) {
    chart.data = config.data;
    chart.update('none');
  } else {
    state.charts[id] = new Chart(document.getElementById(id), config);
  }
}

async function refreshAlerts() {
  const region = scopeQuery();
  const alerts = await getJson(`/api/v1/alerts?limit=30${region ? `&${region}` : ''}`);
  const list = $('#alerts');
  list.replaceChildren();
  alerts.recent.reverse().forEach(showAlert);
  if (!alerts.recent.length) {
    const empty = document.createElement('li');
    empty.className = 'empty';
    empty.textContent = 'No alerts.';
    list.append(empty);
  }
}

function showAlert(alert) {
  const list = $('#alerts');
  list.querySelector('.empty')?.remove();
  if (list.querySelector(`[data-event-id="${CSS.escape(alert.eventId)}"]`)) {
    return;
  }
  const item = document.createElement('li');
  item.className = `${alert.state} ${alert.severity ?? ''}`;
  item.dataset.eventId = alert.eventId;
  item.dataset.alertId = alert.alertId;
  const time = document.createElement('time');
  time.dateTime = alert.occurredAt;
  time.textContent = alert.occurredAt.slice(5, 16).replace('T', ' ');
  item.dataset.scope = alert.scopeLevel ?? 'BRANCH';
  const limit = alert.threshold ?? alert.baseline;
  const scope = document.createElement('span');
  scope.className = 'scope';
  scope.textContent = alert.scopeLevel === 'REGION' ? `region ${alert.scopeId}`
    : alert.scopeLevel === 'TENANT' ? 'all branches' : alert.branchId ?? alert.scopeId;
  item.append(
    time,
    `${alert.state === 'RAISED' ? '▲' : '✓'} `,
    scope,
    ` ${alert.metric} ` +
      `${fmt(alert.observedValue)}${limit === null || limit === undefined ? '' : ` vs ${fmt(limit)}`} (n ${alert.n})`,
  );
  list.prepend(item);
}

function debounce(key, delay, action) {
  clearTimeout(state.timers.get(key));
  state.timers.set(key, setTimeout(() => action().catch(report), delay));
}

function report(error) {
  console.error(error);
  $('#status').textContent = `error: ${error.message}`;
}

function connect() {
  state.source?.close();
  const region = scopeQuery();
  const source = new EventSource(`/api/v1/live${region ? `?${region}` : ''}`);
  state.source = source;
  source.onopen = () => {
    $('#status').textContent = 'live';
    $('#status').classList.add('live');
  };
  source.onerror = () => {
    $('#status').textContent = 'reconnecting…';
    $('#status').classList.remove('live');
  };
  source.addEventListener('metric', (event) => {
    const update = JSON.parse(event.data);
    if (!state.branches.some((b) => b.id === update.branchId)) {
      debounce('branches', 1500, loadBranches);
    } else {
      debounce(`tile:${update.branchId}`, 300, () => refreshTile(update.branchId));
    }
    debounce('views', 1500, refreshViews);
  });
  source.addEventListener('alert', (event) => showAlert(JSON.parse(event.data)));
  source.addEventListener('reset', () => refreshAll().catch(report));
}

async function refreshViews() {
  await Promise.all([refreshRanking(), refreshTargets(), refreshTrend(), refreshGaps(), refreshMinutes()]);
}

async function refreshAll() {
  await loadBranches();
  await Promise.all([refreshViews(), refreshAlerts()]);
}

async function showSession() {
  const session = await getJson('/api/v1/session');
  const scope = session.branches ? ` · branches ${session.branches.join(', ') || 'none'}` : '';
  $('#whoami').textContent = `${session.subject} (${session.roles.join(', ')})${scope}`;
  $('#logout').addEventListener('click', async () => {
    state.source?.close();
    await fetch('/api/v1/session', { method: 'DELETE', credentials: 'same-origin' });
    location.assign(LOGIN);
  });
}

async function start() {
  if (new URLSearchParams(location.search).has('wall')) {
    document.documentElement.style.fontSize = 'clamp(18px, 0.9vw + 8px, 40px)';
  }
  await showSession();
  await loadRegions();
  $('#controls').addEventListener('change', () => {
    connect();
    refreshAll().catch(report);
  });
  connect();
  await refreshAll();
  document.body.dataset.ready = 'true';
}

start().catch(report);

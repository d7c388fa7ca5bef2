// What the dashboard and the branch view share: the period asked of the reporting API (in the scope's time zone),
// metric names, the alert list, Chart.js charts (drawn again whenever the language or zone changes, because the frame
// renders the whole screen again) and reporting's live stream (/api/v1/live, relayed unchanged by the console backend).
import { Chart } from '../../chart.js';
import { currentLanguage, formatDateTime, formatNumber, has, t, zoneFor, zoneOffset } from '../../i18n.js';
import { h } from '../../ui.js';
import './texts.js';


export const RANGES = ['today', '24h', '7d'];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;


/** The instant the day containing instant began in zone. */
function startOfDay(instant, zone) {
  const local = instant + zoneOffset(instant, zone);
  const midnight = Math.floor(local / DAY) * DAY;
  const guess = midnight - zoneOffset(instant, zone);
  return midnight - zoneOffset(guess, zone);
}

/** The period of a range choice (RANGES, or '30d') in zone: { from, to, granularity } (Dates; days start at the zone's midnight). */
export function period(range, zone, now = Date.now()) {
  if (range === '24h') {
    const to = Math.ceil(now / HOUR) * HOUR;
    return { from: new Date(to - DAY), to: new Date(to), granularity: 'hour' };
  }
  const today = startOfDay(now, zone);
  const tomorrow = startOfDay(today + DAY + 2 * HOUR, zone);
  if (range === '7d') return { from: new Date(startOfDay(today - 6 * DAY + 2 * HOUR, zone)), to: new Date(tomorrow), granularity: 'day' };
  if (range === '30d') return { from: new Date(startOfDay(today - 29 * DAY + 2 * HOUR, zone)), to: new Date(tomorrow), granularity: 'day' };
  return { from: new Date(today), to: new Date(tomorrow), granularity: 'hour' };
}

/** An instant as the API takes it (seconds precision). */
export const iso = (date) => new Date(date).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The zone to show a set of branches in: theirs when they share one (or the user's choice), else the browser's. */
export function scopeZone(branchIds) {
  const zones = new Set(branchIds.map((id) => zoneFor(id)));
  return zones.size === 1 ? [...zones][0] : zoneFor(undefined);
}

/** The translated name of a metric from the API (ranking or target/alert names). */
export function metricName(metric) {
  return has(`metric.${metric}`) ? t(`metric.${metric}`) : metric;
}

/** A value of metric: seconds as durations, the rest with one decimal. */
export function metricValue(metric, value) {
  if (value === null || value === undefined) return '—';
  return formatNumber(value, /Seconds|opened/.test(metric) ? 0 : 1);
}

/** Where an alert leads: its branch's view (highlighting the metric), or the dashboard of its region. */
export function alertLink(alert) {
  if (alert.scopeLevel === 'REGION') return `#/?region=${encodeURIComponent(alert.scopeId)}`;
  const branchId = alert.branchId ?? (alert.scopeLevel === 'BRANCH' ? alert.scopeId : null);
  return branchId ? `#/branches/${encodeURIComponent(branchId)}?metric=${encodeURIComponent(alert.metric)}` : null;
}

/** One alert as a list item: time (branch zone), state, severity, scope, metric, observed against the limit. */
export function alertItem(alert) {
  const limit = alert.threshold ?? alert.baseline;
  const scope =
    alert.scopeLevel === 'REGION'
      ? t('dash.alerts.region', { region: alert.scopeId })
      : alert.scopeLevel === 'TENANT'
        ? t('dash.alerts.tenant')
        : (alert.branchId ?? alert.scopeId);
  const line = t(limit === null || limit === undefined ? 'dash.alerts.lineNoLimit' : 'dash.alerts.line', {
    metric: metricName(alert.metric),
    observed: metricValue(alert.metric, alert.observedValue),
    limit: metricValue(alert.metric, limit),
    n: formatNumber(alert.n),
  });
  const link = alertLink(alert);
  const raised = alert.state === 'RAISED';
  return h(
    'li',
    { class: `alert ${raised ? 'raised' : 'cleared'} ${alert.severity ?? ''}`, dataset: { eventId: alert.eventId } },
    h('time', { datetime: alert.occurredAt }, formatDateTime(alert.occurredAt, alert.branchId)),
    h('span', { class: `chip ${raised ? (alert.severity === 'CRITICAL' ? 'bad' : 'warn') : 'ok'}` },
      raised ? t(`dash.severity.${alert.severity ?? 'WARNING'}`) : t('dash.alerts.cleared')),
    link ? h('a', { href: link, class: 'scope' }, scope) : h('span', { class: 'scope' }, scope),
    h('span', {}, line),
    alert.ruleKind && has(`dash.alerts.kind.${alert.ruleKind}`) ? h('span', { class: 'muted' }, t(`dash.alerts.kind.${alert.ruleKind}`)) : null,
    alert.alertId ? h('a', { href: `#/alerts/${encodeURIComponent(alert.alertId)}`, class: 'handle' }, t('dash.alerts.handle')) : null,
  );
}

/** Fills an alert list (newest first) from /api/v1/alerts' active and recent alerts. */
export function showAlerts(list, report) {
  const seen = new Set();
  const all = [...report.active, ...report.recent]
    .filter((a) => !seen.has(a.eventId) && seen.add(a.eventId))
    .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  list.replaceChildren(...(all.length ? all.map(alertItem) : [h('li', { class: 'empty muted' }, t('dash.alerts.none'))]));
}

/** Adds a live alert at the top of a list (once). */
export function prependAlert(list, alert) {
  if (list.querySelector(`[data-event-id="${CSS.escape(alert.eventId)}"]`)) return;
  list.querySelector('.empty')?.remove();
  list.prepend(alertItem(alert));
}

// ---- charts

const COLORS = { blue: '#0b5cad', green: '#1e7b3a', amber: '#c27c00', red: '#b3261e', slate: '#8a9bb0' };

/** The charts of one screen: draw(id, canvas, config) creates or updates; destroy() on leaving the screen. */
export function chartSet() {
  const charts = new Map();
  return {
    draw(canvas, config) {
      const chart = charts.get(canvas);
      if (chart) {
        chart.data = config.data;
        chart.update('none');
      } else {
        charts.set(canvas, new Chart(canvas, { ...config, options: { animation: false, maintainAspectRatio: false, ...config.options } }));
      }
    },
    destroy() {
      charts.forEach((chart) => chart.destroy());
      charts.clear();
    },
  };
}

/** A time label in zone: hours and minutes, or the date for daily points. */
function timeLabel(instant, zone, daily) {
  const options = daily ? { month: 'short', day: 'numeric', timeZone: zone } : { hour: '2-digit', minute: '2-digit', timeZone: zone };
  return new Intl.DateTimeFormat(currentLanguage(), options).format(new Date(instant));
}

/** The SQI, CSAT and NPS trend of /api/v1/reports/trends. */
export function trendConfig(trend, zone) {
  const daily = trend.granularity === 'DAY';
  const series = (key) => trend.points.map((p) => p[key]);
  return {
    type: 'line',
    data: {
      labels: trend.points.map((p) => timeLabel(p.start, zone, daily)),
      datasets: [
        { label: t('metric.sqi'), data: series('sqi'), borderColor: COLORS.blue, backgroundColor: COLORS.blue, spanGaps: true },
        { label: t('metric.csat'), data: series('csat'), borderColor: COLORS.green, backgroundColor: COLORS.green, spanGaps: true },
        { label: t('metric.nps'), data: series('nps'), borderColor: COLORS.amber, backgroundColor: COLORS.amber, spanGaps: true },
      ],
    },
    options: { scales: { y: { suggestedMin: -100, suggestedMax: 100 } } },
  };
}

/** Feedback and complaints per minute over the last hour (minutes without data as 0). */
export function minutesConfig(trend, from, now, zone) {
  const byMinute = new Map(trend.points.map((p) => [Date.parse(p.start), p]));
  const minutes = [];
  for (let m = from.getTime(); m < now; m += 60_000) minutes.push(m);
  const series = (key) => minutes.map((m) => byMinute.get(m)?.[key] ?? 0);
  return {
    type: 'bar',
    data: {
      labels: minutes.map((m) => timeLabel(m, zone, false)),
      datasets: [
        { label: t('dash.minutes.feedback'), data: series('n'), backgroundColor: COLORS.blue },
        { label: t('dash.minutes.complaints'), data: series('complaintsOpened'), backgroundColor: COLORS.red },
      ],
    },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  };
}

/** SERVQUAL expectation, perception (1–7) and gap per dimension, with its quadrant. */
export function gapsConfig(dimensions) {
  return {
    type: 'bar',
    data: {
      labels: dimensions.map((d) => [
        has(`servqual.${d.dimension}`) ? t(`servqual.${d.dimension}`) : d.dimension,
        d.quadrant ? t(`quadrant.${d.quadrant}`) : '',
      ]),
      datasets: [
        { label: t('dash.gaps.expectation'), data: dimensions.map((d) => d.expectation), backgroundColor: COLORS.slate, yAxisID: 'y' },
        { label: t('dash.gaps.perception'), data: dimensions.map((d) => d.perception), backgroundColor: COLORS.blue, yAxisID: 'y' },
        { label: t('dash.gaps.gap'), data: dimensions.map((d) => d.gap), backgroundColor: COLORS.red, yAxisID: 'gap' },
      ],
    },
    options: { scales: { y: { min: 0, max: 7 }, gap: { position: 'right', min: -6, max: 6, grid: { drawOnChartArea: false } } } },
  };
}

/** SERVQUAL dimensions of a scorecard (an object by name) as the gap report lists them. */
export function scorecardDimensions(servqual) {
  return Object.entries(servqual?.dimensions ?? {}).map(([dimension, d]) => ({ dimension, ...d }));
}

// ---- live updates

/** Runs action at most once per interval while calls keep coming (the last call is never lost). */
export function throttle(action, interval) {
  let timer = null;
  let again = false;
  let cancelled = false;
  const run = async () => {
    try {
      await action();
    } finally {
      // a screen left while its refresh was running schedules nothing more
      timer = again && !cancelled ? setTimeout(run, interval) : null;
      again = false;
    }
  };
  return {
    request() {
      if (cancelled) return;
      if (timer) again = true;
      else timer = setTimeout(run, interval);
    },
    cancel() {
      cancelled = true;
      clearTimeout(timer);
      timer = null;
    },
  };
}

/**
 * Follows reporting's live stream for a scope ({ branchId } or { regionId }): 'metric' (a bucket changed), 'alert',
 * 'risk-grade' (a branch's risk grade changed) and 'reset' (reload everything) events; status element shows whether
 * it is connected. Returns a close function.
 */
export function followLive(scope, status, { onMetric, onAlert, onRiskGrade, onReset }) {
  const search = new URLSearchParams(Object.entries(scope).filter(([, v]) => v)).toString();
  const source = new EventSource(`/api/v1/live${search ? `?${search}` : ''}`);
  const show = (key, live) => {
    status.textContent = t(key);
    status.classList.toggle('live', live);
  };
  show('dash.live.connecting', false);
  source.onopen = () => show('dash.live.on', true);
  source.onerror = () => show('dash.live.off', false);
  source.addEventListener('metric', (event) => onMetric?.(JSON.parse(event.data)));
  source.addEventListener('alert', (event) => onAlert?.(JSON.parse(event.data)));
  source.addEventListener('risk-grade', (event) => onRiskGrade?.(JSON.parse(event.data)));
  source.addEventListener('reset', () => onReset?.());
  return () => source.close();
}

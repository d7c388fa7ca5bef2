// Languages (en, zh-CN) and formats. Every text the console shows comes from a catalogue: each screen registers its
// own (messages({ en: {...}, 'zh-CN': {...} })); numbers and dates go through Intl in the chosen language, dates in the
// time zone the user chose (a branch's own by default), remembered in this browser.

export const LANGUAGES = ['en', 'zh-CN'];
const catalogues = { en: {}, 'zh-CN': {} };
const listeners = new Set();

function initialLanguage() {
  const saved = localStorage.getItem('sqp.language');
  if (LANGUAGES.includes(saved)) return saved;
  return (navigator.language ?? '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

let language = initialLanguage();
document.documentElement.lang = language;

/** Adds a screen's texts: { en: { key: text }, 'zh-CN': { key: text } }. */
export function messages(bundle) {
  for (const [lang, texts] of Object.entries(bundle)) Object.assign((catalogues[lang] ??= {}), texts);
}

export function currentLanguage() {
  return language;
}

export function setLanguage(lang) {
  if (!LANGUAGES.includes(lang) || lang === language) return;
  language = lang;
  localStorage.setItem('sqp.language', lang);
  document.documentElement.lang = lang;
  listeners.forEach((listener) => listener(lang));
}

export function onLanguageChange(listener) {
  listeners.add(listener);
}

/** The text of key in the current language ({name} replaced from params); English, then the key, when missing. */
export function t(key, params = {}) {
  const text = catalogues[language][key] ?? catalogues.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (params[name] === undefined ? whole : String(params[name])));
}

/** Whether a catalogue holds key (a status or code from the API may have no text of its own). */
export function has(key) {
  return key in catalogues[language] || key in catalogues.en;
}

/** Fills every [data-i18n] element of root with its text (static parts of the page). */
export function translatePage(root = document) {
  root.querySelectorAll('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n);
  });
}

// ---- time zones: 'branch' (each branch's own), 'browser', or an IANA zone the user picked
const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
let zoneChoice = localStorage.getItem('sqp.timeZone') ?? 'branch';
const branchZones = new Map();

export function zoneChoiceValue() {
  return zoneChoice;
}

export function setZoneChoice(choice) {
  zoneChoice = choice;
  localStorage.setItem('sqp.timeZone', choice);
  listeners.forEach((listener) => listener(language));
}

/** Tells the formats each branch's time zone (from the branch directory). */
export function rememberBranchZones(branches) {
  for (const branch of branches) if (branch.timeZone) branchZones.set(branch.branchId, branch.timeZone);
}

export function knownZones() {
  return [...new Set(branchZones.values())].sort();
}

/** How far zone is ahead of UTC at instant (ms). */
export function zoneOffset(instant, zone) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The branch's own time zone (whatever the user chose to see times in): where its days and opening hours are. */
export function branchZone(branchId) {
  return branchZones.get(branchId) ?? BROWSER_ZONE;
}

/** The instant of a wall-clock time (yyyy-mm-ddThh:mm, as a datetime-local input gives it) in zone. */
export function localToInstant(local, zone) {
  const wall = Date.parse(`${local}Z`);
  const first = wall - zoneOffset(wall, zone);
  return new Date(wall - zoneOffset(first, zone));
}

/** The zone a time of branchId is shown in. */
export function zoneFor(branchId) {
  if (zoneChoice === 'browser') return BROWSER_ZONE;
  if (zoneChoice !== 'branch') return zoneChoice;
  return branchZones.get(branchId) ?? BROWSER_ZONE;
}

// ---- formats
const dash = '—';

export function formatNumber(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(value)) return dash;
  return new Intl.NumberFormat(language, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** A compact number for tiles (12.3K / 1.2万), exact below 10,000. */
export function formatCompact(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return dash;
  if (Math.abs(value) < 10000) return formatNumber(value, Number.isInteger(value) ? 0 : digits);
  return new Intl.NumberFormat(language, { notation: 'compact', maximumFractionDigits: digits }).format(value);
}

export function formatPercent(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return dash;
  return `${formatNumber(value, digits)} %`;
}

/** Date and time of an instant in the zone of branchId (or the user's chosen zone), with the zone's short name. */
export function formatDateTime(instant, branchId) {
  if (!instant) return dash;
  // the fields one by one: Intl refuses dateStyle/timeStyle together with timeZoneName
  return new Intl.DateTimeFormat(language, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: zoneFor(branchId),
    timeZoneName: 'short',
  }).format(new Date(instant));
}

/** A calendar date (yyyy-mm-dd, no zone) as the language writes it. */
export function formatLocalDate(isoDate) {
  if (!isoDate) return dash;
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/**
 * A duration in milliseconds as hours and minutes ("2 h 05 min" / "2小时5分钟"); negative ones too. With
 * { seconds: true }, seconds follow below a day (a live countdown).
 */
export function formatDuration(ms, { seconds = false } = {}) {
  if (ms === null || ms === undefined) return dash;
  const sign = ms < 0 ? '−' : '';
  const minutes = Math.floor(Math.abs(ms) / 60000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const unit = (value, name) => new Intl.NumberFormat(language, { style: 'unit', unit: name, unitDisplay: 'narrow' }).format(value);
  const parts = [];
  if (days) parts.push(unit(days, 'day'));
  if (days || hours) parts.push(unit(hours, 'hour'));
  parts.push(unit(rest, 'minute'));
  if (seconds && !days) parts.push(unit(Math.floor(Math.abs(ms) / 1000) % 60, 'second'));
  return sign + parts.join(' ');
}

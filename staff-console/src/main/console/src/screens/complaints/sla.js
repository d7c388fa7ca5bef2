// Live SLA clocks. complaint-service answers, per target (first response, resolution), the instants at which the
// complaint's business-time clock reaches the warning (80 %) and the allowance (100 %), already projected over the
// branch's business calendar; both are null while the clock stands still short of them (on hold). The browser only
// counts down to those instants, every second: amber once the warning instant passed, red once the due one did.
import { formatDateTime, formatDuration, t } from '../../i18n.js';
import { h } from '../../ui.js';

/** The target still counting ({ target: 'FIRST_RESPONSE' | 'RESOLUTION', sla }), or null once both were met. */
export function runningTarget(complaint) {
  if (complaint.firstResponse && !complaint.firstResponse.metAt) return { target: 'FIRST_RESPONSE', sla: complaint.firstResponse };
  if (complaint.resolution && !complaint.resolution.metAt && complaint.status !== 'RESOLVED' && complaint.status !== 'CLOSED') {
    return { target: 'RESOLUTION', sla: complaint.resolution };
  }
  return null;
}

/** 'bad' (due time passed or breach announced), 'warn' (warning time passed or announced), or ''. */
export function level(sla, now = Date.now()) {
  if (sla.breached || (sla.dueAt && Date.parse(sla.dueAt) <= now)) return 'bad';
  if (sla.warned || (sla.warningAt && Date.parse(sla.warningAt) <= now)) return 'warn';
  return '';
}

/**
 * One countdown (kind 'warning' or 'breach') of a target, kept live by ticking(): a span carrying the instants it
 * needs, so each second only redraws text and colour.
 */
export function clock(sla, kind, paused) {
  const el = h('span', {
    class: 'sla-clock',
    dataset: {
      kind,
      warningAt: sla.warningAt ?? '',
      dueAt: sla.dueAt ?? '',
      warned: String(sla.warned),
      breached: String(sla.breached),
      paused: String(paused),
    },
  });
  draw(el, Date.now());
  return el;
}

/** The countdowns of the running target of a complaint in the queue: [warning cell, breach cell]. */
export function queueClocks(complaint) {
  const running = runningTarget(complaint);
  if (!running) return [t('sla.none'), t('sla.none')];
  const paused = complaint.status === 'ON_HOLD';
  const label = h('small', { class: 'muted sla-target' }, t(`sla.${running.target}`));
  return [
    h('span', { class: 'sla-cell' }, clock(running.sla, 'warning', paused), label),
    h('span', { class: 'sla-cell' }, clock(running.sla, 'breach', paused), label.cloneNode(true)),
  ];
}

function draw(el, now) {
  const d = el.dataset;
  const sla = { warningAt: d.warningAt || null, dueAt: d.dueAt || null, warned: d.warned === 'true', breached: d.breached === 'true' };
  const at = d.kind === 'warning' ? sla.warningAt : sla.dueAt;
  let text;
  if (d.paused === 'true') {
    // on hold the business clock stands still: no count, whether or not the time had passed before the hold
    text = t('sla.paused');
  } else if (at && Date.parse(at) <= now) {
    text = d.kind === 'warning' ? t('sla.passed') : t('sla.overdue', { time: formatDuration(now - Date.parse(at)) });
  } else if (at) {
    text = formatDuration(Date.parse(at) - now, { seconds: true });
  } else {
    text = t('sla.none');
  }
  el.textContent = text;
  const state = level(sla, now);
  el.className = `sla-clock chip ${state}${d.paused === 'true' ? ' paused' : ''}`;
}

/** Redraws every clock under root each second; returns the function that stops it (a screen's cleanup). */
export function ticking(root) {
  const timer = setInterval(() => {
    const now = Date.now();
    root.querySelectorAll('.sla-clock').forEach((el) => draw(el, now));
  }, 1000);
  return () => clearInterval(timer);
}

/** When a met target was met, in the branch's time. */
export function metText(sla, branchId) {
  return t('sla.met', { at: formatDateTime(sla.metAt, branchId) });
}

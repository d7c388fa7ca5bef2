// Business calendars (complaint-service /api/v1/calendars): per branch, its time zone, its weekly opening hours —
// several from–to intervals a day for split shifts, "to 00:00" meaning until midnight — and its holidays. SLA due
// times count only these hours; a branch without a calendar counts around the clock in UTC.
import { deleteJson, getJson, putJson } from '../../api.js';
import { formatLocalDate, messages, t } from '../../i18n.js';
import { can } from '../../session.js';
import { field, h, notify, problemBox, problemText, select } from '../../ui.js';
import { checkForm, confirmBox, loadBranches, sectionFrame, withLabels, zoneList } from './common.js';

const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

messages({
  en: {
    'admin.calendars.title': 'Business calendars',
    'admin.calendars.intro':
      'SLA due times count only the opening hours below. Add several intervals to a day for split shifts; an interval ending at 00:00 runs until midnight.',
    'admin.calendars.branch': 'Branch',
    'admin.calendars.hasOwn': 'has a calendar',
    'admin.calendars.none': 'No calendar yet: complaints of this branch count around the clock in UTC. Set one up below.',
    'admin.calendars.zone': 'Time zone',
    'admin.calendars.week': 'Weekly hours',
    'admin.calendars.closed': 'closed',
    'admin.calendars.addShift': 'Add interval',
    'admin.calendars.removeShift': 'Remove interval',
    'admin.calendars.from': 'from',
    'admin.calendars.to': 'to',
    'admin.calendars.copyWeekdays': 'Copy Monday to Tuesday–Friday',
    'admin.calendars.holidays': 'Holidays (closed all day)',
    'admin.calendars.addHoliday': 'Add holiday',
    'admin.calendars.removeHoliday': 'Remove {date}',
    'admin.calendars.noHolidays': 'No holidays.',
    'admin.calendars.save': 'Save calendar',
    'admin.calendars.saved': 'Calendar of {branch} saved.',
    'admin.calendars.remove': 'Remove calendar',
    'admin.calendars.removeTitle': 'Remove the calendar of {branch}?',
    'admin.calendars.removeText': 'Its complaints will then count around the clock in UTC.',
    'admin.calendars.removed': 'Calendar of {branch} removed.',
    'admin.calendars.shiftMissing': 'each interval needs a start and an end',
    'admin.calendars.shiftOrder': 'interval {shift} must end after it starts',
    'admin.calendars.shiftOverlap': 'intervals {a} and {b} overlap',
    'admin.calendars.noShift': 'must contain at least one interval',
    'admin.calendars.tooManyHolidays': 'at most 1,000 dates',
    'admin.day.MONDAY': 'Monday',
    'admin.day.TUESDAY': 'Tuesday',
    'admin.day.WEDNESDAY': 'Wednesday',
    'admin.day.THURSDAY': 'Thursday',
    'admin.day.FRIDAY': 'Friday',
    'admin.day.SATURDAY': 'Saturday',
    'admin.day.SUNDAY': 'Sunday',
  },
  'zh-CN': {
    'admin.calendars.title': '工作日历',
    'admin.calendars.intro': 'SLA 到期时间只计算以下营业时间。分段营业可为同一天添加多个时段；结束时间为 00:00 表示营业至午夜。',
    'admin.calendars.branch': '网点',
    'admin.calendars.hasOwn': '已设置日历',
    'admin.calendars.none': '尚未设置日历：该网点的投诉按 UTC 全天候计时。可在下方设置。',
    'admin.calendars.zone': '时区',
    'admin.calendars.week': '每周营业时间',
    'admin.calendars.closed': '休息',
    'admin.calendars.addShift': '添加时段',
    'admin.calendars.removeShift': '删除时段',
    'admin.calendars.from': '从',
    'admin.calendars.to': '至',
    'admin.calendars.copyWeekdays': '将周一时段复制到周二至周五',
    'admin.calendars.holidays': '节假日（全天休息）',
    'admin.calendars.addHoliday': '添加节假日',
    'admin.calendars.removeHoliday': '删除 {date}',
    'admin.calendars.noHolidays': '暂无节假日。',
    'admin.calendars.save': '保存日历',
    'admin.calendars.saved': '{branch} 的工作日历已保存。',
    'admin.calendars.remove': '删除日历',
    'admin.calendars.removeTitle': '删除 {branch} 的工作日历？',
    'admin.calendars.removeText': '删除后该网点的投诉将按 UTC 全天候计时。',
    'admin.calendars.removed': '{branch} 的工作日历已删除。',
    'admin.calendars.shiftMissing': '每个时段都需要开始和结束时间',
    'admin.calendars.shiftOrder': '时段 {shift} 的结束时间必须晚于开始时间',
    'admin.calendars.shiftOverlap': '时段 {a} 与 {b} 重叠',
    'admin.calendars.noShift': '至少需要一个营业时段',
    'admin.calendars.tooManyHolidays': '最多 1,000 个日期',
    'admin.day.MONDAY': '星期一',
    'admin.day.TUESDAY': '星期二',
    'admin.day.WEDNESDAY': '星期三',
    'admin.day.THURSDAY': '星期四',
    'admin.day.FRIDAY': '星期五',
    'admin.day.SATURDAY': '星期六',
    'admin.day.SUNDAY': '星期日',
  },
});

/** "09:00:00" → "09:00" (the API writes seconds, the time inputs show minutes). */
const hhmm = (time) => (time ?? '').slice(0, 5);

export const section = {
  key: 'calendars',
  path: '/admin/calendars',
  title: 'admin.calendars.title',
  allowed: () => can.configureQuality(),
  async render(view, sections, params) {
    await sectionFrame(view, sections, section.key, section.title, async () => {
      const [branches, calendars] = await Promise.all([loadBranches(), getJson('/api/v1/calendars')]);
      const withCalendar = new Set(calendars.map((c) => c.branchId));
      const chosen = params.get('branch') ?? branches[0]?.branchId ?? '';
      const chooser = select(
        'branch',
        branches.map((b) => [b.branchId, `${b.branchId} · ${b.name}${withCalendar.has(b.branchId) ? ` (${t('admin.calendars.hasOwn')})` : ''}`]),
        chosen,
      );
      chooser.addEventListener('change', () => {
        location.hash = `#${section.path}?branch=${encodeURIComponent(chooser.value)}`;
      });
      const branch = branches.find((b) => b.branchId === chosen);
      const calendar = calendars.find((c) => c.branchId === chosen) ?? null;
      return [
        h('p', { class: 'explain' }, t('admin.calendars.intro')),
        h('div', { class: 'toolbar' }, field(t('admin.calendars.branch'), chooser)),
        branch ? editor(branch, calendar, () => {
          view.replaceChildren();
          section.render(view, sections, params);
        }) : null,
      ];
    });
  },
};

/** The editor of one branch's calendar: zone, a week of interval lists, holidays; save and remove. */
function editor(branch, calendar, reload) {
  const zone = h('input', {
    name: 'timeZone',
    list: 'admin-calendar-zones',
    required: true,
    autocomplete: 'off',
    value: calendar?.timeZone ?? branch.timeZone ?? 'UTC',
    'data-label': t('admin.calendars.zone'),
  });
  // the week as lists of { from, to } the inputs edit in place
  const week = Object.fromEntries(DAYS.map((day) => [day, (calendar?.weeklyHours?.[day] ?? []).map((s) => ({ from: hhmm(s.from), to: hhmm(s.to) }))]));
  if (!calendar) for (const day of DAYS.slice(0, 5)) week[day] = [{ from: '09:00', to: '17:00' }];
  const holidays = new Set(calendar?.holidays ?? []);
  const weekGrid = h('div', { class: 'week' });
  const holidayList = h('div', { class: 'shifts' });
  const result = h('div');

  const drawWeek = () => {
    weekGrid.replaceChildren(
      ...DAYS.flatMap((day) => [
        h('div', { class: 'day' }, t(`admin.day.${day}`)),
        h(
          'div',
          { class: 'shifts', dataset: { day } },
          week[day].length ? null : h('span', { class: 'muted' }, t('admin.calendars.closed')),
          week[day].map((shift, index) =>
            h(
              'span',
              { class: 'shift' },
              h('input', { type: 'time', value: shift.from, 'aria-label': t('admin.calendars.from'), oninput: (e) => { shift.from = e.target.value; } }),
              '–',
              h('input', { type: 'time', value: shift.to, 'aria-label': t('admin.calendars.to'), oninput: (e) => { shift.to = e.target.value; } }),
              h('button', { type: 'button', class: 'secondary small', title: t('admin.calendars.removeShift'), 'aria-label': t('admin.calendars.removeShift'), onclick: () => { week[day].splice(index, 1); drawWeek(); } }, '×'),
            ),
          ),
          h('button', {
            type: 'button',
            class: 'secondary small add-shift',
            onclick: () => {
              // a new interval starts where the day's last one ends (a split shift's second part)
              const last = week[day].at(-1);
              week[day].push(last ? { from: last.to === '00:00' ? '' : last.to, to: '' } : { from: '09:00', to: '17:00' });
              drawWeek();
            },
          }, `+ ${t('admin.calendars.addShift')}`),
        ),
      ]),
    );
  };

  const drawHolidays = () => {
    const sorted = [...holidays].sort();
    holidayList.replaceChildren(
      ...(sorted.length
        ? sorted.map((date) =>
            h('span', { class: 'chip', dataset: { date } }, formatLocalDate(date), ' ',
              h('button', { type: 'button', class: 'secondary small', 'aria-label': t('admin.calendars.removeHoliday', { date }), onclick: () => { holidays.delete(date); drawHolidays(); } }, '×')))
        : [h('span', { class: 'muted' }, t('admin.calendars.noHolidays'))]),
    );
  };

  const newHoliday = h('input', { type: 'date', name: 'holiday' });
  const form = h(
    'form',
    { class: 'calendar-editor', novalidate: true, onsubmit: (e) => { e.preventDefault(); save(); } },
    calendar ? null : h('p', { class: 'warning' }, t('admin.calendars.none')),
    field(t('admin.calendars.zone'), zone),
    zoneList('admin-calendar-zones'),
    h('h2', {}, t('admin.calendars.week')),
    h('div', { class: 'toolbar' }, h('button', { type: 'button', class: 'secondary small', onclick: () => { for (const day of DAYS.slice(1, 5)) week[day] = week.MONDAY.map((s) => ({ ...s })); drawWeek(); } }, t('admin.calendars.copyWeekdays'))),
    weekGrid,
    h('h2', {}, t('admin.calendars.holidays')),
    h('div', { class: 'toolbar' }, newHoliday, h('button', { type: 'button', class: 'secondary small', onclick: () => { if (newHoliday.value) { holidays.add(newHoliday.value); newHoliday.value = ''; drawHolidays(); } } }, `+ ${t('admin.calendars.addHoliday')}`)),
    holidayList,
    result,
    h('div', { class: 'buttons' },
      calendar ? h('button', { type: 'button', class: 'danger', onclick: remove }, t('admin.calendars.remove')) : null,
      h('button', { type: 'submit' }, t('admin.calendars.save'))),
  );

  /** CalendarRequest's checks, in the user's language: intervals complete, in order, not overlapping; one at least. */
  function weekProblems() {
    const errors = [];
    for (const day of DAYS) {
      const label = t(`admin.day.${day}`);
      const shifts = week[day];
      if (shifts.some((s) => !s.from || !s.to)) {
        errors.push({ field: label, message: t('admin.calendars.shiftMissing') });
        continue;
      }
      const end = (s) => (s.to === '00:00' ? '24:00' : s.to);
      const bad = shifts.find((s) => end(s) <= s.from);
      if (bad) {
        errors.push({ field: label, message: t('admin.calendars.shiftOrder', { shift: `${bad.from}–${end(bad)}` }) });
        continue;
      }
      const sorted = [...shifts].sort((a, b) => a.from.localeCompare(b.from));
      for (let i = 1; i < sorted.length; i++) {
        if (sorted[i].from < end(sorted[i - 1])) {
          const a = `${sorted[i - 1].from}–${end(sorted[i - 1])}`;
          const b = `${sorted[i].from}–${end(sorted[i])}`;
          errors.push({ field: label, message: t('admin.calendars.shiftOverlap', { a, b }) });
          break;
        }
      }
    }
    if (!errors.length && DAYS.every((day) => !week[day].length)) {
      errors.push({ field: t('admin.calendars.week'), message: t('admin.calendars.noShift') });
    }
    if (holidays.size > 1000) errors.push({ field: t('admin.calendars.holidays'), message: t('admin.calendars.tooManyHolidays') });
    return errors;
  }

  async function save() {
    result.replaceChildren();
    const labels = { timeZone: t('admin.calendars.zone'), weeklyHours: t('admin.calendars.week'), holidays: t('admin.calendars.holidays') };
    for (const day of DAYS) labels[`weeklyHours.${day}`] = t(`admin.day.${day}`);
    try {
      checkForm(form, weekProblems());
      const weeklyHours = Object.fromEntries(DAYS.filter((day) => week[day].length).map((day) => [day, week[day]]));
      await withLabels(labels, () =>
        putJson(`/api/v1/calendars/${encodeURIComponent(branch.branchId)}`, { timeZone: zone.value.trim(), weeklyHours, holidays: [...holidays].sort() }),
      );
      notify(t('admin.calendars.saved', { branch: branch.branchId }));
      reload();
    } catch (error) {
      result.replaceChildren(problemBox(error));
    }
  }

  async function remove() {
    if (!(await confirmBox(t('admin.calendars.removeTitle', { branch: branch.branchId }), t('admin.calendars.removeText'), t('common.delete')))) return;
    try {
      await deleteJson(`/api/v1/calendars/${encodeURIComponent(branch.branchId)}`);
      notify(t('admin.calendars.removed', { branch: branch.branchId }));
      reload();
    } catch (error) {
      notify(problemText(error), 'error');
    }
  }

  drawWeek();
  drawHolidays();
  return form;
}

// Periodic quality reports (reporting-service /api/v1/reports/periodic, issue 19): a branch's, a region's or the
// tenant's week, month or quarter against the previous period and a year before, as PDF and HTML in English or
// Chinese. Managers and admins generate one now; everyone lists and opens the archived reports of the scopes they see.
import { deleteJson, getJson, postJson, query as queryString } from '../../api.js';
import { currentLanguage, formatDateTime, formatLocalDate, formatNumber, messages, t } from '../../i18n.js';
import { can, currentUser, scoped } from '../../session.js';
import { field, h, notify, problemBox, select, table } from '../../ui.js';

messages({
  en: {
    'reports.nav': 'Reports',
    'reports.title': 'Quality reports',
    'reports.hint': 'Weekly, monthly and quarterly reports with the change against the previous period and a year before, as PDF to forward and print.',
    'reports.scope': 'Scope',
    'reports.scope.tenant': 'All branches',
    'reports.scope.region': 'Region {region}',
    'reports.scope.branch': 'Branch {branch}',
    'reports.period': 'Period',
    'reports.period.WEEK': 'Week',
    'reports.period.MONTH': 'Month',
    'reports.period.QUARTER': 'Quarter',
    'reports.start': 'First day',
    'reports.start.hint': 'Empty: the last period that has ended.',
    'reports.language': 'Language',
    'reports.generate': 'Generate report',
    'reports.generating': 'Generating …',
    'reports.generated': 'Report generated.',
    'reports.archive': 'Archived reports',
    'reports.covers': 'Covers',
    'reports.generatedAt': 'Generated',
    'reports.generatedBy': 'By',
    'reports.size': 'Size',
    'reports.open': 'Open',
    'reports.none': 'No report of this scope yet.',
    'reports.schedules': 'Scheduled reports',
    'reports.schedules.hint': 'Generated once for every period that ends (within a minute, in the scope\'s local days), and right away for the last one; they appear in the archive of their scope.',
    'reports.schedule.name': 'Name',
    'reports.schedule.add': 'Schedule for this scope',
    'reports.schedule.added': 'Report scheduled.',
    'reports.schedule.remove': 'Remove',
    'reports.schedule.removed': 'Schedule removed; its reports stay in the archive.',
    'reports.schedules.none': 'No report is scheduled.',
    'reports.schedule.scope': 'Scope',
    'reports.schedule.by': 'Defined by',
  },
  'zh-CN': {
    'reports.nav': '报告',
    'reports.title': '质量报告',
    'reports.hint': '周报、月报和季报，与上期及去年同期对比，可生成 PDF 转发和打印。',
    'reports.scope': '范围',
    'reports.scope.tenant': '全部网点',
    'reports.scope.region': '区域 {region}',
    'reports.scope.branch': '网点 {branch}',
    'reports.period': '周期',
    'reports.period.WEEK': '周',
    'reports.period.MONTH': '月',
    'reports.period.QUARTER': '季度',
    'reports.start': '起始日',
    'reports.start.hint': '留空：最近一个已结束的周期。',
    'reports.language': '语言',
    'reports.generate': '生成报告',
    'reports.generating': '正在生成……',
    'reports.generated': '报告已生成。',
    'reports.archive': '已归档的报告',
    'reports.covers': '覆盖期间',
    'reports.generatedAt': '生成时间',
    'reports.generatedBy': '生成人',
    'reports.size': '大小',
    'reports.open': '打开',
    'reports.none': '该范围还没有报告。',
    'reports.schedules': '定期报告',
    'reports.schedules.hint': '每个周期结束后生成一次（按该范围所在时区的自然日，一分钟内），并立即为最近一个已结束的周期生成；生成的报告归入该范围的档案。',
    'reports.schedule.name': '名称',
    'reports.schedule.add': '为此范围定期生成',
    'reports.schedule.added': '已设置定期报告。',
    'reports.schedule.remove': '删除',
    'reports.schedule.removed': '已删除定期设置；已生成的报告仍保留在档案中。',
    'reports.schedules.none': '尚未设置定期报告。',
    'reports.schedule.scope': '范围',
    'reports.schedule.by': '设置人',
  },
});

const BASE = '/api/v1/reports/periodic';

/** The scopes the user sees: the tenant unless narrowed to branches, each region, each branch of the directory. */
function scopeOptions(directory, narrowed) {
  const regions = [...new Set(directory.map((b) => b.regionId).filter(Boolean))].sort();
  const options = narrowed ? [] : [['', t('reports.scope.tenant')]];
  if (!narrowed) regions.forEach((region) => options.push([`region:${region}`, t('reports.scope.region', { region })]));
  directory.map((b) => b.branchId).sort().forEach((branch) => options.push([`branch:${branch}`, t('reports.scope.branch', { branch })]));
  return options;
}

function scopeParams(value) {
  if (value.startsWith('branch:')) return { branchId: value.slice('branch:'.length) };
  if (value.startsWith('region:')) return { regionId: value.slice('region:'.length) };
  return {};
}

const periodText = (report) => `${t(`reports.period.${report.period}`)} · ${formatLocalDate(report.start)} – ${formatLocalDate(lastDay(report.end))}`;

function lastDay(isoEnd) {
  const day = new Date(`${isoEnd}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

async function render(view, _params, query) {
  const directory = await getJson('/api/v1/branches').catch(() => []);
  const user = currentUser();
  const narrowed = user !== null && user.branches.length > 0;
  const options = scopeOptions(directory, narrowed);
  const chosen = options.some(([value]) => value === (query.get('scope') ?? '')) ? (query.get('scope') ?? '') : options[0]?.[0] ?? '';

  const scopeSelect = select('scope', options, chosen);
  scopeSelect.addEventListener('change', () => { location.hash = `#/reports${queryString({ scope: scopeSelect.value || undefined })}`; });
  const archive = h('section', { class: 'panel', id: 'reports-archive' });
  const head = h('section', { class: 'panel' }, h('h1', {}, t('reports.title')), h('p', { class: 'muted' }, t('reports.hint')),
    field(t('reports.scope'), scopeSelect));
  view.append(head);

  if (can.generateReports()) {
    const problem = h('div');
    const button = h('button', { type: 'submit', id: 'reports-generate' }, t('reports.generate'));
    const form = h('form', { class: 'inline-form', id: 'reports-form' },
      field(t('reports.period'), select('period', ['WEEK', 'MONTH', 'QUARTER'].map((p) => [p, t(`reports.period.${p}`)]), 'MONTH')),
      field(t('reports.start'), h('input', { type: 'date', name: 'start' }), t('reports.start.hint')),
      field(t('reports.language'), select('language', [['zh-CN', '中文'], ['en', 'English']], currentLanguage() === 'zh-CN' ? 'zh-CN' : 'en')),
      button, problem);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      problem.replaceChildren();
      button.disabled = true;
      button.textContent = t('reports.generating');
      const data = new FormData(form);
      try {
        await postJson(BASE, {
          ...scopeParams(scopeSelect.value),
          period: data.get('period'),
          start: data.get('start') || undefined,
          language: data.get('language'),
        });
        notify(t('reports.generated'));
        await load();
      } catch (e) {
        problem.replaceChildren(problemBox(e));
      } finally {
        button.disabled = false;
        button.textContent = t('reports.generate');
      }
    });
    head.append(form);
  }
  view.append(archive);
  const schedules = h('section', { class: 'panel', id: 'reports-schedules' });
  view.append(schedules);

  const scopeLabel = (d) => (d.branchId ? t('reports.scope.branch', { branch: d.branchId })
    : d.regionId ? t('reports.scope.region', { region: d.regionId }) : t('reports.scope.tenant'));

  async function loadSchedules() {
    const definitions = await getJson('/api/v1/reports/definitions');
    const mayDefine = can.configureQuality() && !scoped();
    const parts = [h('h2', {}, t('reports.schedules')), h('p', { class: 'muted' }, t('reports.schedules.hint'))];
    if (mayDefine) {
      const problem = h('div');
      const form = h('form', { class: 'inline-form', id: 'reports-schedule-form' },
        field(t('reports.schedule.name'), h('input', { name: 'name', required: true, maxlength: 100 })),
        field(t('reports.period'), select('period', ['WEEK', 'MONTH', 'QUARTER'].map((p) => [p, t(`reports.period.${p}`)]), 'MONTH')),
        field(t('reports.language'), select('language', [['zh-CN', '中文'], ['en', 'English']], currentLanguage() === 'zh-CN' ? 'zh-CN' : 'en')),
        h('button', { type: 'submit' }, t('reports.schedule.add')), problem);
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        problem.replaceChildren();
        const data = new FormData(form);
        try {
          await postJson('/api/v1/reports/definitions', {
            name: data.get('name'), ...scopeParams(scopeSelect.value), period: data.get('period'), language: data.get('language'),
          });
          notify(t('reports.schedule.added'));
          await loadSchedules();
        } catch (e) {
          problem.replaceChildren(problemBox(e));
        }
      });
      parts.push(form);
    }
    parts.push(table([
      { label: t('reports.schedule.name'), value: (d) => d.name },
      { label: t('reports.schedule.scope'), value: scopeLabel },
      { label: t('reports.period'), value: (d) => t(`reports.period.${d.period}`) },
      { label: t('reports.language'), value: (d) => (d.language === 'zh-CN' ? '中文' : 'English') },
      { label: t('reports.schedule.by'), value: (d) => d.createdBy },
      { label: '', value: (d) => (mayDefine
        ? h('button', { type: 'button', class: 'secondary', onclick: async () => {
          await deleteJson(`/api/v1/reports/definitions/${encodeURIComponent(d.id)}`);
          notify(t('reports.schedule.removed'));
          await loadSchedules();
        } }, t('reports.schedule.remove'))
        : '') },
    ], definitions, { empty: t('reports.schedules.none') }));
    schedules.replaceChildren(...parts);
  }
  await loadSchedules();

  async function load() {
    const reports = await getJson(`${BASE}${queryString(scopeParams(scopeSelect.value))}`);
    archive.replaceChildren(
      h('h2', {}, t('reports.archive')),
      table([
        { label: t('reports.covers'), value: periodText },
        { label: t('reports.language'), value: (r) => (r.language === 'zh-CN' ? '中文' : 'English') },
        { label: t('reports.generatedAt'), value: (r) => formatDateTime(r.generatedAt) },
        { label: t('reports.generatedBy'), value: (r) => r.generatedBy },
        { label: t('reports.size'), class: 'num', value: (r) => `${formatNumber(r.pdfBytes / 1024, 0)} KB` },
        { label: t('reports.open'), value: (r) => h('span', {},
          h('a', { href: r.pdf, class: 'report-pdf', target: '_blank', rel: 'noopener' }, 'PDF'), ' · ',
          h('a', { href: r.html, class: 'report-html', target: '_blank', rel: 'noopener' }, 'HTML')) },
      ], reports, { empty: t('reports.none') }));
  }
  await load();
}

export const routes = [{ path: '/reports', nav: 'reports.nav', title: 'reports.title', render }];

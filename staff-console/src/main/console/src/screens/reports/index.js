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
    'reports.schedule.emails': 'E-mail to',
    'reports.schedule.emails.hint': 'Addresses separated by commas; each gets the report with its PDF attached.',
    'reports.schedule.webhook': 'Webhook URL',
    'reports.schedule.webhook.hint': 'Optional: each report is posted there as a signed message with its PDF.',
    'reports.schedule.recipients': 'Delivered to',
    'reports.schedule.secret': 'The webhook\'s signing secret, shown this once (Standard Webhooks; verify webhook-signature with it): {secret}',
    'reports.deliveries': 'Deliveries',
    'reports.deliveries.hint': 'Each scheduled report to each recipient; failures are retried with growing waits and every attempt is kept.',
    'reports.deliveries.none': 'No report has been delivered yet.',
    'reports.delivery.report': 'Report',
    'reports.delivery.channel': 'Channel',
    'reports.delivery.recipient': 'Recipient',
    'reports.delivery.status': 'Status',
    'reports.delivery.status.PENDING': 'pending',
    'reports.delivery.status.DELIVERED': 'delivered',
    'reports.delivery.status.FAILED': 'failed',
    'reports.delivery.attempts': 'Attempts',
    'reports.delivery.next': 'Next attempt',
    'reports.delivery.error': 'Last error',
    'reports.delivery.resend': 'Send again',
    'reports.delivery.resent': 'Sent again: {status}.',
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
    'reports.schedule.emails': '发送邮件至',
    'reports.schedule.emails.hint': '多个地址以逗号分隔；每人收到附带 PDF 的报告。',
    'reports.schedule.webhook': 'Webhook 地址',
    'reports.schedule.webhook.hint': '可选：每份报告以签名消息（含 PDF）推送到该地址。',
    'reports.schedule.recipients': '接收方',
    'reports.schedule.secret': 'Webhook 签名密钥，仅显示这一次（Standard Webhooks，用它校验 webhook-signature）：{secret}',
    'reports.deliveries': '发送记录',
    'reports.deliveries.hint': '每份定期报告发往每个接收方的情况；失败会以递增的间隔重试，每次尝试都有记录。',
    'reports.deliveries.none': '尚未发送任何报告。',
    'reports.delivery.report': '报告',
    'reports.delivery.channel': '方式',
    'reports.delivery.recipient': '接收方',
    'reports.delivery.status': '状态',
    'reports.delivery.status.PENDING': '待发送',
    'reports.delivery.status.DELIVERED': '已送达',
    'reports.delivery.status.FAILED': '失败',
    'reports.delivery.attempts': '尝试次数',
    'reports.delivery.next': '下次尝试',
    'reports.delivery.error': '最近错误',
    'reports.delivery.resend': '重新发送',
    'reports.delivery.resent': '已重新发送：{status}。',
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
        field(t('reports.schedule.emails'), h('input', { name: 'emails', type: 'text', size: 40 }), t('reports.schedule.emails.hint')),
        field(t('reports.schedule.webhook'), h('input', { name: 'webhookUrl', type: 'url', size: 40 }), t('reports.schedule.webhook.hint')),
        h('button', { type: 'submit' }, t('reports.schedule.add')), problem);
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        problem.replaceChildren();
        const data = new FormData(form);
        try {
          const emails = String(data.get('emails') ?? '').split(/[,;\s]+/).map((e) => e.trim()).filter(Boolean);
          const webhookUrl = String(data.get('webhookUrl') ?? '').trim();
          const created = await postJson('/api/v1/reports/definitions', {
            name: data.get('name'), ...scopeParams(scopeSelect.value), period: data.get('period'), language: data.get('language'),
            emails, webhookUrl: webhookUrl || undefined,
          });
          notify(t('reports.schedule.added'));
          await loadSchedules();
          if (created?.webhookSecret) {
            schedules.append(h('p', { id: 'reports-webhook-secret' }, t('reports.schedule.secret', { secret: created.webhookSecret })));
          }
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
      { label: t('reports.schedule.recipients'), value: (d) => [...(d.emails ?? []), ...(d.webhookUrl ? [d.webhookUrl] : [])].join(', ') },
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
    if (mayDefine) await loadDeliveries(definitions);
  }

  // the delivery log: only who may define schedules sees recipients' addresses
  const deliveries = h('section', { class: 'panel', id: 'reports-deliveries' });
  async function loadDeliveries(definitions) {
    if (!deliveries.isConnected) view.append(deliveries);
    const names = new Map(definitions.map((d) => [d.id, d.name]));
    const log = await getJson('/api/v1/reports/deliveries?limit=50');
    deliveries.replaceChildren(
      h('h2', {}, t('reports.deliveries')),
      h('p', { class: 'muted' }, t('reports.deliveries.hint')),
      table([
        { label: t('reports.delivery.report'), value: (d) => names.get(d.definitionId) ?? d.definitionId },
        { label: t('reports.delivery.channel'), value: (d) => (d.channel === 'EMAIL' ? 'E-mail' : 'Webhook') },
        { label: t('reports.delivery.recipient'), value: (d) => d.recipient },
        { label: t('reports.delivery.status'), value: (d) => h('span', { class: `delivery-${d.status}` }, t(`reports.delivery.status.${d.status}`)) },
        { label: t('reports.delivery.attempts'), class: 'num', value: (d) => formatNumber(d.attemptCount, 0) },
        { label: t('reports.delivery.next'), value: (d) => (d.nextAttemptAt ? formatDateTime(d.nextAttemptAt) : '') },
        { label: t('reports.delivery.error'), value: (d) => d.lastError ?? '' },
        { label: '', value: (d) => h('button', { type: 'button', class: 'secondary', onclick: async () => {
          const after = await postJson(`/api/v1/reports/deliveries/${encodeURIComponent(d.id)}/resend`, {});
          notify(t('reports.delivery.resent', { status: t(`reports.delivery.status.${after.status}`) }));
          await loadDeliveries(definitions);
        } }, t('reports.delivery.resend')) },
      ], log, { empty: t('reports.deliveries.none') }));
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

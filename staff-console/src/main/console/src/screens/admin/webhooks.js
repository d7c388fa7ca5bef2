// Webhook deliveries (complaint-service /api/v1/webhook-deliveries, administrators only): each complaint event sent
// to the tenant's webhook, with its status, attempts and last error, and a re-send. The webhook's address, secret and
// events are deployment settings of the complaint service (sqp.complaints.webhook); its API does not show them.
import { api, getJson, query } from '../../api.js';
import { formatDateTime, formatNumber, messages, t } from '../../i18n.js';
import { can } from '../../session.js';
import { field, h, notify, problemText, select, table } from '../../ui.js';
import { reloading, sectionFrame } from './common.js';
import { enumText } from '../complaints/texts.js';

const STATUSES = ['FAILED', 'DELIVERED'];

messages({
  en: {
    'admin.webhooks.title': 'Webhook',
    'admin.webhooks.intro':
      'Complaint events (by default SLA breaches and escalations) sent to your webhook. Its address, signing secret and events are set where the complaint service is deployed (sqp.complaints.webhook) and are not shown here.',
    'admin.webhooks.status': 'Status',
    'admin.webhooks.status.FAILED': 'failed',
    'admin.webhooks.status.DELIVERED': 'delivered',
    'admin.webhooks.all': 'all',
    'admin.webhooks.complaint': 'Complaint',
    'admin.webhooks.event': 'Event',
    'admin.webhooks.attempts': 'Attempts',
    'admin.webhooks.lastError': 'Last error',
    'admin.webhooks.lastAttempt': 'Last attempt',
    'admin.webhooks.redeliver': 'Send again',
    'admin.webhooks.redelivered': 'Sent again: {status}.',
    'admin.webhooks.empty': 'No deliveries: the webhook is off, or nothing has been sent yet.',
    'admin.webhooks.limit': 'The latest 500 deliveries, newest first.',
  },
  'zh-CN': {
    'admin.webhooks.title': 'Webhook 推送',
    'admin.webhooks.intro':
      '推送到贵方 Webhook 的投诉事件（默认为 SLA 超时和升级）。推送地址、签名密钥和事件类型在投诉服务的部署配置（sqp.complaints.webhook）中设定，此处不显示。',
    'admin.webhooks.status': '状态',
    'admin.webhooks.status.FAILED': '失败',
    'admin.webhooks.status.DELIVERED': '已送达',
    'admin.webhooks.all': '全部',
    'admin.webhooks.complaint': '投诉',
    'admin.webhooks.event': '事件',
    'admin.webhooks.attempts': '尝试次数',
    'admin.webhooks.lastError': '最近错误',
    'admin.webhooks.lastAttempt': '最近尝试',
    'admin.webhooks.redeliver': '重新推送',
    'admin.webhooks.redelivered': '已重新推送：{status}。',
    'admin.webhooks.empty': '暂无推送记录：Webhook 未启用，或尚未推送任何事件。',
    'admin.webhooks.limit': '显示最近 500 条推送，按时间倒序。',
  },
});

export const section = {
  key: 'webhooks',
  path: '/admin/webhooks',
  title: 'admin.webhooks.title',
  allowed: () => can.readWebhookDeliveries(),
  async render(view, sections, params) {
    const status = STATUSES.includes(params.get('status')) ? params.get('status') : '';
    const reload = reloading(section, view, sections, params);
    await sectionFrame(view, sections, section.key, section.title, async () => {
      const deliveries = await getJson(`/api/v1/webhook-deliveries${query({ status })}`);
      const chooser = select('status', [['', t('admin.webhooks.all')], ...STATUSES.map((s) => [s, t(`admin.webhooks.status.${s}`)])], status);
      chooser.addEventListener('change', () => {
        location.hash = `#${section.path}${query({ status: chooser.value })}`;
      });
      const columns = [
        { label: t('admin.webhooks.complaint'), value: (d) => h('a', { href: `#/complaints/${encodeURIComponent(d.complaintId)}` }, d.number ?? d.complaintId) },
        { label: t('admin.webhooks.event'), value: (d) => enumText('complaint.event', d.type) },
        { label: t('admin.webhooks.status'), value: (d) => h('span', { class: `chip ${d.status === 'FAILED' ? 'bad' : 'ok'}` }, t(`admin.webhooks.status.${d.status}`)) },
        { label: t('admin.webhooks.attempts'), class: 'num', value: (d) => formatNumber(d.attempts) },
        { label: t('admin.webhooks.lastError'), value: (d) => d.lastError ?? '—' },
        { label: t('admin.webhooks.lastAttempt'), value: (d) => formatDateTime(d.lastAttemptAt) },
        {
          label: t('admin.actions'),
          class: 'actions',
          value: (d) => h('button', { type: 'button', class: 'secondary small', onclick: (e) => redeliver(d, e.target, reload) }, t('admin.webhooks.redeliver')),
        },
      ];
      return [
        h('p', { class: 'explain' }, t('admin.webhooks.intro')),
        h('div', { class: 'toolbar' }, field(t('admin.webhooks.status'), chooser), h('span', { class: 'explain' }, t('admin.webhooks.limit'))),
        table(columns, deliveries, { empty: t('admin.webhooks.empty') }),
      ];
    });
  },
};

async function redeliver(delivery, button, reload) {
  button.disabled = true;
  try {
    const { data } = await api(`/api/v1/webhook-deliveries/${encodeURIComponent(delivery.eventId)}/redeliver`, { method: 'POST' });
    notify(t('admin.webhooks.redelivered', { status: t(`admin.webhooks.status.${data.status}`) }), data.status === 'FAILED' ? 'error' : 'ok');
    reload();
  } catch (error) {
    button.disabled = false;
    notify(problemText(error), 'error');
  }
}

// Webhooks (complaint-service /api/v1/webhooks and /api/v1/webhook-deliveries, administrators only): the tenant's
// subscriptions — an https address and the event types it receives, its Standard Webhooks signing secret shown once
// on creation in a box with a copy button —, switched on and off, removed after a confirmation; and the delivery log
// with each delivery's attempts, filtered by subscription, status and event type, with a re-send (same webhook-id).
import { api, deleteJson, getJson, postJson, putJson, query } from '../../api.js';
import { formatDateTime, formatNumber, messages, t } from '../../i18n.js';
import { can } from '../../session.js';
import { field, h, notify, problemText, select, table } from '../../ui.js';
import { confirmBox, formDialog, reloading, sectionFrame } from './common.js';

const EVENT_TYPES = [
  'alert.raised',
  'alert.cleared',
  'alert.escalated',
  'complaint.sla_warning',
  'complaint.sla_breached',
  'complaint.escalated',
  'risk.grade_changed',
];
const STATUSES = ['PENDING', 'DELIVERED', 'FAILED'];
// why complaint-service stopped a delivery without an attempt (WebhookSender)
const STOPPED = { 'subscription removed': 'admin.webhooks.stoppedRemoved', 'subscription disabled': 'admin.webhooks.stoppedOff' };

messages({
  en: {
    'admin.webhooks.title': 'Webhooks',
    'admin.webhooks.intro':
      'Your systems are told of alerts, SLA warnings and breaches, escalations and risk-grade changes by signed HTTPS requests (Standard Webhooks). A delivery that fails is tried again with growing pauses; a receiver answering 410 Gone is switched off.',
    'admin.webhooks.add': 'Add webhook',
    'admin.webhooks.url': 'Address',
    'admin.webhooks.urlHint': 'An https address of your system, e.g. https://hooks.example.com/sqp.',
    'admin.webhooks.description': 'Description',
    'admin.webhooks.descriptionHint': 'Who receives it, e.g. “on-call pager”.',
    'admin.webhooks.eventTypes': 'Events',
    'admin.webhooks.oneType': 'tick at least one',
    'admin.webhooks.type.alert.raised': 'alert raised',
    'admin.webhooks.type.alert.cleared': 'alert cleared',
    'admin.webhooks.type.alert.escalated': 'alert escalated',
    'admin.webhooks.type.complaint.sla_warning': 'complaint SLA warning',
    'admin.webhooks.type.complaint.sla_breached': 'complaint SLA breached',
    'admin.webhooks.type.complaint.escalated': 'complaint escalated',
    'admin.webhooks.type.risk.grade_changed': 'risk grade changed',
    'admin.webhooks.state': 'State',
    'admin.webhooks.on': 'on',
    'admin.webhooks.off': 'off',
    'admin.webhooks.offBecause': 'off: {reason}',
    'admin.webhooks.offGone': 'off: the receiver answered 410 Gone',
    'admin.webhooks.created': 'Created',
    'admin.webhooks.enable': 'Switch on',
    'admin.webhooks.disable': 'Switch off',
    'admin.webhooks.switchedOn': 'Webhook “{name}” switched on.',
    'admin.webhooks.switchedOff': 'Webhook “{name}” switched off.',
    'admin.webhooks.remove': 'Remove',
    'admin.webhooks.removeTitle': 'Remove the webhook “{name}”?',
    'admin.webhooks.removeText': 'Nothing is sent to it any more, retries included. Its deliveries stay in the log.',
    'admin.webhooks.removed': 'Webhook “{name}” removed.',
    'admin.webhooks.showDeliveries': 'Deliveries',
    'admin.webhooks.noSubscriptions': 'No webhooks yet: add one to be notified.',
    'admin.webhooks.secretTitle': 'Signing secret of “{name}”',
    'admin.webhooks.secretWarning':
      'Copy the secret now and give it to the receiving system: you will not see it again. It verifies the webhook-signature header of every request (Standard Webhooks).',
    'admin.webhooks.copy': 'Copy',
    'admin.webhooks.copied': 'Copied.',
    'admin.webhooks.copyFailed': 'Could not copy: select the secret and copy it by hand.',
    'admin.webhooks.done': 'I have stored it',
    'admin.webhooks.log': 'Delivery log',
    'admin.webhooks.subscription': 'Webhook',
    'admin.webhooks.event': 'Event',
    'admin.webhooks.status': 'Status',
    'admin.webhooks.status.PENDING': 'pending',
    'admin.webhooks.status.DELIVERED': 'delivered',
    'admin.webhooks.status.FAILED': 'failed',
    'admin.webhooks.all': 'all',
    'admin.webhooks.removedSubscription': 'removed webhook',
    'admin.webhooks.attempts': 'Attempts',
    'admin.webhooks.lastAttempt': 'Last attempt',
    'admin.webhooks.noAnswer': 'no answer',
    'admin.webhooks.stoppedRemoved': 'not sent: the webhook was removed',
    'admin.webhooks.stoppedOff': 'not sent: the webhook was switched off',
    'admin.webhooks.nextAttempt': 'Next attempt',
    'admin.webhooks.createdAt': 'Event received',
    'admin.webhooks.redeliver': 'Send again',
    'admin.webhooks.redelivered': 'Sent again: {status}.',
    'admin.webhooks.empty': 'No deliveries: no webhook receives these events, or none has happened yet.',
    'admin.webhooks.limit': 'The latest 500 deliveries, newest first.',
  },
  'zh-CN': {
    'admin.webhooks.title': 'Webhook 推送',
    'admin.webhooks.intro':
      '告警、SLA 预警与超时、升级及风险等级变化会以签名的 HTTPS 请求（Standard Webhooks 标准）通知贵方系统。推送失败会按逐渐加长的间隔重试；接收方返回 410 Gone 时该推送将被停用。',
    'admin.webhooks.add': '添加 Webhook',
    'admin.webhooks.url': '推送地址',
    'admin.webhooks.urlHint': '贵方系统的 https 地址，例如 https://hooks.example.com/sqp。',
    'admin.webhooks.description': '说明',
    'admin.webhooks.descriptionHint': '由谁接收，例如“值班寻呼”。',
    'admin.webhooks.eventTypes': '事件',
    'admin.webhooks.oneType': '请至少勾选一项',
    'admin.webhooks.type.alert.raised': '告警触发',
    'admin.webhooks.type.alert.cleared': '告警解除',
    'admin.webhooks.type.alert.escalated': '告警升级',
    'admin.webhooks.type.complaint.sla_warning': '投诉 SLA 预警',
    'admin.webhooks.type.complaint.sla_breached': '投诉 SLA 超时',
    'admin.webhooks.type.complaint.escalated': '投诉升级',
    'admin.webhooks.type.risk.grade_changed': '风险等级变化',
    'admin.webhooks.state': '状态',
    'admin.webhooks.on': '启用',
    'admin.webhooks.off': '停用',
    'admin.webhooks.offBecause': '停用：{reason}',
    'admin.webhooks.offGone': '停用：接收方返回 410 Gone',
    'admin.webhooks.created': '创建时间',
    'admin.webhooks.enable': '启用',
    'admin.webhooks.disable': '停用',
    'admin.webhooks.switchedOn': 'Webhook“{name}”已启用。',
    'admin.webhooks.switchedOff': 'Webhook“{name}”已停用。',
    'admin.webhooks.remove': '删除',
    'admin.webhooks.removeTitle': '删除 Webhook“{name}”？',
    'admin.webhooks.removeText': '此后不再向其推送任何内容（包括重试）。其推送记录仍保留在日志中。',
    'admin.webhooks.removed': 'Webhook“{name}”已删除。',
    'admin.webhooks.showDeliveries': '推送记录',
    'admin.webhooks.noSubscriptions': '尚无 Webhook：添加后即可接收通知。',
    'admin.webhooks.secretTitle': '“{name}”的签名密钥',
    'admin.webhooks.secretWarning':
      '请立即复制该密钥并交给接收系统：关闭后将无法再次查看。接收方用它校验每个请求的 webhook-signature 请求头（Standard Webhooks 标准）。',
    'admin.webhooks.copy': '复制',
    'admin.webhooks.copied': '已复制。',
    'admin.webhooks.copyFailed': '无法复制：请选中密钥后手动复制。',
    'admin.webhooks.done': '我已保存',
    'admin.webhooks.log': '推送日志',
    'admin.webhooks.subscription': 'Webhook',
    'admin.webhooks.event': '事件',
    'admin.webhooks.status': '状态',
    'admin.webhooks.status.PENDING': '待推送',
    'admin.webhooks.status.DELIVERED': '已送达',
    'admin.webhooks.status.FAILED': '失败',
    'admin.webhooks.all': '全部',
    'admin.webhooks.removedSubscription': '已删除的 Webhook',
    'admin.webhooks.attempts': '尝试次数',
    'admin.webhooks.lastAttempt': '最近尝试',
    'admin.webhooks.noAnswer': '无响应',
    'admin.webhooks.stoppedRemoved': '未推送：该 Webhook 已删除',
    'admin.webhooks.stoppedOff': '未推送：该 Webhook 已停用',
    'admin.webhooks.nextAttempt': '下次尝试',
    'admin.webhooks.createdAt': '事件接收时间',
    'admin.webhooks.redeliver': '重新推送',
    'admin.webhooks.redelivered': '已重新推送：{status}。',
    'admin.webhooks.empty': '暂无推送记录：没有 Webhook 接收这些事件，或尚未发生此类事件。',
    'admin.webhooks.limit': '显示最近 500 条推送，按时间倒序。',
  },
});

export const section = {
  key: 'webhooks',
  path: '/admin/webhooks',
  title: 'admin.webhooks.title',
  allowed: () => can.manageWebhooks(),
  async render(view, sections, params) {
    const filters = {
      subscriptionId: params.get('subscriptionId') ?? '',
      status: STATUSES.includes(params.get('status')) ? params.get('status') : '',
      eventType: EVENT_TYPES.includes(params.get('eventType')) ? params.get('eventType') : '',
    };
    const reload = reloading(section, view, sections, params);
    await sectionFrame(view, sections, section.key, section.title, async () => {
      const [subscriptions, deliveries] = await Promise.all([
        getJson('/api/v1/webhooks'),
        getJson(`/api/v1/webhook-deliveries${query(filters)}`),
      ]);
      const byId = new Map(subscriptions.map((s) => [s.subscriptionId, s]));
      return [
        h('p', { class: 'explain' }, t('admin.webhooks.intro')),
        h('div', { class: 'toolbar' }, h('button', { type: 'button', onclick: () => add(reload) }, t('admin.webhooks.add'))),
        subscriptionTable(subscriptions, reload),
        h('h2', {}, t('admin.webhooks.log')),
        logFilters(subscriptions, filters),
        deliveryTable(deliveries, byId, reload),
      ];
    });
  },
};

const nameOf = (subscription) => subscription.description || subscription.url;

/** Why a subscription is off: switched off by an administrator, or by the service after a 410 Gone. */
function offText(subscription) {
  if (!subscription.disabledReason) return t('admin.webhooks.off');
  if (subscription.disabledReason.includes('410')) return t('admin.webhooks.offGone');
  return t('admin.webhooks.offBecause', { reason: subscription.disabledReason });
}
const typeText = (type) => t(`admin.webhooks.type.${type}`);

function subscriptionTable(subscriptions, reload) {
  const columns = [
    { label: t('admin.webhooks.description'), value: (s) => s.description || '—' },
    { label: t('admin.webhooks.url'), value: (s) => h('code', {}, s.url) },
    { label: t('admin.webhooks.eventTypes'), value: (s) => s.eventTypes.map(typeText).join(', ') },
    {
      label: t('admin.webhooks.state'),
      value: (s) =>
        s.enabled
          ? h('span', { class: 'chip ok', dataset: { status: 'on' } }, t('admin.webhooks.on'))
          : h('span', { class: 'chip bad', dataset: { status: 'off' } }, offText(s)),
    },
    { label: t('admin.webhooks.created'), value: (s) => formatDateTime(s.createdAt) },
    {
      label: t('admin.actions'),
      class: 'actions',
      value: (s) => [
        h('button', { type: 'button', class: 'secondary small', onclick: (e) => toggle(s, e.target, reload) }, t(s.enabled ? 'admin.webhooks.disable' : 'admin.webhooks.enable')),
        h('button', { type: 'button', class: 'secondary small', onclick: () => (location.hash = `#${section.path}${query({ subscriptionId: s.subscriptionId })}`) }, t('admin.webhooks.showDeliveries')),
        h('button', { type: 'button', class: 'danger small', onclick: () => remove(s, reload) }, t('admin.webhooks.remove')),
      ],
    },
  ];
  const rendered = table(columns, subscriptions, { empty: t('admin.webhooks.noSubscriptions') });
  rendered.querySelectorAll('tbody tr').forEach((tr, i) => {
    if (subscriptions[i]) tr.dataset.subscription = subscriptions[i].subscriptionId;
  });
  return rendered;
}

function logFilters(subscriptions, filters) {
  const choosers = {
    subscriptionId: select('subscriptionId', [['', t('admin.webhooks.all')], ...subscriptions.map((s) => [s.subscriptionId, nameOf(s)])], filters.subscriptionId),
    status: select('status', [['', t('admin.webhooks.all')], ...STATUSES.map((s) => [s, t(`admin.webhooks.status.${s}`)])], filters.status),
    eventType: select('eventType', [['', t('admin.webhooks.all')], ...EVENT_TYPES.map((type) => [type, typeText(type)])], filters.eventType),
  };
  for (const chooser of Object.values(choosers)) {
    chooser.addEventListener('change', () => {
      location.hash = `#${section.path}${query(Object.fromEntries(Object.entries(choosers).map(([name, c]) => [name, c.value])))}`;
    });
  }
  return h(
    'div',
    { class: 'toolbar' },
    field(t('admin.webhooks.subscription'), choosers.subscriptionId),
    field(t('admin.webhooks.status'), choosers.status),
    field(t('admin.webhooks.event'), choosers.eventType),
    h('span', { class: 'explain' }, t('admin.webhooks.limit')),
  );
}

function deliveryTable(deliveries, byId, reload) {
  const lastAttempt = (d) => {
    const last = d.attempts[d.attempts.length - 1];
    if (!last) return STOPPED[d.lastError] ? t(STOPPED[d.lastError]) : d.lastError ?? '—';
    const answer = last.statusCode ?? t('admin.webhooks.noAnswer');
    return `${formatDateTime(last.at)} · ${answer}${last.error && last.statusCode == null ? ` (${last.error})` : ''}`;
  };
  const columns = [
    { label: t('admin.webhooks.createdAt'), value: (d) => formatDateTime(d.createdAt) },
    { label: t('admin.webhooks.event'), value: (d) => typeText(d.eventType) },
    { label: t('admin.webhooks.subscription'), value: (d) => (byId.has(d.subscriptionId) ? nameOf(byId.get(d.subscriptionId)) : t('admin.webhooks.removedSubscription')) },
    { label: t('admin.webhooks.status'), value: (d) => h('span', { class: `chip ${d.status === 'FAILED' ? 'bad' : d.status === 'DELIVERED' ? 'ok' : ''}`, dataset: { status: d.status } }, t(`admin.webhooks.status.${d.status}`)) },
    { label: t('admin.webhooks.attempts'), class: 'num', value: (d) => formatNumber(d.attemptCount) },
    { label: t('admin.webhooks.lastAttempt'), value: lastAttempt },
    { label: t('admin.webhooks.nextAttempt'), value: (d) => (d.nextAttemptAt ? formatDateTime(d.nextAttemptAt) : '—') },
    {
      label: t('admin.actions'),
      class: 'actions',
      value: (d) =>
        byId.has(d.subscriptionId)
          ? h('button', { type: 'button', class: 'secondary small', onclick: (e) => redeliver(d, e.target, reload) }, t('admin.webhooks.redeliver'))
          : null,
    },
  ];
  const rendered = table(columns, deliveries, { empty: t('admin.webhooks.empty') });
  rendered.querySelectorAll('tbody tr').forEach((tr, i) => {
    if (deliveries[i]) tr.dataset.delivery = deliveries[i].deliveryId;
  });
  return rendered;
}

/** The subscription form (WebhookSubscriptionRequest: https URL ≤ 2048, at least one event type, description ≤ 500). */
function add(reload) {
  formDialog(
    t('admin.webhooks.add'),
    [
      field(t('admin.webhooks.url'), h('input', { name: 'url', type: 'url', required: true, maxlength: 2048, placeholder: 'https://', 'data-label': t('admin.webhooks.url') }), t('admin.webhooks.urlHint')),
      field(t('admin.webhooks.description'), h('input', { name: 'description', maxlength: 500, 'data-label': t('admin.webhooks.description') }), t('admin.webhooks.descriptionHint')),
      h(
        'fieldset',
        {},
        h('legend', {}, t('admin.webhooks.eventTypes')),
        h('div', { class: 'shifts' }, EVENT_TYPES.map((type) => h('label', {}, h('input', { type: 'checkbox', name: 'eventTypes', value: type }), ' ', typeText(type)))),
      ),
    ],
    t('admin.webhooks.add'),
    { url: t('admin.webhooks.url'), description: t('admin.webhooks.description'), eventTypes: t('admin.webhooks.eventTypes') },
    async (form) => {
      const created = await postJson('/api/v1/webhooks', {
        url: form.elements.url.value.trim(),
        description: form.elements.description.value.trim() || null,
        eventTypes: new FormData(form).getAll('eventTypes'),
        enabled: true,
      });
      reload();
      showSecret(created);
    },
    (form) => (new FormData(form).getAll('eventTypes').length ? [] : [{ field: t('admin.webhooks.eventTypes'), message: t('admin.webhooks.oneType') }]),
  );
}

/** The signing secret, once: a box with a copy button; closing it removes the secret from the page. */
function showSecret(created) {
  const secret = h('code', { class: 'secret-value' }, created.secret);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.secret);
      notify(t('admin.webhooks.copied'));
    } catch {
      getSelection().selectAllChildren(secret);
      notify(t('admin.webhooks.copyFailed'), 'error');
    }
  };
  const box = h(
    'dialog',
    { class: 'dialog secret-dialog' },
    h(
      'div',
      { class: 'dialog-form' },
      h('h2', {}, t('admin.webhooks.secretTitle', { name: nameOf(created) })),
      h('p', { class: 'warning' }, t('admin.webhooks.secretWarning')),
      h('div', { class: 'secret' }, secret, h('button', { type: 'button', class: 'secondary', onclick: copy }, t('admin.webhooks.copy'))),
      h('div', { class: 'buttons' }, h('button', { type: 'button', onclick: () => box.close() }, t('admin.webhooks.done'))),
    ),
  );
  box.addEventListener('close', () => box.remove());
  document.body.append(box);
  box.showModal();
}

async function toggle(subscription, button, reload) {
  button.disabled = true;
  try {
    const changed = await putJson(`/api/v1/webhooks/${encodeURIComponent(subscription.subscriptionId)}`, {
      url: subscription.url,
      eventTypes: subscription.eventTypes,
      description: subscription.description,
      enabled: !subscription.enabled,
    });
    notify(t(changed.enabled ? 'admin.webhooks.switchedOn' : 'admin.webhooks.switchedOff', { name: nameOf(subscription) }));
    reload();
  } catch (error) {
    button.disabled = false;
    notify(problemText(error), 'error');
  }
}

async function remove(subscription, reload) {
  if (!(await confirmBox(t('admin.webhooks.removeTitle', { name: nameOf(subscription) }), t('admin.webhooks.removeText'), t('admin.webhooks.remove')))) return;
  try {
    await deleteJson(`/api/v1/webhooks/${encodeURIComponent(subscription.subscriptionId)}`);
    notify(t('admin.webhooks.removed', { name: nameOf(subscription) }));
    reload();
  } catch (error) {
    notify(problemText(error), 'error');
  }
}

async function redeliver(delivery, button, reload) {
  button.disabled = true;
  try {
    const { data } = await api(`/api/v1/webhook-deliveries/${encodeURIComponent(delivery.deliveryId)}/redeliver`, { method: 'POST' });
    notify(t('admin.webhooks.redelivered', { status: t(`admin.webhooks.status.${data.status}`) }), data.status === 'DELIVERED' ? 'ok' : 'error');
    reload();
  } catch (error) {
    button.disabled = false;
    notify(problemText(error), 'error');
  }
}

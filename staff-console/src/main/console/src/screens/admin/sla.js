// SLA policies (complaint-service /api/v1/sla-policies): per complaint severity, the first-response and resolution
// targets in business minutes (counted on each branch's business calendar); the tenant's own policy or the
// deployment's default, which a policy can be reset to.
import { deleteJson, getJson, putJson } from '../../api.js';
import { formatNumber, messages, t } from '../../i18n.js';
import { can } from '../../session.js';
import { field, h, notify, problemText, table } from '../../ui.js';
import { confirmBox, formDialog, reloading, sectionFrame } from './common.js';

const MAX_MINUTES = 525600; // SlaPolicyRequest: at most a year of business minutes

messages({
  en: {
    'admin.sla.title': 'SLA policies',
    'admin.sla.intro':
      'Targets per severity, counted in business minutes: only the opening hours of the branch’s business calendar count.',
    'admin.sla.severity': 'Severity',
    'admin.sla.severity.LOW': 'low',
    'admin.sla.severity.MEDIUM': 'medium',
    'admin.sla.severity.HIGH': 'high',
    'admin.sla.severity.CRITICAL': 'critical',
    'admin.sla.firstResponse': 'First response within',
    'admin.sla.resolution': 'Resolution within',
    'admin.sla.firstResponseMinutes': 'First response (business minutes)',
    'admin.sla.resolutionMinutes': 'Resolution (business minutes)',
    'admin.sla.minutesHint': '1 to 525,600 minutes. The first response must not be due after the resolution.',
    'admin.sla.minutes': '{hours} business hours ({minutes} min)',
    'admin.sla.source': 'Source',
    'admin.sla.source.TENANT': 'own policy',
    'admin.sla.source.DEFAULT': 'default',
    'admin.sla.editTitle': 'SLA for {severity} complaints',
    'admin.sla.saved': 'SLA policy saved.',
    'admin.sla.reset': 'Reset to default',
    'admin.sla.resetTitle': 'Reset the {severity} policy?',
    'admin.sla.resetText': 'The deployment’s default targets apply again to new due times.',
    'admin.sla.resetDone': 'The default applies again.',
    'admin.sla.notAfter': 'must not be later than the resolution',
  },
  'zh-CN': {
    'admin.sla.title': 'SLA 策略',
    'admin.sla.intro': '按投诉级别设定时限，以工作分钟计：只计算网点工作日历内的营业时间。',
    'admin.sla.severity': '级别',
    'admin.sla.severity.LOW': '低',
    'admin.sla.severity.MEDIUM': '中',
    'admin.sla.severity.HIGH': '高',
    'admin.sla.severity.CRITICAL': '紧急',
    'admin.sla.firstResponse': '首次响应时限',
    'admin.sla.resolution': '解决时限',
    'admin.sla.firstResponseMinutes': '首次响应（工作分钟）',
    'admin.sla.resolutionMinutes': '解决（工作分钟）',
    'admin.sla.minutesHint': '1 至 525,600 分钟；首次响应时限不得晚于解决时限。',
    'admin.sla.minutes': '{hours} 个工作小时（{minutes} 分钟）',
    'admin.sla.source': '来源',
    'admin.sla.source.TENANT': '自定义',
    'admin.sla.source.DEFAULT': '默认',
    'admin.sla.editTitle': '{severity}级投诉的 SLA',
    'admin.sla.saved': 'SLA 策略已保存。',
    'admin.sla.reset': '恢复默认',
    'admin.sla.resetTitle': '将{severity}级策略恢复默认？',
    'admin.sla.resetText': '新的到期时间将重新按系统默认时限计算。',
    'admin.sla.resetDone': '已恢复默认策略。',
    'admin.sla.notAfter': '不得晚于解决时限',
  },
});

/** Business minutes as business hours (not calendar days: a day of business minutes spans several opening days). */
const minutesText = (minutes) =>
  t('admin.sla.minutes', { hours: formatNumber(minutes / 60, Number.isInteger(minutes / 60) ? 0 : 1), minutes: formatNumber(minutes) });

export const section = {
  key: 'sla',
  path: '/admin/sla',
  title: 'admin.sla.title',
  allowed: () => can.configureQuality(),
  async render(view, sections, params) {
    const reload = reloading(section, view, sections, params);
    await sectionFrame(view, sections, section.key, section.title, async () => {
      const policies = await getJson('/api/v1/sla-policies');
      const columns = [
        { label: t('admin.sla.severity'), value: (p) => t(`admin.sla.severity.${p.severity}`) },
        { label: t('admin.sla.firstResponse'), value: (p) => minutesText(p.firstResponseMinutes) },
        { label: t('admin.sla.resolution'), value: (p) => minutesText(p.resolutionMinutes) },
        { label: t('admin.sla.source'), value: (p) => h('span', { class: `chip ${p.source === 'TENANT' ? 'ok' : ''}` }, t(`admin.sla.source.${p.source}`)) },
        {
          label: t('admin.actions'),
          class: 'actions',
          value: (p) => [
            h('button', { type: 'button', class: 'secondary small', onclick: () => editPolicy(p, reload) }, t('admin.edit')),
            p.source === 'TENANT' ? [' ', h('button', { type: 'button', class: 'danger small', onclick: () => resetPolicy(p, reload) }, t('admin.sla.reset'))] : null,
          ],
        },
      ];
      return [h('p', { class: 'explain' }, t('admin.sla.intro')), table(columns, policies)];
    });
  },
};

function editPolicy(policy, reload) {
  const minutes = (name, value) =>
    h('input', { name, type: 'number', step: 1, min: 1, max: MAX_MINUTES, required: true, value: String(value), 'data-label': t(`admin.sla.${name}`) });
  const severity = t(`admin.sla.severity.${policy.severity}`);
  formDialog(
    t('admin.sla.editTitle', { severity }),
    [
      field(t('admin.sla.firstResponseMinutes'), minutes('firstResponseMinutes', policy.firstResponseMinutes)),
      field(t('admin.sla.resolutionMinutes'), minutes('resolutionMinutes', policy.resolutionMinutes), t('admin.sla.minutesHint')),
    ],
    t('common.save'),
    {
      firstResponseMinutes: t('admin.sla.firstResponseMinutes'),
      resolutionMinutes: t('admin.sla.resolutionMinutes'),
    },
    async (form) => {
      await putJson(`/api/v1/sla-policies/${policy.severity}`, {
        firstResponseMinutes: Number(form.elements.firstResponseMinutes.value),
        resolutionMinutes: Number(form.elements.resolutionMinutes.value),
      });
      notify(t('admin.sla.saved'));
      reload();
    },
    // SlaPolicyRequest: the first response must be due no later than the resolution
    (form) =>
      Number(form.elements.firstResponseMinutes.value) > Number(form.elements.resolutionMinutes.value)
        ? [{ field: t('admin.sla.firstResponseMinutes'), message: t('admin.sla.notAfter') }]
        : [],
  );
}

async function resetPolicy(policy, reload) {
  const severity = t(`admin.sla.severity.${policy.severity}`);
  if (!(await confirmBox(t('admin.sla.resetTitle', { severity }), t('admin.sla.resetText'), t('admin.sla.reset')))) return;
  try {
    await deleteJson(`/api/v1/sla-policies/${policy.severity}`);
    notify(t('admin.sla.resetDone'));
    reload();
  } catch (error) {
    notify(problemText(error), 'error');
  }
}

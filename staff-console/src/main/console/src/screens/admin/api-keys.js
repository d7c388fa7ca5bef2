// API keys (feedback-service /api/v1/api-keys, administrators only): the tenant's keys for kiosks, apps and
// integrations, issued with a name, branches and scopes — the full key shown once, in a box with a copy button and
// gone when the box closes — and revoked after a confirmation.
import { deleteJson, getJson, postJson } from '../../api.js';
import { formatDateTime, messages, t } from '../../i18n.js';
import { can } from '../../session.js';
import { field, h, notify, problemText, table } from '../../ui.js';
import { confirmBox, formDialog, loadBranches, reloading, sectionFrame } from './common.js';

const SCOPES = ['feedback:write', 'interactions:write', 'complaints:write'];

messages({
  en: {
    'admin.keys.title': 'API keys',
    'admin.keys.issue': 'Issue API key',
    'admin.keys.name': 'Name',
    'admin.keys.nameHint': 'What the key is for, e.g. “kiosk N-01 lobby”.',
    'admin.keys.keyId': 'Key id',
    'admin.keys.branches': 'Branches',
    'admin.keys.branchesHint': 'None ticked: the key may write for every branch.',
    'admin.keys.scopes': 'May send',
    'admin.keys.scope.feedback:write': 'feedback',
    'admin.keys.scope.interactions:write': 'interactions',
    'admin.keys.scope.complaints:write': 'complaints',
    'admin.keys.created': 'Issued',
    'admin.keys.status': 'Status',
    'admin.keys.active': 'active',
    'admin.keys.revokedAt': 'revoked {when} by {who}',
    'admin.keys.revoke': 'Revoke',
    'admin.keys.revokeTitle': 'Revoke the key “{name}”?',
    'admin.keys.revokeText': 'Every device or system using it is refused from now on. This cannot be undone.',
    'admin.keys.revoked': 'Key “{name}” revoked.',
    'admin.keys.oneScope': 'tick at least one',
    'admin.keys.secretTitle': 'The new key “{name}”',
    'admin.keys.secretWarning': 'Copy the key now and store it safely: you will not see it again. Sent as the X-API-Key header.',
    'admin.keys.copy': 'Copy',
    'admin.keys.copied': 'Copied.',
    'admin.keys.copyFailed': 'Could not copy: select the key and copy it by hand.',
    'admin.keys.done': 'I have stored it',
  },
  'zh-CN': {
    'admin.keys.title': 'API 密钥',
    'admin.keys.issue': '签发 API 密钥',
    'admin.keys.name': '名称',
    'admin.keys.nameHint': '密钥用途，例如“N-01 大堂评价器”。',
    'admin.keys.keyId': '密钥编号',
    'admin.keys.branches': '网点',
    'admin.keys.branchesHint': '不勾选则可为全部网点提交数据。',
    'admin.keys.scopes': '可提交',
    'admin.keys.scope.feedback:write': '评价',
    'admin.keys.scope.interactions:write': '服务记录',
    'admin.keys.scope.complaints:write': '投诉',
    'admin.keys.created': '签发时间',
    'admin.keys.status': '状态',
    'admin.keys.active': '有效',
    'admin.keys.revokedAt': '已于 {when} 由 {who} 吊销',
    'admin.keys.revoke': '吊销',
    'admin.keys.revokeTitle': '吊销密钥“{name}”？',
    'admin.keys.revokeText': '所有使用该密钥的设备或系统将立即被拒绝访问，且无法恢复。',
    'admin.keys.revoked': '密钥“{name}”已吊销。',
    'admin.keys.oneScope': '请至少勾选一项',
    'admin.keys.secretTitle': '新密钥“{name}”',
    'admin.keys.secretWarning': '请立即复制并妥善保存该密钥：关闭后将无法再次查看。调用时放在 X-API-Key 请求头中。',
    'admin.keys.copy': '复制',
    'admin.keys.copied': '已复制。',
    'admin.keys.copyFailed': '无法复制：请选中密钥后手动复制。',
    'admin.keys.done': '我已保存',
  },
});

export const section = {
  key: 'api-keys',
  path: '/admin/api-keys',
  title: 'admin.keys.title',
  allowed: () => can.manageApiKeys(),
  async render(view, sections, params) {
    const reload = reloading(section, view, sections, params);
    await sectionFrame(view, sections, section.key, section.title, async () => {
      const [{ items }, branches] = await Promise.all([getJson('/api/v1/api-keys'), loadBranches()]);
      items.sort((a, b) => Number(a.revoked) - Number(b.revoked) || b.createdAt.localeCompare(a.createdAt));
      const columns = [
        { label: t('admin.keys.name'), value: (k) => k.name },
        { label: t('admin.keys.keyId'), value: (k) => h('code', {}, k.keyId) },
        { label: t('admin.keys.branches'), value: (k) => (k.branches?.length ? k.branches.join(', ') : t('admin.everyBranch')) },
        { label: t('admin.keys.scopes'), value: (k) => k.scopes.map((s) => t(`admin.keys.scope.${s}`)).join(', ') },
        { label: t('admin.keys.created'), value: (k) => `${formatDateTime(k.createdAt)} · ${k.createdBy ?? ''}` },
        {
          label: t('admin.keys.status'),
          value: (k) =>
            k.revoked
              ? h('span', { class: 'chip bad', dataset: { status: 'revoked' } }, t('admin.keys.revokedAt', { when: formatDateTime(k.revokedAt), who: k.revokedBy ?? '' }))
              : h('span', { class: 'chip ok', dataset: { status: 'active' } }, t('admin.keys.active')),
        },
        {
          label: t('admin.actions'),
          class: 'actions',
          value: (k) => (k.revoked ? null : h('button', { type: 'button', class: 'danger small', onclick: () => revoke(k, reload) }, t('admin.keys.revoke'))),
        },
      ];
      const rendered = table(columns, items);
      rendered.querySelectorAll('tbody tr').forEach((tr, i) => {
        if (items[i]) tr.dataset.key = items[i].keyId;
      });
      return [h('div', { class: 'toolbar' }, h('button', { type: 'button', onclick: () => issue(branches, reload) }, t('admin.keys.issue'))), rendered];
    });
  },
};

/** The issue form (IssueApiKeyRequest: name 1–128, branches optional, at least one scope). */
function issue(branches, reload) {
  const ticks = (name, values, text) =>
    h('div', { class: 'shifts' }, values.map((value) => h('label', {}, h('input', { type: 'checkbox', name, value }), ' ', text(value))));
  formDialog(
    t('admin.keys.issue'),
    [
      field(t('admin.keys.name'), h('input', { name: 'name', required: true, maxlength: 128, 'data-label': t('admin.keys.name') }), t('admin.keys.nameHint')),
      h('fieldset', {}, h('legend', {}, t('admin.keys.scopes')), ticks('scopes', SCOPES, (s) => t(`admin.keys.scope.${s}`))),
      h('fieldset', {}, h('legend', {}, t('admin.keys.branches')), ticks('branches', branches.map((b) => b.branchId), (id) => id), h('small', { class: 'muted' }, t('admin.keys.branchesHint'))),
    ],
    t('admin.keys.issue'),
    { name: t('admin.keys.name'), scopes: t('admin.keys.scopes'), branches: t('admin.keys.branches') },
    async (form) => {
      const data = new FormData(form);
      const issued = await postJson('/api/v1/api-keys', {
        name: form.elements.name.value.trim(),
        scopes: data.getAll('scopes'),
        branches: data.getAll('branches'),
      });
      reload();
      showSecret(issued);
    },
    (form) => (new FormData(form).getAll('scopes').length ? [] : [{ field: t('admin.keys.scopes'), message: t('admin.keys.oneScope') }]),
  );
}

/** The full key, once: a box with a copy button; closing it removes the key from the page. */
function showSecret(issued) {
  const key = h('code', { class: 'secret-value' }, issued.key);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(issued.key);
      notify(t('admin.keys.copied'));
    } catch {
      getSelection().selectAllChildren(key);
      notify(t('admin.keys.copyFailed'), 'error');
    }
  };
  const box = h(
    'dialog',
    { class: 'dialog secret-dialog' },
    h(
      'div',
      { class: 'dialog-form' },
      h('h2', {}, t('admin.keys.secretTitle', { name: issued.name })),
      h('p', { class: 'warning' }, t('admin.keys.secretWarning')),
      h('div', { class: 'secret' }, key, h('button', { type: 'button', class: 'secondary', onclick: copy }, t('admin.keys.copy'))),
      h('div', { class: 'buttons' }, h('button', { type: 'button', onclick: () => box.close() }, t('admin.keys.done'))),
    ),
  );
  box.addEventListener('close', () => box.remove());
  document.body.append(box);
  box.showModal();
}

async function revoke(key, reload) {
  if (!(await confirmBox(t('admin.keys.revokeTitle', { name: key.name }), t('admin.keys.revokeText'), t('admin.keys.revoke')))) return;
  try {
    await deleteJson(`/api/v1/api-keys/${encodeURIComponent(key.keyId)}`);
    notify(t('admin.keys.revoked', { name: key.name }));
    reload();
  } catch (error) {
    notify(problemText(error), 'error');
  }
}

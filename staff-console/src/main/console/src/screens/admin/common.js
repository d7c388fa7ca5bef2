// What the administration sections share: their sub-navigation, the branch directory, form checks that mirror the
// services' request records (so a form refuses what the API would, in the user's language), and a confirmation box.
import { getJson } from '../../api.js';
import { messages, t } from '../../i18n.js';
import { dialog, h, problemBox } from '../../ui.js';

messages({
  en: {
    'admin.nav': 'Administration',
    'admin.everyBranch': 'every branch',
    'admin.actions': 'Actions',
    'admin.edit': 'Edit',
    'admin.confirm': 'Confirm',
    'admin.invalid.required': 'is required',
    'admin.invalid.min': 'must be at least {min}',
    'admin.invalid.max': 'must be at most {max}',
    'admin.invalid.above': 'must be greater than {min}',
    'admin.invalid.number': 'must be a number',
    'admin.invalid.whole': 'must be a whole number',
    'admin.invalid.tooLong': 'must be at most {max} characters',
    'admin.invalid.id': "must be 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit",
    'admin.invalid.format': 'is not in the expected form',
  },
  'zh-CN': {
    'admin.nav': '系统管理',
    'admin.everyBranch': '全部网点',
    'admin.actions': '操作',
    'admin.edit': '编辑',
    'admin.confirm': '确认',
    'admin.invalid.required': '为必填项',
    'admin.invalid.min': '不能小于 {min}',
    'admin.invalid.max': '不能大于 {max}',
    'admin.invalid.above': '必须大于 {min}',
    'admin.invalid.number': '必须是数字',
    'admin.invalid.whole': '必须是整数',
    'admin.invalid.tooLong': '最多 {max} 个字符',
    'admin.invalid.id': '须为 1–64 个字母、数字、“.”、“_”或“-”，并以字母或数字开头',
    'admin.invalid.format': '格式不正确',
  },
});

/** The id pattern of branches, codes and regions in the directory (reporting-service BranchRequest.ID). */
export const ID_PATTERN = '[A-Za-z0-9][A-Za-z0-9._-]{0,63}';

/** The sections' sub-navigation: [{ key, path, title }] of the sections the user's role may open. */
export function subNav(sections, active) {
  return h(
    'nav',
    { class: 'subnav', 'aria-label': t('admin.nav') },
    sections
      .filter((section) => section.allowed())
      .map((section) =>
        h('a', { href: `#${section.path}`, class: section.key === active ? 'active' : '' }, t(section.title)),
      ),
  );
}

/** The branch directory the user may see, sorted by region and id. */
export async function loadBranches() {
  const branches = await getJson('/api/v1/branches');
  return branches.sort((a, b) => a.regionId.localeCompare(b.regionId) || a.branchId.localeCompare(b.branchId));
}

/** The distinct regions of the directory. */
export function regionsOf(branches) {
  return [...new Set(branches.map((branch) => branch.regionId))].sort();
}

/** Every IANA zone the browser knows (offered as choices; the services decide what they accept). */
export function timeZones() {
  return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
}

/** A datalist of time zones for an input's list attribute. */
export function zoneList(id) {
  return h('datalist', { id }, timeZones().map((zone) => h('option', { value: zone })));
}

/**
 * Checks a form's controls the way the service's request record does, from their attributes (required, min, max,
 * step=1 for whole numbers, maxlength, pattern; data-label names the field). Throws a problem-shaped error listing
 * each invalid field in the user's language, shown like a refused call; returns nothing when all is well.
 */
export function checkForm(form, extra = []) {
  const errors = [];
  for (const control of form.querySelectorAll('input[data-label], select[data-label], textarea[data-label]')) {
    if (control.disabled) continue;
    const message = invalidMessage(control);
    if (message) errors.push({ field: control.dataset.label, message });
  }
  errors.push(...extra);
  if (errors.length) throw { problem: { errors } };
}

function invalidMessage(control) {
  const value = control.value.trim();
  if (!value) return control.required ? t('admin.invalid.required') : null;
  if (control.type === 'number') {
    const number = Number(value);
    if (control.validity.badInput || Number.isNaN(number)) return t('admin.invalid.number');
    if (control.step === '1' && !Number.isInteger(number)) return t('admin.invalid.whole');
    if (control.min !== '' && number < Number(control.min)) return t('admin.invalid.min', { min: control.min });
    if (control.max !== '' && number > Number(control.max)) return t('admin.invalid.max', { max: control.max });
  }
  if (control.maxLength > 0 && value.length > control.maxLength) {
    return t('admin.invalid.tooLong', { max: control.maxLength });
  }
  if (control.pattern && !new RegExp(`^(?:${control.pattern})$`).test(value)) {
    return control.pattern === ID_PATTERN ? t('admin.invalid.id') : t('admin.invalid.format');
  }
  return null;
}

/**
 * Runs a call and, when the service refuses it, names its fields as the form labels them (the API says "timeZone",
 * the form "Time zone"); the messages stay the service's own.
 */
export async function withLabels(labels, call) {
  try {
    return await call();
  } catch (error) {
    // a validation problem's detail only repeats its fields under their API names: the fields below say it
    if (error?.problem?.errors?.length) delete error.problem.detail;
    for (const item of error?.problem?.errors ?? []) {
      const base = String(item.field ?? '').split('.')[0];
      if (labels[item.field]) item.field = labels[item.field];
      else if (labels[base]) item.field = `${labels[base]} ${String(item.field).slice(base.length + 1)}`.trim();
    }
    throw error;
  }
}

/**
 * A form in a modal box (ui.js dialog) that checks its fields as the API would before sending, and names the fields of
 * a refused call as the form labels them. send(form) does the call; extraChecks(form) may add [{ field, message }].
 */
export function formDialog(title, fields, submitLabel, labels, send, extraChecks = () => []) {
  const box = dialog(title, fields, submitLabel, async () => {
    checkForm(form, extraChecks(form));
    await withLabels(labels, () => send(form));
  });
  const form = box.querySelector('form');
  form.noValidate = true;
  return box;
}

/** A yes/no question in a modal box; resolves true when confirmed. */
export function confirmBox(title, text, confirmLabel = t('admin.confirm')) {
  return new Promise((resolve) => {
    let answer = false;
    const box = h(
      'dialog',
      { class: 'dialog', role: 'alertdialog' },
      h(
        'div',
        { class: 'dialog-form' },
        h('h2', {}, title),
        h('p', {}, text),
        h(
          'div',
          { class: 'buttons' },
          h('button', { type: 'button', class: 'secondary', onclick: () => box.close() }, t('common.cancel')),
          h(
            'button',
            {
              type: 'button',
              class: 'danger',
              onclick: () => {
                answer = true;
                box.close();
              },
            },
            confirmLabel,
          ),
        ),
      ),
    );
    box.addEventListener('close', () => {
      box.remove();
      resolve(answer);
    });
    document.body.append(box);
    box.showModal();
  });
}

/** Renders a section again in its view (after a change), with what it was shown with. */
export function reloading(section, view, sections, params) {
  return () => {
    view.replaceChildren();
    section.render(view, sections, params);
  };
}

/** Shows a section's content under its heading and the sub-navigation; a failed load shows its problem in place. */
export async function sectionFrame(view, sections, key, title, build) {
  const body = h('div', {}, t('common.loading'));
  view.append(subNav(sections, key), h('section', { class: 'panel' }, h('h1', {}, t(title)), body));
  try {
    const content = await build();
    body.replaceChildren(...[content].flat());
  } catch (error) {
    body.replaceChildren(problemBox(error));
  }
  return body;
}

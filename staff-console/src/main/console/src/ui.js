// Small DOM helpers shared by the screens: element building, problem messages in plain words, notices, tables.
import { t, has } from './i18n.js';

/** h('button', { class: 'x', onclick }, 'text', child …): an element with attributes, handlers and children. */
export function h(tag, attributes = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name in el && typeof value !== 'string') el[name] = value;
    else el.setAttribute(name, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * A refused call in plain words: the status's own sentence (e.g. 412: someone else changed it first), the service's
 * detail, and each invalid field with its message.
 */
export function problemText(error) {
  const problem = error?.problem;
  if (!problem) return t('problem.unreachable');
  const lines = [];
  const key = `problem.${problem.status}`;
  if (has(key)) lines.push(t(key));
  if (problem.detail) lines.push(problem.detail);
  else if (!lines.length && problem.title) lines.push(problem.title);
  for (const field of problem.errors ?? problem.invalidParams ?? problem.fieldErrors ?? []) {
    const name = field.field ?? field.name ?? field.pointer ?? '';
    const message = field.message ?? field.reason ?? field.detail ?? '';
    lines.push(name ? `${name}: ${message}` : message);
  }
  return lines.join(' ');
}

/** A problem shown in place (an element to put where the failed action was). */
export function problemBox(error) {
  return h('div', { class: 'problem', role: 'alert' }, problemText(error));
}

let noticeTimer;
/** A short message at the top of the page (kind: 'ok' | 'error'). */
export function notify(text, kind = 'ok') {
  const notice = document.getElementById('notice');
  notice.textContent = text;
  notice.className = `notice ${kind}`;
  notice.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => {
    notice.hidden = true;
  }, kind === 'error' ? 10000 : 4000);
}

/** A table: columns [{ label, value(row) → node|text, class }], rows; an empty table says so. */
export function table(columns, rows, { empty = t('common.none'), caption } = {}) {
  const head = h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.class }, c.label))));
  const body = h(
    'tbody',
    {},
    rows.length
      ? rows.map((row) => h('tr', {}, columns.map((c) => h('td', { class: c.class }, c.value(row)))))
      : h('tr', {}, h('td', { colspan: columns.length, class: 'empty' }, empty)),
  );
  return h('table', { class: 'data' }, caption ? h('caption', {}, caption) : null, head, body);
}

/** A labelled form field; control is an input/select/textarea element. */
export function field(label, control, hint) {
  return h('label', { class: 'field' }, h('span', { class: 'label' }, label), control, hint ? h('small', {}, hint) : null);
}

export function select(name, options, value) {
  const el = h('select', { name });
  for (const [optionValue, text] of options) el.append(new Option(text, optionValue, false, optionValue === value));
  return el;
}

/** A modal dialog with a form; onSubmit(formData) may throw an ApiError, shown in the dialog. */
export function dialog(title, fields, submitLabel, onSubmit) {
  const error = h('div');
  const form = h(
    'form',
    { method: 'dialog', class: 'dialog-form' },
    h('h2', {}, title),
    fields,
    error,
    h(
      'div',
      { class: 'buttons' },
      h('button', { type: 'button', class: 'secondary', onclick: () => box.close() }, t('common.cancel')),
      h('button', { type: 'submit' }, submitLabel),
    ),
  );
  const box = h('dialog', { class: 'dialog' }, form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.replaceChildren();
    try {
      await onSubmit(new FormData(form));
      box.close();
    } catch (e) {
      error.replaceChildren(problemBox(e));
    }
  });
  box.addEventListener('close', () => box.remove());
  document.body.append(box);
  box.showModal();
  return box;
}

/** Downloads text as a file; CSV gets a UTF-8 byte-order mark so spreadsheet programs read Chinese correctly. */
export function download(filename, text, type = 'text/csv;charset=utf-8') {
  const withBom = type.startsWith('text/csv') && !text.startsWith('\uFEFF') ? `\uFEFF${text}` : text;
  const url = URL.createObjectURL(new Blob([withBom], { type }));
  const link = h('a', { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

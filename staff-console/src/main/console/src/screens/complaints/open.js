// Opening a complaint (#/complaints/new): handlers record a complaint received by phone, at the counter or otherwise
// (POST /api/v1/complaints). The form checks what OpenComplaintRequest checks — required fields, lengths, the branch
// id's pattern, a time not in the future — before sending, and shows the service's problem if it still refuses.
import { postJson } from '../../api.js';
import { branchZone, localToInstant, t } from '../../i18n.js';
import { can } from '../../session.js';
import { field, h, notify, problemBox, select } from '../../ui.js';
import { branchesInScope } from './branches.js';
import { CATEGORIES, CHANNELS, SEVERITIES, enumText } from './texts.js';

/** OpenComplaintRequest's constraints: [name, required, max length]. */
const TEXTS = [
  ['subject', true, 200],
  ['subcategory', false, 64],
  ['department', false, 64],
  ['description', false, 4000],
  ['customerRef', false, 128],
];

export const routes = [
  {
    path: '/complaints/new',
    title: 'open.title',
    section: 'complaints.nav',
    allowed: () => can.openComplaints(),
    async render(view) {
      const branches = await branchesInScope();
      const enumSelect = (name, prefix, values, optional) =>
        select(name, [['', optional ? t('complaint.notGiven') : t('complaint.choose')], ...values.map((v) => [v, enumText(prefix, v)])], '');
      const branch = select('branchId', [['', t('complaint.choose')], ...branches.map((b) => [b, b])], branches.length === 1 ? branches[0] : '');
      const errors = h('div');
      const form = h(
        'form',
        { class: 'panel complaint-form', novalidate: true, id: 'open-complaint' },
        h('h1', {}, t('open.title')),
        h('p', { class: 'muted' }, t('open.intro')),
        h(
          'div',
          { class: 'form-grid' },
          field(t('complaint.field.branchId'), branch),
          field(t('complaint.field.occurredAt'), h('input', { type: 'datetime-local', name: 'occurredAt' }), t('complaint.field.occurredAtHint')),
          field(t('complaint.field.channel'), enumSelect('channel', 'complaint.channel', CHANNELS, true)),
          field(t('complaint.field.category'), enumSelect('category', 'complaint.category', CATEGORIES, false)),
          field(t('complaint.field.subcategory'), h('input', { name: 'subcategory', maxlength: 64 })),
          field(t('complaint.field.severity'), enumSelect('severity', 'complaint.severity', SEVERITIES, false)),
          field(t('complaint.field.department'), h('input', { name: 'department', maxlength: 64 })),
          field(t('complaint.field.customerRef'), h('input', { name: 'customerRef', maxlength: 128 })),
        ),
        field(t('complaint.field.subject'), h('input', { name: 'subject', maxlength: 200, class: 'wide' })),
        field(t('complaint.field.description'), h('textarea', { name: 'description', maxlength: 4000, rows: 4 })),
        errors,
        h(
          'div',
          { class: 'buttons' },
          h('a', { class: 'button secondary', href: '#/complaints' }, t('common.cancel')),
          h('button', { type: 'submit' }, t('open.submit')),
        ),
      );
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const values = Object.fromEntries(new FormData(form));
        const problems = validate(values);
        if (problems.length) {
          errors.replaceChildren(h('div', { class: 'problem', role: 'alert' }, problems.map((p) => h('div', {}, p))));
          return;
        }
        errors.replaceChildren();
        const button = form.querySelector('button[type=submit]');
        button.disabled = true;
        try {
          const complaint = await postJson('/api/v1/complaints', request(values));
          notify(t('open.opened', { number: complaint.number }));
          location.hash = `#/complaints/${encodeURIComponent(complaint.complaintId)}`;
        } catch (error) {
          errors.replaceChildren(problemBox(error));
        } finally {
          button.disabled = false;
        }
      });
      view.append(form);
    },
  },
];

function validate(values) {
  const problems = [];
  const label = (name) => t(`complaint.field.${name}`);
  if (!values.branchId) problems.push(t('validation.required', { field: label('branchId') }));
  else if (!/^[A-Za-z0-9._-]+$/.test(values.branchId) || values.branchId.length > 64) problems.push(t('validation.pattern', { field: label('branchId') }));
  for (const name of ['category', 'severity']) if (!values[name]) problems.push(t('validation.required', { field: label(name) }));
  for (const [name, required, max] of TEXTS) {
    const value = (values[name] ?? '').trim();
    if (required && !value) problems.push(t('validation.required', { field: label(name) }));
    if (value.length > max) problems.push(t('validation.tooLong', { field: label(name), max }));
  }
  if (values.occurredAt && localToInstant(values.occurredAt, branchZone(values.branchId)).getTime() > Date.now()) problems.push(t('validation.future', { field: label('occurredAt') }));
  return problems;
}

/** The request body: empty optional fields left out, the time as an instant. */
function request(values) {
  const body = {};
  for (const [name, value] of Object.entries(values)) {
    const text = value.trim();
    if (text) body[name] = text;
  }
  if (body.occurredAt) body.occurredAt = localToInstant(body.occurredAt, branchZone(body.branchId)).toISOString();
  return body;
}

// Administration: quality targets and their attainment, API keys and webhook signing secrets shown once, refused forms in plain
// words, the business-calendar editor, and a viewer kept out.

/** A JSON GET from the page, through the console (the user's own rights). */
const getFromPage = (page, path) => page.evaluate(async (p) => (await fetch(p)).json(), path);

/** Opens a hash route and waits for its section's content (or its refusal) to be drawn. */
async function open(page, baseUrl, hash, selector) {
  await page.goto(`${baseUrl}/${hash}`);
  await page.waitForSelector(selector, { timeout: 30000 });
}

/** Makes Monday a split shift, 09:00–12:00 and 13:30–18:00, in the calendar editor; returns its interval count. */
async function splitMonday(page) {
  const monday = '.shifts[data-day=MONDAY]';
  if (!(await page.$(`${monday} .shift`))) await page.click(`${monday} .add-shift`);
  await page.fill(`${monday} .shift >> nth=0 >> input >> nth=0`, '09:00');
  await page.fill(`${monday} .shift >> nth=0 >> input >> nth=1`, '12:00');
  await page.click(`${monday} .add-shift`);
  const count = await page.$$eval(`${monday} .shift`, (shifts) => shifts.length);
  await page.fill(`${monday} .shift >> nth=${count - 1} >> input >> nth=0`, '13:30');
  await page.fill(`${monday} .shift >> nth=${count - 1} >> input >> nth=1`, '18:00');
  return count;
}

export const flows = [
  {
    name: 'admin: a quality manager adds a target for N-02 and sees its attainment as the API answers it',
    async run({ page, signIn, screenshot, baseUrl, check }) {
      await signIn(page, 'quality');
      await open(page, baseUrl, '#/admin/targets', 'table.data tbody tr[data-id]');
      check((await page.textContent('#nav')).includes('Administration'), 'the Administration nav item is offered');
      // a value no other target has, so the new one is found among the list
      const value = 50 + Math.round(Math.random() * 4000) / 100;
      await page.click('text=Add target');
      await page.selectOption('dialog select[name=branchId]', 'N-02');
      await page.selectOption('dialog select[name=metric]', 'interactions.fcrRate');
      await page.fill('dialog input[name=value]', String(value));
      await page.click('dialog button[type=submit]');
      await page.waitForSelector('dialog', { state: 'detached' });
      const targets = await getFromPage(page, '/api/v1/targets');
      const created = targets.find((x) => x.branchId === 'N-02' && x.metric === 'interactions.fcrRate' && x.value === value);
      check(created, `the target was created (${value})`);
      await page.waitForSelector(`.attainment tr[data-target="${created.id}"]`, { timeout: 30000 });
      // the API's answer for N-02 over the very range the page asked
      const range = await page.$eval('.attainment table.data', (el) => ({ from: el.dataset.from, to: el.dataset.to }));
      const answer = await getFromPage(page, `/api/v1/targets/attainment?branchId=N-02&from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`);
      const mine = answer.find((row) => row.target.id === created.id);
      check(mine, 'the API lists the target for N-02');
      const expected = mine.attained === null ? 'noData' : mine.attained ? 'attained' : 'missed';
      const row = `.attainment tr[data-target="${created.id}"]`;
      const shown = await page.$$eval(`${row} [data-outcome] [data-branch="N-02"]`, (chips) => chips.map((c) => c.closest('[data-outcome]').dataset.outcome));
      check(shown.length === 1 && shown[0] === expected, `N-02 is shown as ${expected} (shown: ${shown.join(',')})`);
      if (expected === 'noData') {
        check((await page.textContent(row)).includes('No data in this range'), 'no data is said plainly');
      }
      await screenshot(page, 'admin-targets-en');
      await page.selectOption('#language', 'zh-CN');
      await page.waitForSelector(`.attainment tr[data-target="${created.id}"]`, { timeout: 30000 });
      check((await page.textContent('#nav')).includes('系统管理'), 'the nav item in Chinese');
      check((await page.textContent('.attainment')).includes('达标情况'), 'attainment in Chinese');
      await screenshot(page, 'admin-targets-zh');
      // removed again through the page, after a confirmation
      await page.click(`tr[data-id="${created.id}"] button.danger`);
      await page.click('dialog[role=alertdialog] button.danger');
      await page.waitForSelector(`tr[data-id="${created.id}"]`, { state: 'detached', timeout: 15000 });
    },
  },
  {
    name: 'admin: an administrator issues an API key, sees the secret once, then revokes it',
    async run({ page, signIn, screenshot, baseUrl, check }) {
      await signIn(page, 'admin');
      await open(page, baseUrl, '#/admin/api-keys', 'section.panel table.data');
      const name = `flow key ${Date.now()}`;
      await page.click('text=Issue API key');
      // refused in the form as the API would: no scope ticked
      await page.fill('dialog input[name=name]', name);
      await page.click('dialog button[type=submit]');
      check((await page.textContent('dialog .problem')).includes('May send: tick at least one'), 'a key needs a scope');
      await page.check('dialog input[name=scopes][value="feedback:write"]');
      await page.check('dialog input[name=branches][value="N-01"]');
      await page.click('dialog button[type=submit]');
      await page.waitForSelector('dialog.secret-dialog');
      const secret = (await page.textContent('dialog.secret-dialog .secret-value')).trim();
      check(/^sqp_/.test(secret), `the full key is shown (${secret.slice(0, 8)}…)`);
      check((await page.textContent('dialog.secret-dialog')).includes('you will not see it again'), 'the once-only warning');
      await screenshot(page, 'admin-api-keys-en');
      await page.click('dialog.secret-dialog .buttons button');
      await page.waitForSelector('dialog.secret-dialog', { state: 'detached' });
      check(!(await page.content()).includes(secret), 'after closing, the secret is nowhere on the page');
      const row = `tr:has(td:text-is("${name}"))`;
      await page.waitForSelector(`${row} [data-status=active]`);
      await page.click(`${row} button.danger`);
      check((await page.textContent('dialog[role=alertdialog]')).includes('cannot be undone'), 'revoking asks first');
      await page.click('dialog[role=alertdialog] button.danger');
      await page.waitForSelector(`${row} [data-status=revoked]`, { timeout: 15000 });
      check(!(await page.$(`${row} button.danger`)), 'a revoked key offers no revoke');
    },
  },
  {
    name: 'admin: an administrator subscribes a webhook, sees its signing secret once, switches it off and removes it',
    async run({ page, signIn, screenshot, baseUrl, check }) {
      await signIn(page, 'admin');
      await open(page, baseUrl, '#/admin/webhooks', 'section.panel table.data');
      const description = `flow hook ${Date.now()}`;
      await page.click('text=Add webhook');
      // refused in the form as the API would: no event type ticked
      await page.fill('dialog input[name=url]', 'https://hooks.example.com/sqp');
      await page.fill('dialog input[name=description]', description);
      await page.click('dialog button[type=submit]');
      check((await page.textContent('dialog .problem')).includes('Events: tick at least one'), 'a webhook needs an event type');
      await page.check('dialog input[name=eventTypes][value="complaint.sla_breached"]');
      await page.check('dialog input[name=eventTypes][value="risk.grade_changed"]');
      await page.click('dialog button[type=submit]');
      await page.waitForSelector('dialog.secret-dialog');
      const secret = (await page.textContent('dialog.secret-dialog .secret-value')).trim();
      check(/^whsec_/.test(secret), `the signing secret is shown (${secret.slice(0, 8)}…)`);
      check((await page.textContent('dialog.secret-dialog')).includes('you will not see it again'), 'the once-only warning');
      await screenshot(page, 'admin-webhooks-en');
      await page.click('dialog.secret-dialog .buttons button');
      await page.waitForSelector('dialog.secret-dialog', { state: 'detached' });
      check(!(await page.content()).includes(secret), 'after closing, the secret is nowhere on the page');
      const row = `tr:has(td:text-is("${description}"))`;
      await page.waitForSelector(`${row} [data-status=on]`);
      check((await page.textContent(row)).includes('complaint SLA breached'), 'the event types in words');
      await page.click(`${row} >> text=Switch off`);
      await page.waitForSelector(`${row} [data-status=off]`, { timeout: 15000 });
      await page.click(`${row} button.danger`);
      check((await page.textContent('dialog[role=alertdialog]')).includes('stay in the log'), 'removing asks first');
      await page.click('dialog[role=alertdialog] button.danger');
      await page.waitForSelector(row, { state: 'detached', timeout: 15000 });
    },
  },
  {
    name: 'admin: a form the API refuses shows the field message in plain words',
    async run({ page, signIn, baseUrl, check }) {
      await signIn(page, 'admin');
      await open(page, baseUrl, '#/admin/branches', '.region table.data');
      await page.click('text=Add branch');
      // checked before sending, as BranchRequest does
      await page.fill('dialog input[name=branchId]', '-bad');
      await page.click('dialog button[type=submit]');
      const local = await page.textContent('dialog .problem');
      check(local.includes('Branch id: must be 1–64 letters') && local.includes('Name: is required'), `checked in the form: ${local}`);
      // the time zone only the service can judge: refused by the API, its field message shown
      const id = `ZZ-${Date.now()}`;
      await page.fill('dialog input[name=branchId]', id);
      await page.fill('dialog input[name=code]', id);
      await page.fill('dialog input[name=name]', 'Flow branch');
      await page.fill('dialog input[name=regionId]', 'north');
      await page.fill('dialog input[name=timeZone]', 'Mars/Olympus_Mons');
      await page.click('dialog button[type=submit]');
      await page.waitForFunction(() => document.querySelector('dialog .problem')?.textContent.includes('Time zone: must be an IANA'));
      check((await page.textContent('dialog .problem')).includes('The request was not valid.'), 'the refusal in plain words');
      await page.click('dialog button.secondary');
      const branches = await getFromPage(page, '/api/v1/branches');
      check(!branches.some((b) => b.branchId === id), 'nothing was created');
    },
  },
  {
    name: 'admin: the business-calendar editor makes split shifts and reports an invalid time zone',
    async run({ page, signIn, screenshot, baseUrl, check }) {
      await signIn(page, 'quality');
      await open(page, baseUrl, '#/admin/calendars?branch=N-02', '.week');
      const before = await page.evaluate(async () => (await fetch('/api/v1/calendars/N-02')).status === 200 ? (await fetch('/api/v1/calendars/N-02')).json() : null);
      const monday = '.shifts[data-day=MONDAY]';
      const count = await splitMonday(page);
      await page.click('text=Copy Monday to Tuesday–Friday');
      check((await page.$$(`.shifts[data-day=FRIDAY] .shift`)).length === count, 'Monday copied to Friday');
      await page.fill('input[type=date][name=holiday]', '2026-12-25');
      await page.click('text=+ Add holiday');
      check(await page.$('[data-date="2026-12-25"]'), 'the holiday is listed');
      // overlapping intervals are caught in the form, in words
      await page.fill(`${monday} .shift >> nth=${count - 1} >> input >> nth=0`, '11:00');
      await page.click('text=Save calendar');
      check((await page.textContent('.calendar-editor .problem')).includes('Monday: intervals 09:00–12:00 and 11:00–18:00 overlap'), 'overlap reported');
      await page.fill(`${monday} .shift >> nth=${count - 1} >> input >> nth=0`, '13:30');
      // a zone the service does not know: refused by the API, nothing changes
      await page.fill('input[name=timeZone]', 'Mars/Olympus_Mons');
      await page.click('text=Save calendar');
      await page.waitForFunction(() => document.querySelector('.calendar-editor .problem')?.textContent.includes('Time zone: must be an IANA'));
      const after = await page.evaluate(async () => (await fetch('/api/v1/calendars/N-02')).status === 200 ? (await fetch('/api/v1/calendars/N-02')).json() : null);
      check(JSON.stringify(after) === JSON.stringify(before), 'the refused calendar changed nothing');
      await page.fill('input[name=timeZone]', 'Asia/Shanghai');
      await screenshot(page, 'admin-calendar-en');
      await page.selectOption('#language', 'zh-CN');
      await page.waitForFunction(() => document.querySelector('.week')?.textContent.includes('星期一'));
      await splitMonday(page);
      await screenshot(page, 'admin-calendar-zh');
    },
  },
  {
    name: 'admin: a viewer is offered no administration and cannot open it',
    async run({ page, signIn, baseUrl, check }) {
      await signIn(page, 'viewer');
      check(!(await page.textContent('#nav')).includes('Administration'), 'no Administration nav item');
      await open(page, baseUrl, '#/admin/targets', '#view h1');
      check((await page.textContent('#view')).includes('your role cannot open it'), 'the page says it cannot be opened');
      check(!(await page.$('.subnav')), 'no administration sections shown');
    },
  },
];

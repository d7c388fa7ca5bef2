// The complaint workbench: open → acknowledge → resolve → follow up; the workbench in Chinese; a branch manager not
// seeing another branch's complaint; a 412 when two pages act on the same complaint. Each flow opens the complaints
// it needs (unique subjects), so it does not depend on the simulator's data.

const unique = (what) => `${what} ${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

/** Opens a complaint through the console's form; returns its id (from the detail URL) and number. */
async function openComplaint(page, baseUrl, { branch, subject, severity = 'HIGH', category = 'QUALITY', channel = 'PHONE' }) {
  await page.goto(`${baseUrl}/#/complaints/new`);
  await page.waitForSelector('#open-complaint');
  await page.selectOption('#open-complaint select[name=branchId]', branch);
  await page.selectOption('#open-complaint select[name=channel]', channel);
  await page.selectOption('#open-complaint select[name=category]', category);
  await page.selectOption('#open-complaint select[name=severity]', severity);
  await page.fill('#open-complaint input[name=subject]', subject);
  await page.fill('#open-complaint textarea[name=description]', 'Recorded by the browser test.');
  await page.click('#open-complaint button[type=submit]');
  await page.waitForSelector('#complaint-title');
  const id = decodeURIComponent(new URL(page.url()).hash.replace('#/complaints/', ''));
  const number = await page.textContent('#complaint-number');
  return { id, number };
}

/** Runs a lifecycle action from the detail page: its button, its dialog's fields, submit. */
async function act(page, action, fill = async () => {}) {
  await page.click(`#complaint-actions button[data-action="${action}"]`);
  await page.waitForSelector('dialog[open]');
  await fill(page.locator('dialog[open]'));
  await page.click('dialog[open] button[type=submit]');
}

/** Clicks the queue's export and returns the downloaded file's bytes. */
async function downloadCsv(page) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('#complaints-export')]);
  const stream = await file.createReadStream();
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The CSV's rows as objects by header name (RFC 4180 quoting; the byte-order mark dropped). */
function csvRows(bytes) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') cell += text[++i];
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(cell), (cell = ''));
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      (row = []), (cell = '');
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  const [head, ...body] = rows;
  return body.map((cells) => Object.fromEntries(head.map((name, i) => [name, cells[i]])));
}

/** The queue table's cells of one column (1-based), row by row. */
const column = (page, n) => page.$$eval(`.queue-results tbody tr td:nth-child(${n})`, (tds) => tds.map((td) => td.textContent));

async function statusIs(page, text) {
  await page.waitForFunction((expected) => document.querySelector('#complaint-status')?.textContent === expected, text, { timeout: 15000 });
}

export const flows = [
  {
    name: 'complaints: an agent opens, acknowledges, resolves and follows up a complaint',
    async run({ page, signIn, screenshot, baseUrl, check }) {
      await signIn(page, 'agent.n01');
      await page.evaluate(() => localStorage.setItem('sqp.language', 'en'));
      const subject = unique('Card reader broken at the counter');

      // the form refuses what the API would refuse, in plain words
      await page.goto(`${baseUrl}/#/complaints/new`);
      await page.waitForSelector('#open-complaint');
      await page.click('#open-complaint button[type=submit]');
      const refusal = await page.textContent('#open-complaint .problem');
      check(refusal.includes('Subject: required') && refusal.includes('Severity: required'), `missing fields named: ${refusal}`);

      const { id, number } = await openComplaint(page, baseUrl, { branch: 'N-01', subject });
      check(/^N-01-\d{6}-\d+$/.test(number), `a complaint number of N-01: ${number}`);
      await statusIs(page, 'open');
      check((await page.textContent('#complaint-branchId')) === 'N-01', 'the branch shown');
      const clocks = await page.$$eval('#complaint-sla .sla-clock', (els) => els.map((el) => el.textContent));
      check(clocks.length === 4 && clocks.every((text) => text && text !== '—'), `four live clocks: ${clocks}`);
      const first = await page.textContent('#complaint-sla .sla-clock[data-kind=breach]');
      await page.waitForFunction((before) => document.querySelector('#complaint-sla .sla-clock[data-kind=breach]').textContent !== before, first, { timeout: 5000 });
      check(await page.isVisible('#complaint-actions button[data-action=acknowledge]'), 'acknowledge offered');
      check(!(await page.isVisible('#complaint-actions button[data-action=resolve]')), 'resolve not offered before acknowledging');

      // the queue shows it (agent's default: my queue = mine and unassigned)
      await page.goto(`${baseUrl}/#/complaints?number=${encodeURIComponent(number)}`);
      await page.waitForSelector('.queue-results table.data tbody tr');
      const row = await page.textContent('.queue-results table.data tbody');
      check(row.includes(subject) && row.includes('unassigned') && row.includes('open'), `the queue's row: ${row}`);
      await page.goto(`${baseUrl}/#/complaints`);
      await page.waitForSelector(`.queue-results tbody tr:has-text("${subject}")`);
      check((await page.inputValue('select[name=view]')) === 'queue', "an agent starts on their own queue");
      const queueAssignees = await column(page, 6);
      check(queueAssignees.every((a) => a === 'agent.n01' || a === 'unassigned'), `my queue: mine and unassigned only: ${queueAssignees}`);
      const queueStatuses = await column(page, 5);
      check(!queueStatuses.some((s) => s === 'resolved' || s === 'closed'), `my queue: nothing resolved: ${queueStatuses}`);
      await screenshot(page, 'complaints-queue-en');

      await page.goto(`${baseUrl}/#/complaints/${id}`);
      await page.waitForSelector('#complaint-actions');
      await act(page, 'acknowledge', async (box) => box.locator('textarea[name=note]').fill('Called the customer back.'));
      await statusIs(page, 'acknowledged');
      check((await page.textContent('#complaint-history')).includes('Called the customer back.'), 'the note in the history');
      check((await page.textContent('#complaint-sla')).includes('met'), 'first response met');

      await page.click('#complaint-actions button[data-action=assign-to-me]');
      await statusIs(page, 'assigned');
      check((await page.textContent('#complaint-assignee')) === 'agent.n01', 'assigned to the agent');
      await page.goto(`${baseUrl}/#/complaints?view=mine`);
      await page.waitForSelector(`.queue-results tbody tr:has-text("${subject}")`);
      const mineAssignees = await column(page, 6);
      check(mineAssignees.every((a) => a === 'agent.n01'), `assigned to me: the agent's only: ${mineAssignees}`);
      // the export of this view holds the same: the agent's complaints, this one among them
      const mine = csvRows(await downloadCsv(page));
      check(mine.some((row) => row.complaintId === id), 'the export of "assigned to me" holds the complaint');
      check(mine.every((row) => row.assignee === 'agent.n01'), `the export of "assigned to me": ${mine.map((row) => row.assignee)}`);
      await page.goto(`${baseUrl}/#/complaints/${id}`);
      await page.waitForSelector('#complaint-actions button[data-action=resolve]');

      // resolving asks for both root cause and corrective action
      await act(page, 'resolve', async (box) => box.locator('textarea[name=rootCause]').fill('Worn card reader.'));
      const missing = await page.textContent('dialog[open] .problem');
      check(missing.includes('Corrective action taken: required'), `corrective action required: ${missing}`);
      await page.fill('dialog[open] textarea[name=correctiveAction]', 'Replaced the reader; weekly check added.');
      await page.click('dialog[open] button[type=submit]');
      await statusIs(page, 'resolved');
      check((await page.textContent('#complaint-rootCause')) === 'Worn card reader.', 'root cause shown');
      check((await page.textContent('#complaint-correctiveAction')).startsWith('Replaced the reader'), 'corrective action shown');
      check(await page.isVisible('#complaint-actions button[data-action=follow-up]'), 'follow-up offered once resolved');
      await screenshot(page, 'complaint-detail-en');

      await act(page, 'follow-up', async (box) => box.locator('select[name=satisfaction]').selectOption('5'));
      await statusIs(page, 'closed');
      check((await page.textContent('#complaint-satisfaction')) === '5 / 5', 'satisfaction shown');
      const history = await page.$$eval('#complaint-history tbody tr td:nth-child(2)', (tds) => tds.map((td) => td.textContent));
      for (const step of ['opened', 'acknowledged', 'assigned', 'resolved', 'followed up', 'closed']) {
        check(history.includes(step), `history has "${step}": ${history}`);
      }
      check(await page.isVisible('#complaint-actions button[data-action=reopen]'), 'reopen offered once closed');
    },
  },
  {
    name: 'complaints: the workbench in Chinese',
    async run({ page, signIn, screenshot, baseUrl, check }) {
      await signIn(page, 'manager.n01');
      const subject = unique('排队时间过长');
      await page.selectOption('#language', 'zh-CN');
      await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
      const { id } = await openComplaint(page, baseUrl, { branch: 'N-01', subject, severity: 'MEDIUM', category: 'NON_QUALITY', channel: 'COUNTER' });
      await page.goto(`${baseUrl}/#/complaints?view=all&branchId=N-01`);
      await page.waitForSelector('.queue-results table.data tbody tr');
      check((await page.textContent('.panel-head h1')) === '投诉工作台', 'heading in Chinese');
      const heads = await page.$$eval('.queue-results table.data th', (ths) => ths.map((th) => th.textContent));
      for (const head of ['编号', '主题', '网点', '严重程度', '状态', '负责人', '受理时间', '距预警', '距超时']) {
        check(heads.includes(head), `column ${head}: ${heads}`);
      }
      check((await page.textContent('nav')).includes('投诉工作台'), 'nav item in Chinese');
      const rowText = await page.textContent(`.queue-results tbody tr:has-text("${subject}")`);
      check(rowText.includes('待受理') && rowText.includes('未分派'), `status and assignee in Chinese: ${rowText}`);
      await screenshot(page, 'complaints-queue-zh');
      await page.goto(`${baseUrl}/#/complaints/${id}`);
      await page.waitForSelector('#complaint-actions');
      await act(page, 'acknowledge');
      await statusIs(page, '已受理');
      check((await page.textContent('#complaint-history')).includes('受理'), 'history in Chinese');
      check((await page.textContent('#complaint-actions')).includes('解决'), 'actions in Chinese');
      await screenshot(page, 'complaint-detail-zh');

      // on hold the resolution clock stands still: "paused"; resumed, it counts again
      await act(page, 'hold', async (box) => box.locator('textarea[name=reason]').fill('等待客户提供交易凭证'));
      await statusIs(page, '挂起');
      const paused = await page.textContent('#complaint-sla tbody tr:nth-child(2) .sla-clock[data-kind=breach]');
      check(paused === '已暂停', `the resolution clock paused: ${paused}`);
      await act(page, 'resume');
      await statusIs(page, '已受理');
      await page.waitForFunction(() => /\d/.test(document.querySelector('#complaint-sla tbody tr:nth-child(2) .sla-clock[data-kind=breach]')?.textContent ?? ''));
    },
  },
  {
    name: "complaints: a branch manager cannot see another branch's complaint",
    async run({ page, signIn, baseUrl, check }) {
      // the administrator opens one for S-01, in a session of their own
      const admin = await page.context().browser().newContext({ viewport: { width: 1400, height: 900 } });
      const adminPage = await admin.newPage();
      await signIn(adminPage, 'admin');
      const subject = unique('Other branch complaint');
      const other = await openComplaint(adminPage, baseUrl, { branch: 'S-01', subject });
      await admin.close();

      await signIn(page, 'manager.n01');
      await page.evaluate(() => localStorage.setItem('sqp.language', 'en'));
      await page.goto(`${baseUrl}/#/complaints?view=all&number=${encodeURIComponent(other.number)}`);
      await page.waitForSelector('#complaints-not-found');
      await page.goto(`${baseUrl}/#/complaints?view=all`);
      await page.waitForSelector('.queue-results table.data tbody tr');
      check(!(await page.textContent('.queue-results')).includes(subject), 'not in the queue');
      // nor in the export of their queue, downloaded with a UTF-8 byte-order mark
      const csv = await downloadCsv(page);
      check(csv[0] === 0xef && csv[1] === 0xbb && csv[2] === 0xbf, 'the CSV starts with a UTF-8 byte-order mark');
      const text = csv.toString('utf8');
      check(text.includes('number,') && text.includes('N-01-'), `the CSV holds N-01's complaints: ${text.slice(0, 80)}`);
      check(!text.includes(subject) && !text.includes(',S-01,'), 'the CSV holds no S-01 complaint');
      const branches = await page.$$eval('select[name=branchId] option', (options) => options.map((o) => o.value));
      check(!branches.includes('S-01'), `S-01 not offered as a filter: ${branches}`);
      await page.goto(`${baseUrl}/#/complaints/${other.id}`);
      await page.waitForSelector('#complaint-not-found');
      check(
        (await page.textContent('#complaint-not-found')).includes('does not exist, or it is outside your branches'),
        'the detail says it is not there for them',
      );
    },
  },
  {
    name: 'complaints: someone else changed it first (412)',
    async run({ page, signIn, baseUrl, check }) {
      await signIn(page, 'manager.n01');
      await page.evaluate(() => localStorage.setItem('sqp.language', 'en'));
      const { id } = await openComplaint(page, baseUrl, { branch: 'N-01', subject: unique('Two handlers at once') });
      const second = await page.context().newPage();
      await second.goto(`${baseUrl}/#/complaints/${id}`);
      await second.waitForSelector('#complaint-actions button[data-action=acknowledge]');

      await act(page, 'acknowledge');
      await statusIs(page, 'acknowledged');

      // the second page still shows "open" and its ETag: escalating from it is refused with 412
      await act(second, 'escalate', async (box) => box.locator('textarea[name=reason]').fill('Customer called again.'));
      await second.waitForSelector('#complaint-banner');
      const banner = await second.textContent('#complaint-banner');
      check(banner.includes('Someone else changed it first'), `the someone-else message: ${banner}`);
      await statusIs(second, 'acknowledged');
      check((await second.textContent('#complaint-escalation')) === 'not escalated', 'nothing escalated');
      check(!(await second.isVisible('#complaint-actions button[data-action=acknowledge]')), 'acknowledge no longer offered');
      // escalating is still possible in the new state: the dialog stays open with what was typed and the message
      check(await second.isVisible('dialog[open]'), 'the dialog stays open');
      check((await second.textContent('dialog[open] .problem')).includes('Someone else changed it first'), 'the message in the dialog');
      check((await second.inputValue('dialog[open] textarea[name=reason]')) === 'Customer called again.', 'the typed reason kept');
      await second.click('dialog[open] button[type=submit]');
      await second.waitForSelector('dialog[open]', { state: 'detached' });
      await second.waitForFunction(() => document.querySelector('#complaint-escalation')?.textContent !== 'not escalated');
    },
  },
];

// Issue 19's first part: a quality manager generates a periodic report of a branch in Chinese from the reports screen,
// it is archived and listed, and its PDF opens (a PDF, through the console's relay); a weekly schedule for the branch
// has its report archived by the schedule and e-mailed to its recipient (the stack's mail catcher takes it: the delivery
// log says delivered), then is removed; a viewer lists reports without the form to generate one.

export const flows = [
  {
    name: 'reports: a quality manager generates a weekly report of a branch in Chinese and opens its PDF; a viewer only lists',
    async run({ page, signIn, screenshot, check, baseUrl }) {
      await signIn(page, 'quality');
      await page.goto(`${baseUrl}/#/reports`);
      await page.waitForSelector('#reports-form');
      const branch = await page.$eval('select[name=scope]', (s) => [...s.options].map((o) => o.value).find((v) => v.startsWith('branch:')));
      check(Boolean(branch), 'the directory\'s branches are offered as scopes');
      await page.selectOption('select[name=scope]', branch);
      await page.waitForFunction((value) => location.hash.includes(encodeURIComponent(value)) && document.querySelector('#reports-archive h2'), branch);
      const before = (await page.$$('#reports-archive a.report-pdf')).length;
      await page.selectOption('select[name=period]', 'WEEK');
      await page.selectOption('select[name=language]', 'zh-CN');
      await page.click('#reports-generate');
      await page.waitForFunction((count) => document.querySelectorAll('#reports-archive a.report-pdf').length > count, before, { timeout: 60000 });
      const href = await page.$eval('#reports-archive a.report-pdf', (a) => a.getAttribute('href'));
      const pdf = await page.evaluate(async (url) => {
        const response = await fetch(url);
        const bytes = new Uint8Array(await response.arrayBuffer());
        return { status: response.status, type: response.headers.get('Content-Type'), head: String.fromCharCode(...bytes.slice(0, 5)), size: bytes.length };
      }, href);
      check(pdf.status === 200 && (pdf.type ?? '').startsWith('application/pdf') && pdf.head === '%PDF-',
        `the PDF opens through the console (${pdf.status} ${pdf.type}, ${pdf.size} bytes)`);
      const covers = await page.$eval('#reports-archive tbody tr td:first-child', (cell) => cell.textContent);
      check(/\d{4}-\d{2}-\d{2}/.test(covers) || covers.length > 0, `the archive lists what the report covers (${covers})`);
      // a weekly schedule for the branch: its report of last week is archived by the schedule within a minute or two
      const name = `Flow weekly ${Date.now()}`;
      await page.fill('#reports-schedule-form input[name=name]', name);
      await page.selectOption('#reports-schedule-form select[name=period]', 'WEEK');
      await page.selectOption('#reports-schedule-form select[name=language]', 'en');
      await page.fill('#reports-schedule-form input[name=emails]', 'flow.reports@example.com');
      await page.click('#reports-schedule-form button[type=submit]');
      await page.waitForFunction((n) => [...document.querySelectorAll('#reports-schedules td')].some((td) => td.textContent === n), name);
      const branchId = branch.slice('branch:'.length);
      const scheduled = await page.evaluate(async ([b, n]) => {
        for (let attempt = 0; attempt < 50; attempt++) {
          const response = await fetch(`/api/v1/reports/periodic?branchId=${encodeURIComponent(b)}`, { headers: { Accept: 'application/json' } });
          const reports = await response.json();
          const found = reports.find((r) => r.generatedBy === `schedule: ${n}`);
          if (found) return found;
          await new Promise((resolve) => setTimeout(resolve, 3000));
        }
        return null;
      }, [branchId, name]);
      check(scheduled !== null && scheduled.period === 'WEEK' && scheduled.definitionId, `the schedule archived its report (${JSON.stringify(scheduled)})`);
      const delivered = await page.evaluate(async (definitionId) => {
        for (let attempt = 0; attempt < 40; attempt++) {
          const response = await fetch(`/api/v1/reports/deliveries?definitionId=${encodeURIComponent(definitionId)}`, { headers: { Accept: 'application/json' } });
          const log = await response.json();
          if (log.length > 0 && log[0].status !== 'PENDING') return log[0];
          await new Promise((resolve) => setTimeout(resolve, 1500));
        }
        return null;
      }, scheduled?.definitionId);
      check(delivered !== null && delivered.status === 'DELIVERED' && delivered.channel === 'EMAIL' && delivered.recipient === 'flow.reports@example.com',
        `the scheduled report was e-mailed through the stack's SMTP server (${JSON.stringify(delivered)})`);
      await page.reload();
      await page.waitForFunction(() => [...document.querySelectorAll('#reports-deliveries td')].some((td) => td.textContent === 'flow.reports@example.com'));
      check(await page.locator('#reports-deliveries tr', { hasText: 'flow.reports@example.com' }).locator('.delivery-DELIVERED').count() > 0,
        'the delivery log on the screen shows it delivered');
      await screenshot(page, 'reports-en');
      const row = page.locator('#reports-schedules tr', { hasText: name });
      await row.locator('button').click();
      await page.waitForFunction((n) => ![...document.querySelectorAll('#reports-schedules td')].some((td) => td.textContent === n), name);
      await page.selectOption('#language', 'zh-CN');
      await page.waitForSelector('text=已归档的报告');
      await screenshot(page, 'reports-zh');

      const viewerContext = await page.context().browser().newContext({ viewport: { width: 1400, height: 900 } });
      const viewer = await viewerContext.newPage();
      await signIn(viewer, 'viewer');
      await viewer.goto(`${baseUrl}/#/reports`);
      await viewer.waitForSelector('#reports-archive h2');
      check((await viewer.$('#reports-form')) === null, 'a viewer has no form to generate reports');
      await viewerContext.close();
    },
  },
];

// Issue 17's screens: an alert raised by a rule is handled to the end (acknowledged, resolved with a note, the history
// shows every step; a viewer reads it without buttons), the risk register shows the matrix and a branch's factors and
// history, the staff screen lists agents with their standard, and the branch view breaks the scorecard down by
// channel with the rating distributions — in English and Chinese (alert handling, the risk branch page and the staff
// screen are also shown in Chinese).

/** Calls the API through the console's relay as api.js does (CSRF header on changes); resolves to { status, body }. */
function call(page, method, path, body) {
  return page.evaluate(async ([m, p, b]) => {
    const csrf = decodeURIComponent(document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN=')).slice(11));
    const response = await fetch(p, {
      method: m,
      headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': csrf, Accept: 'application/json, application/problem+json' },
      body: b === undefined ? undefined : JSON.stringify(b),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }, [method, path, body]);
}

const ALERT_BRANCH = 'S-03';

export const flows = [
  {
    name: 'alerts: a raised alert is acknowledged and resolved with a note; its history shows each step; a viewer only reads',
    async run({ page, signIn, screenshot, check, baseUrl }) {
      await signIn(page, 'quality');
      await page.waitForSelector('#view [data-ready]');
      // a rule every satisfied answer breaks (CSAT below 101 %), for one branch, judged from one answer
      const rule = await call(page, 'POST', '/api/v1/alert-rules', {
        branchId: ALERT_BRANCH, metric: 'csat.percent', kind: 'THRESHOLD', direction: 'BELOW', threshold: 101, minN: 1, severity: 'CRITICAL',
      });
      check(rule.status === 201 || rule.status === 200, `alert rule created (${rule.status} ${JSON.stringify(rule.body)})`);
      let alertId = null;
      for (let attempt = 0; attempt < 60 && !alertId; attempt++) {
        await call(page, 'POST', '/api/v1/feedback', { branchId: ALERT_BRANCH, occurredAt: new Date().toISOString(), channel: 'APP', csat: 5 });
        const listing = await call(page, 'GET', '/api/v1/alerts/handling?status=OPEN&limit=200');
        alertId = listing.body?.items?.find((a) => a.branchId === ALERT_BRANCH && a.ruleId === rule.body.id)?.alertId ?? null;
        if (!alertId) await page.waitForTimeout(1000);
      }
      check(alertId !== null, 'the rule raised an alert that is open for handling');
      await page.goto(`${baseUrl}/#/alerts?status=OPEN`);
      await page.waitForSelector(`#view a[href="#/alerts/${encodeURIComponent(alertId)}"]`);
      await screenshot(page, 'alerts-en');
      await page.click(`#view a[href="#/alerts/${encodeURIComponent(alertId)}"]`);
      await page.waitForSelector('#view .action-buttons');
      // resolving is not offered before acknowledging
      check(!(await page.$('#view .action-buttons button:has-text("Resolve")')), 'no Resolve before the alert is acknowledged');
      await page.click('#view .action-buttons button:has-text("Acknowledge")');
      await page.fill('dialog textarea[name=note]', 'Looking into it');
      await page.click('dialog button[type=submit]');
      await page.waitForSelector('#view .chip:has-text("acknowledged")');
      await page.click('#view .action-buttons button:has-text("Resolve")');
      // an empty note is refused in the dialog, as the API would
      await page.click('dialog button[type=submit]');
      check(await page.$eval('dialog textarea[name=note]', (el) => el.validity.valueMissing), 'an empty resolution note is refused');
      check(await page.isVisible('dialog'), 'the dialog stays open');
      await page.fill('dialog textarea[name=note]', 'Counter staffing doubled at peak hours');
      await page.click('dialog button[type=submit]');
      await page.waitForSelector('#view .chip:has-text("resolved")');
      const steps = await page.$$eval('#view table.data tbody tr td:nth-child(2)', (cells) => cells.map((c) => c.textContent));
      check(steps.includes('acknowledged') && steps.includes('resolved') && steps.includes('raised'), `history: ${steps.join(', ')}`);
      check((await page.textContent('#view')).includes('Counter staffing doubled at peak hours'), 'the resolution note is shown');
      await screenshot(page, 'alert-handling-en');
      await page.selectOption('#language', 'zh-CN');
      await page.waitForSelector('text=处理记录');
      check((await page.textContent('#view')).includes('Counter staffing doubled at peak hours'), 'the note is shown in Chinese too');
      await screenshot(page, 'alert-handling-zh');
      await call(page, 'DELETE', `/api/v1/alert-rules/${rule.body.id}`);

      const viewerContext = await page.context().browser().newContext({ viewport: { width: 1400, height: 900 } });
      const viewer = await viewerContext.newPage();
      await signIn(viewer, 'viewer');
      await viewer.goto(`${baseUrl}/#/alerts/${encodeURIComponent(alertId)}`);
      await viewer.waitForSelector('#view table.data');
      check(!(await viewer.$('#view .action-buttons')), 'a viewer is offered no handling action');
      await viewerContext.close();
    },
  },
  {
    name: 'risk: the matrix and register of the tenant, a branch’s factors and grade history, in Chinese too',
    async run({ page, signIn, screenshot, check, baseUrl }) {
      await signIn(page, 'quality');
      await page.goto(`${baseUrl}/#/risk`);
      await page.waitForSelector('#view .risk-matrix');
      check((await page.$$('#view .risk-cell')).length === 25, 'a 5 × 5 matrix');
      // the register fills within a full pass of the assessor
      await page.waitForSelector('#view table.data tbody a[href^="#/risk/branches/"]', { timeout: 90000 });
      const counted = await page.$$eval('#view .risk-cell strong', (cells) => cells.reduce((sum, c) => sum + Number(c.textContent || 0), 0));
      const listed = (await page.$$('#view table.data tbody a[href^="#/risk/branches/"]')).length;
      check(counted === listed, `the matrix holds every branch of the register (${counted} vs ${listed})`);
      await screenshot(page, 'risk-en');
      await page.click('#view table.data tbody a[href^="#/risk/branches/"]');
      await page.waitForSelector('#view h2 .chip');
      check((await page.$$('#view table.data')).length === 2, 'factors and history');
      await screenshot(page, 'risk-branch-en');
      await page.selectOption('#language', 'zh-CN');
      await page.waitForSelector('text=风险因素');
      if (await page.$('text=应采取的响应')) {
        // the default model's actions are shown in Chinese (a tenant's own model as written)
        const actions = await page.$$eval('#view h3 + p + ul li', (items) => items.map((li) => li.textContent));
        check(actions.length > 0 && actions.every((text) => /[\u4e00-\u9fff]/.test(text)),
          `the required response's actions in Chinese (${actions.join(' / ')})`);
      }
      await screenshot(page, 'risk-branch-zh');
    },
  },
  {
    name: 'staff and channels: agents with their handle-time standard, a ranking, and the branch view by channel with distributions',
    async run({ page, signIn, screenshot, check, baseUrl }) {
      await signIn(page, 'quality');
      await page.goto(`${baseUrl}/#/people`);
      await page.waitForSelector('#view table.data');
      await screenshot(page, 'staff-en');
      await page.selectOption('#language', 'zh-CN');
      await page.waitForSelector('text=人员服务质量');
      await screenshot(page, 'staff-zh');
      await page.selectOption('#language', 'en');
      await page.waitForSelector('text=Staff quality');
      await page.selectOption('select[name=view]', 'ranking');
      await page.waitForSelector('select[name=metric]');
      await page.goto(`${baseUrl}/#/branches/N-01`);
      await page.waitForSelector('#view [data-ready] .scorecard .figure');
      const channels = await page.$$eval('#view table.data tbody tr td:first-child', (cells) => cells.map((c) => c.textContent));
      check(channels.includes('app') || channels.includes('counter') || channels.length > 0, `channels listed: ${channels.join(', ')}`);
      check((await page.$$('#view .distribution')).length >= 1, 'at least one rating distribution');
      await screenshot(page, 'branch-breakdown-en');
    },
  },
];

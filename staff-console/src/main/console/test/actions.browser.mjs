// The corrective-action board: a branch manager plans an action and moves it through do, check and act; an overdue
// action is marked; the board in Chinese; a viewer reads without buttons.
const cardOf = (title) => `.action-card:has(h3:text-is("${title}"))`;

/** Plans an action through the console's relay (CSRF header as api.js sends it): here one already overdue. */
async function planThroughRelay(page, body) {
  return page.evaluate(async (sent) => {
    const csrf = decodeURIComponent(document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN=')).slice(11));
    const response = await fetch('/api/v1/corrective-actions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': csrf },
      body: JSON.stringify(sent),
    });
    return response.status;
  }, body);
}

export const flows = [
  {
    name: 'actions: plan, start, check and evaluate an action on the PDCA board',
    async run({ page, signIn, screenshot, check }) {
      await signIn(page, 'manager.n01');
      await page.click('nav a[href="#/actions"]');
      await page.waitForSelector('#view [data-ready] .pdca');
      const title = `Queue signage at the counter ${Date.now()}`;
      const overdueTitle = `Call-back list review ${Date.now()}`;
      const status = await planThroughRelay(page, {
        branchId: 'N-01', metric: 'interactions.answerRate', title: overdueTitle, owner: 'li.wei', dueDate: '2024-01-15',
      });
      check(status === 201, `an overdue action planned through the relay (${status})`);
      // the form refuses what the API would: no complaint and no metric
      await page.click('button.create-action');
      await page.fill('dialog input[name=title]', title);
      await page.fill('dialog input[name=owner]', 'zhang.min');
      const due = new Date(Date.now() + 7 * 86400000).toISOString().slice(0, 10);
      await page.fill('dialog input[name=dueDate]', due);
      await page.click('dialog button[type=submit]');
      await page.waitForSelector('dialog .problem');
      check((await page.textContent('dialog .problem')).includes('complaint or a metric'), 'the form asks for a complaint or a metric');
      await page.selectOption('dialog select[name=metric]', 'csat.percent');
      await page.fill('dialog textarea[name=description]', 'Clear signs for the queue; staff greet waiting customers.');
      await page.click('dialog button[type=submit]');
      await page.waitForSelector(`[data-status=PLANNED] ${cardOf(title)}`);
      check(await page.$(`[data-status=PLANNED] ${cardOf(overdueTitle)}.overdue`), 'the overdue action is marked in red');
      await page.click(`${cardOf(title)} [data-act=start]`);
      await page.waitForSelector(`[data-status=DOING] ${cardOf(title)}`);
      await page.click(`${cardOf(title)} [data-act=check]`);
      await page.waitForSelector(`[data-status=CHECKING] ${cardOf(title)}`);
      await page.click(`${cardOf(title)} [data-act=evaluate]`);
      await page.check('dialog input[name=effective][value=true]');
      await page.fill('dialog textarea[name=note]', 'CSAT at the counter up from 71 % to 84 % over two weeks.');
      await page.click('dialog button[type=submit]');
      await page.waitForSelector(`[data-status=EFFECTIVE] ${cardOf(title)} .check.ok`);
      await screenshot(page, 'actions-board-en');
      await page.selectOption('#language', 'zh-CN');
      await page.waitForSelector('#view [data-ready] .pdca');
      check((await page.textContent('#view h1')) === '整改措施', 'the board in Chinese');
      check((await page.textContent('[data-status=DOING] h2')).startsWith('执行'), 'PDCA columns in Chinese');
      await screenshot(page, 'actions-board-zh');
    },
  },
  {
    name: 'actions: a viewer reads the board without any action',
    async run({ page, signIn, check }) {
      await signIn(page, 'viewer');
      await page.click('nav a[href="#/actions"]');
      await page.waitForSelector('#view [data-ready] .pdca');
      check((await page.$('button.create-action')) === null, 'no create button');
      check((await page.$('.action-card button')) === null, 'no buttons on the cards');
    },
  },
];

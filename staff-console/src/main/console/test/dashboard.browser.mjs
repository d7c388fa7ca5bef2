// The operations dashboard and the branch view: tiles for the user's scope, ranking as top and bottom N with "show
// all", a live update after feedback posted through the console, drill-down to a branch, Chinese, and a branch
// manager who sees only their branch.
const BRANCH_ID = /\b[NSEW]-\d\d\b/g;

/** Posts one feedback for branchId through the console's relay, with the CSRF header as api.js sends it. */
async function postFeedback(page, branchId) {
  return page.evaluate(async (branch) => {
    const csrf = decodeURIComponent(document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN=')).slice(11));
    const response = await fetch('/api/v1/feedback', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': csrf },
      body: JSON.stringify({ branchId: branch, occurredAt: new Date().toISOString(), channel: 'APP', csat: 5, nps: 10 }),
    });
    return response.status;
  }, branchId);
}

const tileN = (page, branchId) =>
  page.$eval(`.tile[data-branch="${branchId}"] [data-field=n]`, (el) => Number(el.textContent.replace(/\D/g, '')));

export const flows = [
  {
    name: 'dashboard: tiles, ranking top and bottom with show all, a live update, drill-down to the branch view',
    async run({ page, signIn, screenshot, check }) {
      await signIn(page, 'quality');
      await page.waitForSelector('#view [data-ready] .tile');
      check((await page.$$('.tile')).length >= 2, 'a tile per branch of the tenant');
      await page.waitForSelector('.live-status.live', { timeout: 10000 });
      // tiles fit their numbers: no value is cut off
      const overflowing = await page.$$eval('.tile .value', (els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1).length);
      check(overflowing === 0, `${overflowing} tile values overflow`);
      // ranking: top and bottom N, the rest on demand
      await page.fill('input[name=minN]', '1');
      await page.dispatchEvent('input[name=minN]', 'change');
      await page.waitForSelector('.ranking-split .top tbody tr');
      const top = await page.$$('.ranking-split .top tbody tr');
      const bottom = await page.$$('.ranking-split .bottom tbody tr');
      check(top.length === 5 && bottom.length === 5, `top and bottom 5 (${top.length}, ${bottom.length})`);
      await page.click('.ranking-toggle');
      const all = await page.$$('.ranking .all tbody tr');
      check(all.length > 10, `show all lists every ranked branch (${all.length})`);
      await screenshot(page, 'dashboard-en');
      // a live update: feedback posted through the console reaches the tile without reloading
      const before = await tileN(page, 'N-01');
      check((await postFeedback(page, 'N-01')) === 202, 'feedback accepted through the relay');
      await page.waitForFunction(
        (n) => Number(document.querySelector('.tile[data-branch="N-01"] [data-field=n]').textContent.replace(/\D/g, '')) > n,
        before,
        { timeout: 20000 },
      );
      // drill-down from a tile
      await page.click('.tile[data-branch="N-01"]');
      await page.waitForSelector('#view [data-ready] .scorecard .figure');
      check(page.url().includes('#/branches/N-01'), `the branch view opened: ${page.url()}`);
      const link = await page.getAttribute('[data-link=complaints]', 'href');
      check(link === '#/complaints?branchId=N-01', `the workbench link is filtered to the branch: ${link}`);
      await page.waitForFunction(() => document.querySelectorAll('canvas').length === 2);
      await screenshot(page, 'branch-en');
    },
  },
  {
    name: 'dashboard: in Chinese, charts drawn again in the new language',
    async run({ page, signIn, screenshot, check }) {
      await signIn(page, 'quality');
      await page.waitForSelector('#view [data-ready] .tile');
      await page.selectOption('#language', 'zh-CN');
      await page.waitForSelector('#view [data-ready] .tile');
      check((await page.textContent('#view h1')) === '运营看板', 'the dashboard title in Chinese');
      check((await page.textContent('.tile .label')).length > 0, 'tile labels');
      await page.waitForFunction(() => document.querySelectorAll('canvas').length >= 3);
      await screenshot(page, 'dashboard-zh');
    },
  },
  {
    name: 'dashboard: a branch manager sees only their branch, nowhere another',
    async run({ page, signIn, check, baseUrl }) {
      await signIn(page, 'manager.n01');
      await page.waitForSelector('#view [data-ready] .tile');
      const tiles = await page.$$eval('.tile', (els) => els.map((el) => el.dataset.branch));
      check(tiles.length === 1 && tiles[0] === 'N-01', `only N-01's tile: ${tiles}`);
      await page.waitForSelector('.live-status.live', { timeout: 10000 }); // following the live stream too
      const text = await page.textContent('#view');
      const others = [...new Set(text.match(BRANCH_ID) ?? [])].filter((id) => id !== 'N-01');
      check(others.length === 0, `no other branch anywhere on the page: ${others}`);
      await page.goto(`${baseUrl}/#/branches/N-02`);
      await page.waitForSelector('#view .problem');
      check((await page.$('.scorecard')) === null, 'another branch cannot be opened');
    },
  },
];

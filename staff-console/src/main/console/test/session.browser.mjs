// Sign-in, the session and the language switch, through the development authorization server.
export const flows = [
  {
    name: 'session: a branch manager signs in, sees their scope, no token in script, signs out',
    async run({ page, signIn, check }) {
      await signIn(page, 'manager.n01');
      const who = await page.textContent('#whoami');
      check(who.includes('manager.n01') && who.includes('N-01'), `whoami shows the user and branch: ${who}`);
      const cookies = await page.evaluate(() => document.cookie);
      check(!cookies.includes('SQP_CONSOLE_SESSION'), 'the session cookie is HttpOnly');
      const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
      check(!/eyJ[\w-]+\.eyJ/.test(cookies + storage), 'no JWT in cookies or storage readable by script');
      const session = await page.evaluate(async () => (await fetch('/console/session')).text());
      check(!/eyJ[\w-]+\.eyJ/.test(session), 'the session answer carries no token');
      await page.click('#sign-out button');
      await page.waitForURL(/signed-out/, { timeout: 15000 });
      const after = await page.evaluate(async () => (await fetch('/console/session')).status);
      check(after === 401, `after signing out the session is gone (status ${after})`);
    },
  },
  {
    name: 'session: switching to Chinese translates the frame and is remembered',
    async run({ page, signIn, check }) {
      await signIn(page, 'quality');
      await page.selectOption('#language', 'zh-CN');
      await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
      check((await page.textContent('#sign-out button')).includes('退出登录'), 'sign-out button in Chinese');
      await page.reload();
      await page.waitForSelector('#whoami:not(:empty)');
      check((await page.textContent('#whoami')).includes('质量经理'), 'role in Chinese after a reload');
    },
  },
];

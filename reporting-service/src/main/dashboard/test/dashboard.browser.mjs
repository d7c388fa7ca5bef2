// Browser test of the dashboard, driven by reporting-service's ReportingServiceIT (Java), which posts the events:
//   SQP_DASHBOARD_TOKEN=<staff token> node test/dashboard.browser.mjs <baseUrl> <branchId> <csatAfter> <alertId>
//     <screenshotDir> [<targetsAfter>] [<regionAlertId>]
// Opens /dashboard/ in Debian's headless Chromium (never a downloaded browser) without a session and checks that it
// lands on the login page (prints LOGIN PAGE), signs in there with the token (minted by the Java test with its test
// key pair; passed in the environment, not on the command line), waits for the branch's tile, prints READY, then waits until the tile shows the new CSAT and the alert feed the alert, without a reload, and
// saves screenshots at laptop and wall-screen sizes. With <targetsAfter> (e.g. "targets 1/1") it also waits for the
// tile's target marker to show it; with <regionAlertId> for a region-scoped alert to appear in the feed, labelled with its
// region. Finally signs out and checks that /dashboard/ is back at the login page (prints SIGNED OUT). Any
// Content-Security-Policy violation fails the test. Exit code 0 on success.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [baseUrl, branchId, csatAfter, alertId, screenshots, targetsAfter, regionAlertId] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TIMEOUT = 30_000;
const token = process.env.SQP_DASHBOARD_TOKEN;
if (!token) {
  throw new Error('SQP_DASHBOARD_TOKEN (a staff token) is required');
}

mkdirSync(screenshots, { recursive: true });
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run',
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const external = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(baseUrl)) {
      external.push(request.url());
    }
  });
  const violations = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      violations.push(message.text());
    }
  });
  page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));

  // no session yet: the dashboard sends the browser to the login page
  await page.goto(`${baseUrl}/dashboard/`);
  await page.waitForURL(`${baseUrl}/dashboard/login.html`, { timeout: TIMEOUT });
  await page.locator('#login').waitFor({ timeout: TIMEOUT });
  console.log(`LOGIN PAGE ${new URL(page.url()).pathname}`);
  // a refused token stays on the login page with a message
  await page.fill('#token', 'not-a-token');
  await page.click('#login button[type="submit"]');
  await page.locator('#message').filter({ hasText: 'refused' }).waitFor({ timeout: TIMEOUT });
  await page.screenshot({ path: join(screenshots, 'dashboard-login.png'), fullPage: true });
  await page.fill('#token', token);
  await page.click('#login button[type="submit"]');
  await page.waitForURL(`${baseUrl}/dashboard/index.html`, { timeout: TIMEOUT });

  await page.waitForSelector('body[data-ready="true"]', { timeout: TIMEOUT });
  console.log(`SIGNED IN as ${await page.locator('#whoami').textContent()}`);
  const tile = page.locator(`.tile[data-branch="${branchId}"]`);
  await tile.locator('[data-metric="csat"]').filter({ hasNotText: '—' }).waitFor({ timeout: TIMEOUT });
  await page.locator('#status.live').waitFor({ timeout: TIMEOUT });
  const before = await tile.locator('[data-metric="csat"]').textContent();
  const targetsBefore = await tile.locator('[data-field="targets"]').textContent();
  await page.screenshot({ path: join(screenshots, 'dashboard-before.png'), fullPage: true });
  console.log(`READY csat=${before}`);
  console.log(`TARGETS ${targetsBefore}`);

  // the Java side now publishes a newer revision and an alert; wait for the same page to show both
  await tile.locator('[data-metric="csat"]').filter({ hasText: csatAfter }).waitFor({ timeout: TIMEOUT });
  await page.locator(`#alerts li[data-alert-id="${alertId}"]`).waitFor({ timeout: TIMEOUT });
  if (targetsAfter) {
    await tile.locator('[data-field="targets"]').filter({ hasText: targetsAfter }).waitFor({ timeout: TIMEOUT });
    console.log(`TARGETS ${await tile.locator('[data-field="targets"]').textContent()}`);
    // the targets table follows (debounced): the branch's own target, attained by 1 of 1
    await page.locator('#targets tbody tr', { hasText: branchId }).filter({ hasText: '1 of 1' })
      .waitFor({ timeout: TIMEOUT });
  }
  if (regionAlertId) {
    const regionAlert = page.locator(`#alerts li[data-alert-id="${regionAlertId}"][data-scope="REGION"]`);
    await regionAlert.waitFor({ timeout: TIMEOUT });
    console.log(`REGION ALERT ${await regionAlert.locator('.scope').textContent()}`);
  }
  const sqi = await tile.locator('[data-metric="sqi"]').textContent();
  await page.screenshot({ path: join(screenshots, 'dashboard-live-laptop.png'), fullPage: true });
  await page.setViewportSize({ width: 2560, height: 1440 });
  await page.screenshot({ path: join(screenshots, 'dashboard-live-wall.png'), fullPage: true });
  if (external.length) {
    throw new Error(`the page loaded from outside the service: ${external.join(', ')}`);
  }
  // signing out clears the session: the dashboard is back behind the login page
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.click('#logout');
  await page.waitForURL(`${baseUrl}/dashboard/login.html`, { timeout: TIMEOUT });
  await page.goto(`${baseUrl}/dashboard/`);
  await page.waitForURL(`${baseUrl}/dashboard/login.html`, { timeout: TIMEOUT });
  const cookies = await page.context().cookies(baseUrl);
  if (cookies.some((cookie) => cookie.name === 'sqp_session')) {
    throw new Error('the session cookie survived signing out');
  }
  console.log('SIGNED OUT');
  if (violations.length) {
    throw new Error(`Content-Security-Policy violations or page errors: ${violations.join(' | ')}`);
  }
  console.log(`DONE csat=${csatAfter} sqi=${sqi}`);
} finally {
  await browser.close();
}

// Runs the console's browser flows (every test/*.browser.mjs) in headless Chromium against a running console and
// stack, each flow in a fresh browser context (its own session), and prints a line per flow:
//   PASS <name>        FAIL <name>: <why>
// then "DONE <passed>/<total>"; exits 1 when one failed.
//
//   CONSOLE_URL=http://127.0.0.1:8090 CHROMIUM=/usr/bin/chromium [SCREENSHOTS_DIR=../../../../docs/console] \
//     [FLOWS=complaint] node test/run.mjs
//
// A flow module exports flows = [{ name, async run({ page, signIn, screenshot, baseUrl, check }) }]:
//   signIn(page, username)  signs in through the authorization server (password "demo") and waits for the console
//   screenshot(page, name)  writes <SCREENSHOTS_DIR>/<name>.png when SCREENSHOTS_DIR is set
//   check(condition, message) throws with message when condition is false
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const baseUrl = process.env.CONSOLE_URL ?? 'http://127.0.0.1:8090';
const screenshots = process.env.SCREENSHOTS_DIR;
const only = process.env.FLOWS;

async function signIn(page, username) {
  await page.goto(`${baseUrl}/`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', 'demo');
  await page.click('button[type=submit]');
  await page.waitForSelector('#whoami:not(:empty)', { timeout: 30000 });
}

async function screenshot(page, name) {
  if (!screenshots) return;
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

const modules = readdirSync(here).filter((file) => file.endsWith('.browser.mjs')).sort();
const flows = [];
for (const file of modules) {
  const module = await import(pathToFileURL(join(here, file)).href);
  for (const flow of module.flows) {
    if (!only || flow.name.includes(only) || file.includes(only)) flows.push(flow);
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
let passed = 0;
for (const flow of flows) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    await flow.run({ page, signIn, screenshot, baseUrl, check });
    if (errors.length) throw new Error(`script errors on the page: ${errors.join('; ')}`);
    passed++;
    console.log(`PASS ${flow.name}`);
  } catch (error) {
    console.log(`FAIL ${flow.name}: ${String(error.message ?? error).split('\n')[0]}`);
    await page.screenshot({ path: join(process.env.FAILURES_DIR ?? '/tmp', `failed-${flow.name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
  } finally {
    await context.close();
  }
}
await browser.close();
console.log(`DONE ${passed}/${flows.length}`);
process.exit(passed === flows.length ? 0 : 1);

// End-to-end test of the Danish web UI in headless Chromium: search, open
// a result, follow the case timeline, subscribe to the calendar; axe-core
// checks every page visited. Screenshots are kept as test artifacts.
//
// Usage: node browser_test.mjs SAGSSPOR_BINARY EXAMPLES_DIR ARTIFACTS_DIR
// Prints "N passed, M failed"; exits non-zero on any failure.

import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [binary, examples, artifacts] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let passed = 0;
const failures = [];
function check(ok, what) {
  if (ok) passed++;
  else failures.push(what);
}

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitForServer(url) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

// axe-core runs through the DevTools protocol, so the page's strict CSP
// (no scripts) does not stop it.
async function accessible(page, name) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] }));
  for (const v of result.violations) failures.push(`${name}: axe ${v.id}: ${v.help} (${v.nodes.length} nodes)`);
  if (result.violations.length === 0) passed++;
}

const work = mkdtempSync(join(tmpdir(), 'sagsspor-browser-'));
mkdirSync(artifacts, { recursive: true });
let server;
let browser;
try {
  const db = join(work, 'db');
  execFileSync(binary, ['ingest', '--db', db, examples], { stdio: 'ignore' });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  server = spawn(binary, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`], { stdio: 'ignore' });
  await waitForServer(`${base}/healthz`);

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const scripts = [];
  page.on('console', (m) => { if (m.type() === 'error') scripts.push(m.text()); });

  // Forside
  await page.goto(`${base}/`);
  check(await page.locator('h1').first().textContent() === 'Seneste møder', 'forside: heading');
  await page.screenshot({ path: join(artifacts, '1-forside.png'), fullPage: true });
  await accessible(page, 'forside');

  // Search by keyboard, through the labelled field
  await page.getByLabel('Søg i dagsordener og bilag').fill('rammeaftale');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/soeg\?q=rammeaftale/);
  const results = page.locator('ol.resultater > li');
  check(await results.count() > 0, 'søgning: results');
  check(await page.locator('ol.resultater mark').count() > 0, 'søgning: matches marked');
  check(await page.locator('aside h2').count() > 0, 'søgning: facets');
  await page.screenshot({ path: join(artifacts, '2-soegning.png'), fullPage: true });
  await accessible(page, 'søgning');

  // Open the first result
  await results.first().locator('h2 a').click();
  await page.waitForURL(/\/punkter\//);
  check((await page.locator('h1').textContent()).length > 0, 'punktside: heading');
  await page.screenshot({ path: join(artifacts, '3-punkt.png'), fullPage: true });
  await accessible(page, 'punktside');

  // Follow the case timeline
  await page.getByRole('link', { name: 'Sagsforløb' }).first().click();
  await page.waitForURL(/\/sager\//);
  check((await page.locator('h1').textContent()).startsWith('Sagsforløb'), 'sagsforløb: heading');
  check(await page.locator('ol.forloeb > li').count() > 0, 'sagsforløb: entries');
  await page.screenshot({ path: join(artifacts, '4-sagsforloeb.png'), fullPage: true });
  await accessible(page, 'sagsforløb');

  // The meeting page and the calendar link
  await page.goto(`${base}/`);
  const calendarHref = await page.getByRole('link', { name: /kalender/i }).first().getAttribute('href');
  const calendar = await page.request.get(base + calendarHref);
  check(calendar.headers()['content-type'].startsWith('text/calendar'), 'kalender: content type');
  check((await calendar.text()).startsWith('BEGIN:VCALENDAR'), 'kalender: iCalendar');
  await page.locator('ul.moeder a').first().click();
  await page.waitForURL(/\/moeder\//);
  check(await page.locator('.badge').count() > 0, 'mødeside: type badges');
  await accessible(page, 'mødeside');

  // Small screens and print
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`${base}/soeg?q=kapacitet`);
  await page.screenshot({ path: join(artifacts, '5-mobil.png'), fullPage: true });
  await page.emulateMedia({ media: 'print' });
  check(await page.locator('header form').isHidden(), 'print: the search form is hidden');

  check(scripts.length === 0, `no console errors: ${scripts.join('; ')}`);
} catch (e) {
  failures.push(`exception: ${e.message}`);
} finally {
  if (browser) await browser.close();
  if (server) server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
for (const f of failures) console.log('FAIL', f);
console.log(`${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);

// Shared helpers for the browser tests: the system Chromium through playwright-core, a real
// sawt server on a free loopback port with a fresh demo store, login, and screenshots.
//
//   const server = await startServer();           // { url, port, tmp, logs(), stop() }
//   const browser = await launchBrowser();
//   const page = await browser.newPage();
//   await login(page, 'admin', 'admin-demo', server.url);
//   await screenshot(page, 'tree-ar');            // tests/browser/screenshots/tree-ar.png
//
// Environment: SAWT_BIN (default <repo>/build/src/app/sawt), CHROMIUM (default /usr/bin/chromium),
// SAWT_TEST_HEADED=1 to watch the browser, SAWT_TEST_KEEP=1 to keep the temporary directory.

import { spawn } from 'node:child_process';
import { before, after } from 'node:test';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..', '..');
export const SAWT_BIN = process.env.SAWT_BIN || path.join(ROOT, 'build', 'src', 'app', 'sawt');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const SCREENSHOTS = path.join(HERE, 'screenshots');
const ACTION_TIMEOUT_MS = Number(process.env.SAWT_BROWSER_TIMEOUT_MS) || 30_000;

// The machine's network is closed: without these flags Chromium stalls on background requests.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches the system Chromium (headless unless SAWT_TEST_HEADED=1). Close it with browser.close(). */
export async function launchBrowser(options = {}) {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: process.env.SAWT_TEST_HEADED !== '1',
    args: CHROMIUM_ARGS,
    ...options,
  });
}

/** The demo network's time zone (the default of GET /api/v1/network/settings). */
export const NETWORK_ZONE = 'Asia/Dubai';

/**
 * Tomorrow as YYYY-MM-DD in the network's time zone: a content item planned for that day is not due
 * yet (the server publishes a day's items when that day begins in the network's zone).
 */
export function networkTomorrow() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: NETWORK_ZONE }).format(new Date(Date.now() + 86_400_000));
}

/**
 * A new page in a fresh context (own cookies and localStorage). Console errors, page errors
 * and CSP violations are collected in page.problems so a test can assert there were none.
 */
export async function newPage(browser, { locale = 'ar', viewport = { width: 1280, height: 800 }, timezoneId } = {}) {
  const context = await browser.newContext({ locale, viewport, timezoneId });
  // Playwright's waits (30 s by default); the sanitizer builds' CTest entries allow more.
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (err) => page.problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    // GET /api/v1/me answers 401 before login by design; Chromium logs that as a console error.
    if (msg.type() === 'error' && !/status of 401/.test(msg.text())) page.problems.push(`console: ${msg.text()}`);
  });
  return page;
}

function run(cmd, args, { timeoutMs = 120_000, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}\n${out}`));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Loads the demo network into a new SQLite store in a temporary directory and starts
 * `sawt serve --port 0 --port-file TMP/port --web ROOT/web`; resolves once /readyz answers 200.
 * Returns { url, port, tmp, db, logs(), stop() }; stop() kills the server and removes tmp.
 */
export async function startServer({ bin = SAWT_BIN, demo = true, readyTimeoutMs = 30_000 } = {}) {
  if (!fs.existsSync(bin)) {
    throw new Error(`sawt binary not found at ${bin} (build it, or set SAWT_BIN)`);
  }
  const tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'sawt-browser-'));
  const db = `sqlite:${path.join(tmp, 'sawt.db')}`;
  const portFile = path.join(tmp, 'port');
  if (demo) await run(bin, ['demo', '--db', db]);

  const child = spawn(bin, ['serve', '--db', db, '--port', '0', '--port-file', portFile, '--web', path.join(ROOT, 'web')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  let exited = null;
  child.on('exit', (code, signal) => { exited = code ?? signal; });

  const stop = async () => {
    if (exited === null) {
      child.kill('SIGTERM');
      for (let i = 0; i < 50 && exited === null; i++) await sleep(100);
      if (exited === null) child.kill('SIGKILL');
    }
    if (process.env.SAWT_TEST_KEEP !== '1') await fsp.rm(tmp, { recursive: true, force: true });
  };

  const deadline = Date.now() + readyTimeoutMs;
  let port = null;
  let lastError = 'no port file yet';
  while (Date.now() < deadline) {
    if (exited !== null) {
      await stop();
      throw new Error(`sawt serve exited early with ${exited}\n${output}`);
    }
    if (!port && fs.existsSync(portFile)) {
      const text = fs.readFileSync(portFile, 'utf8').trim();
      if (/^\d+$/.test(text)) port = Number(text);
    }
    if (port) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/readyz`);
        if (res.status === 200) {
          return { url: `http://127.0.0.1:${port}`, port, tmp, db, logs: () => output, stop };
        }
        lastError = `/readyz answered ${res.status}`;
      } catch (err) {
        lastError = err.message;
      }
    }
    await sleep(100);
  }
  await stop();
  throw new Error(`sawt serve not ready after ${readyTimeoutMs} ms (${lastError})\n${output}`);
}

/**
 * Opens baseUrl (or the page's current origin), signs in through the login form and waits
 * for the shell. Resolves when the navigation is visible; rejects with the shown error otherwise.
 */
export async function login(page, user, password, baseUrl) {
  if (baseUrl) await page.goto(`${baseUrl}/#/entities`);
  const form = page.getByTestId('login-form');
  await form.waitFor();
  await page.getByTestId('login-user').fill(user);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  const shell = page.getByTestId('nav');
  const error = page.locator('[data-testid="login-error"]:not(:empty)');
  const signedIn = shell.waitFor().then(() => 'ok');
  const failed = error.waitFor().then(() => 'error');
  signedIn.catch(() => {});
  failed.catch(() => {});
  if ((await Promise.race([signedIn, failed])) === 'error') {
    throw new Error(`login failed: ${await error.textContent()}`);
  }
}

/** Saves a full-page PNG to tests/browser/screenshots/<name>.png and returns its path. */
export async function screenshot(page, name) {
  await fsp.mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** GET an API path with the page's session (the page must be signed in); resolves to the JSON. */
export function apiGet(page, apiPath) {
  return page.evaluate(async (p) => (await fetch(p, { headers: { Accept: 'application/json' } })).json(), apiPath);
}

/**
 * A write API call with the page's session (its CSRF token from GET /api/v1/me; the page must be
 * signed in); resolves to { status, body, etag }.
 */
export function apiSend(page, method, apiPath, body, headers = {}) {
  return page.evaluate(async ({ method, apiPath, body, headers }) => {
    const me = await (await fetch('/api/v1/me', { headers: { Accept: 'application/json' } })).json();
    const res = await fetch(apiPath, {
      method,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': me.csrf_token, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json().catch(() => null), etag: res.headers.get('ETag') };
  }, { method, apiPath, body, headers });
}

/** Switches the UI to lang ('ar' or 'en') with the header's button, unless it is already there. */
export async function switchLanguage(page, lang) {
  if ((await page.evaluate(() => document.documentElement.lang)) === lang) return;
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/**
 * Makes the navigation link of a page (`nav-<route>`) visible and resolves to it: opens the menu
 * on narrow screens, and on wide screens the capability's group (`nav-group-<capability>`) that
 * holds the link, unless it is already shown. `await (await openNav(page, 'members')).click()`.
 */
export async function openNav(page, route) {
  const link = page.getByTestId(`nav-${route}`);
  await link.waitFor({ state: 'attached' });
  if (await link.isVisible()) return link;
  const toggle = page.getByTestId('menu-toggle');
  if (await toggle.isVisible() && (await toggle.getAttribute('aria-expanded')) !== 'true') {
    await toggle.click();
    if (await link.isVisible()) return link;
  }
  const group = page.locator('li.nav-group', { has: link }).locator('[data-testid^="nav-group-"]');
  if ((await group.getAttribute('aria-expanded')) !== 'true') await group.click();
  await link.waitFor({ state: 'visible' });
  return link;
}

/**
 * Opens the overflow ("more actions") menu under `scope` (a page or a locator, e.g. a table row)
 * that holds the item `testid`, and resolves to that item (a role="menuitem" button), visible:
 * `await (await openActions(row, 'token-revoke')).click()`.
 */
export async function openActions(scope, testid) {
  const page = typeof scope.page === 'function' ? scope.page() : scope;
  const menu = scope.locator('.action-menu', { has: page.getByTestId(testid) }).first();
  const button = menu.locator('[aria-haspopup="menu"]');
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  const item = menu.getByTestId(testid);
  await item.waitFor({ state: 'visible' });
  return item;
}

/** Chooses the action `testid` from the overflow menu under `scope` (openActions, then a click). */
export async function chooseAction(scope, testid) {
  await (await openActions(scope, testid)).click();
}

/** The two sizes every page is judged at: a phone and a laptop. */
export const PHONE = Object.freeze({ width: 390, height: 844 });
export const LAPTOP = Object.freeze({ width: 1440, height: 900 });
/** Arabic on a phone and English on a laptop: the pairing most tests run in. */
export const RUNS = Object.freeze([
  Object.freeze({ lang: 'ar', viewport: PHONE, device: 'phone' }),
  Object.freeze({ lang: 'en', viewport: LAPTOP, device: 'laptop' }),
]);

/**
 * The usual file-level setup: one server and one browser for all tests of the file, started before
 * the first test and stopped after the last. `onReady(server, browser)` hands them to the file.
 */
export function useServerAndBrowser(onReady) {
  let server;
  let browser;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    onReady(server, browser);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
}

/** axe-core's source, injected into pages by axeProblems. */
export const AXE_SOURCE = fs.readFileSync(
  path.join(path.dirname(createRequire(import.meta.url).resolve('axe-core')), 'axe.min.js'), 'utf8');

/** The page's serious and critical axe-core findings, one line each ("rule: selectors"). */
export async function axeProblems(page) {
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Whether the page scrolls sideways (it never should, at any width, in either language). */
export const overflows = (page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

/** Waits until the page's main region has drawn (its h1 is there and it is not busy). */
export async function settled(page) {
  await page.waitForFunction(() => document.querySelector('main')?.getAttribute('aria-busy') === 'false' && document.querySelector('main h1'));
}

/** Goes to a hash route and waits until the page has drawn. */
export async function go(page, hash) {
  await page.evaluate((h) => { location.hash = h; }, hash);
  await settled(page);
}

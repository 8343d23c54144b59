// Logs in as the demo network admin, sees the entity tree in Arabic (RTL), switches to
// English (LTR), and saves a screenshot in each language.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, login, screenshot, useServerAndBrowser, openNav } from './harness.mjs';

let server, browser;
useServerAndBrowser((s, b) => { server = s; browser = b; });

test('admin sees the entity tree in Arabic, then in English', async () => {
  const page = await newPage(browser);
  await page.goto(server.url);

  // Arabic by default, right to left.
  assert.equal(await page.locator('html').getAttribute('lang'), 'ar');
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  await screenshot(page, 'login-ar');

  await login(page, 'admin', 'admin-demo');
  // Signing in lands on the home page; the entity tree is one click away.
  await page.getByTestId('home-tiles').waitFor();
  assert.equal(await page.evaluate(() => location.hash), '#/home');
  await (await openNav(page, 'entities')).click();
  const tree = page.getByTestId('entity-tree');
  await tree.waitFor();
  assert.equal(await tree.getAttribute('role'), 'tree');
  // Tree items are named by their own label (aria-labelledby), not by their subtree.
  const police = tree.getByRole('treeitem', { name: /شرطة/ }).first();
  await police.waitFor();
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');

  // Select the police entity: its members and RACI table appear.
  await police.locator('.tree-name').first().click();
  await page.getByTestId('raci-table').waitFor();
  assert.equal(await police.getAttribute('aria-selected'), 'true');
  await screenshot(page, 'entities-ar');

  // The language switch is labelled in the other language.
  const sw = page.getByTestId('lang-switch');
  assert.equal((await sw.textContent()).trim(), 'English');
  await sw.click();
  await page.waitForFunction(() => document.documentElement.dir === 'ltr');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await tree.getByRole('treeitem', { name: /Police/ }).first().waitFor();
  assert.equal(await tree.getByRole('treeitem', { name: /Police/ }).first().getAttribute('aria-selected'), 'true');
  assert.equal((await page.getByTestId('lang-switch').textContent()).trim(), 'العربية');
  await page.getByTestId('raci-table').waitFor();
  await screenshot(page, 'entities-en');

  // The choice is remembered across a reload.
  await page.reload();
  await page.getByTestId('entity-tree').waitFor();
  assert.equal(await page.locator('html').getAttribute('dir'), 'ltr');

  // Signing out (DELETE with the CSRF token) ends the session, also after a reload.
  await page.getByTestId('logout').click();
  await page.getByTestId('login-form').waitFor();
  await page.reload();
  await page.getByTestId('login-form').waitFor();
  assert.equal(await page.getByTestId('nav').count(), 0);

  assert.deepEqual(page.problems, []);
});

// The network pages beyond the happy path: a refused login shows the server's problem detail
// in the alert region, the entity tree works from the keyboard (arrows mirrored in RTL),
// and the members list can be searched.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, login, screenshot, useServerAndBrowser, openNav } from './harness.mjs';

let server, browser;
useServerAndBrowser((s, b) => { server = s; browser = b; });

test('a wrong password shows the problem detail in the alert region', async () => {
  const page = await newPage(browser);
  await page.goto(server.url);
  await page.getByLabel('اسم المستخدم').fill('admin');
  await page.getByLabel('كلمة المرور').fill('wrong-password');
  await page.getByLabel('كلمة المرور').press('Enter');
  const alert = page.locator('[role="alert"][data-testid="login-error"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="login-error"]').textContent.trim() !== '');
  assert.match(await alert.textContent(), /[\u0600-\u06ff]/, 'the detail is in Arabic');
  assert.equal(await page.getByTestId('nav').count(), 0);
  await screenshot(page, 'login-error-ar');
});

test('the entity tree is usable from the keyboard, mirrored in RTL', async () => {
  const page = await newPage(browser);
  await login(page, 'admin', 'admin-demo', server.url);
  const tree = page.getByTestId('entity-tree');
  await tree.waitFor();
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('role') === 'treeitem'
    ? document.activeElement.dataset.id : null);

  // One tab stop: the first root.
  const root = tree.locator(':scope > [role="treeitem"]').first();
  assert.equal(await root.getAttribute('tabindex'), '0');
  assert.equal(await tree.locator('[role="treeitem"][tabindex="0"]').count(), 1);
  await root.focus();
  assert.equal(await root.getAttribute('aria-expanded'), 'true');

  // In RTL, ArrowRight closes the open root and ArrowLeft opens it again.
  await page.keyboard.press('ArrowRight');
  assert.equal(await root.getAttribute('aria-expanded'), 'false');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await root.getAttribute('aria-expanded'), 'true');

  // ArrowLeft on an open node moves to its first child; ArrowDown to the next one.
  await page.keyboard.press('ArrowLeft');
  const first = await focused();
  assert.ok(first);
  await page.keyboard.press('ArrowDown');
  const second = await focused();
  assert.ok(second && second !== first);
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), first);

  // Enter selects: the detail shows the entity's members and its RACI table.
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => location.hash === `#/entities/${id}`, first);
  const item = tree.locator(`[data-id="${first}"]`);
  assert.equal(await item.getAttribute('aria-selected'), 'true');
  await page.getByTestId('raci-table').waitFor();
  assert.equal(await focused(), first, 'focus stays in the tree after selecting');
  assert.equal(await page.getByTestId('raci-table').locator('tbody[data-axis]').count() >= 7, true);

  // ArrowRight (collapse key in RTL) on a child moves back to the parent.
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(), await root.getAttribute('data-id'));
  assert.deepEqual(page.problems, []);
});

test('the members list is searchable', async () => {
  const page = await newPage(browser);
  await login(page, 'admin', 'admin-demo', server.url);
  await (await openNav(page, 'members')).click();
  const list = page.getByTestId('member-list');
  await list.locator('[data-testid="member-item"]').first().waitFor();
  const total = await list.locator('[data-testid="member-item"]').count();
  assert.ok(total > 1);
  await screenshot(page, 'members-ar');

  await page.getByTestId('member-search').fill('admin');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="member-item"]').length < n, total);
  const shown = await list.locator('[data-testid="member-item"]').count();
  assert.ok(shown >= 1 && shown < total);

  await page.getByTestId('member-search').fill('zzzz-no-such-member');
  await list.locator('.empty-state').waitFor();
  assert.equal(await list.locator('[data-testid="member-item"]').count(), 0);
  assert.deepEqual(page.problems, []);
});

// The overflow ("more actions") menu of js/menu.js, where the destructive actions live: keyboard
// operation on a webhook subscriber's menu (Enter/Space/ArrowDown open on the first item, the
// arrows, Home and End move, Escape closes and gives focus back to the button, Tab closes), a click
// outside closes it, choosing an item still asks for confirmation; and, on an API token's and a
// calendar entry's menu, in Arabic at 390 px and in English at 1440 px: open, axe-clean, inside the
// viewport, aligned with the button's inline-end edge, and no sideways scrolling.
// Retiring a key message asks first too (cancel keeps it approved, confirm retires it).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  newPage, login, screenshot, useServerAndBrowser, openNav, apiGet, apiSend, switchLanguage, axeProblems, overflows, openActions, settled, go, PHONE, LAPTOP, RUNS,
} from './harness.mjs';

let server, browser;
useServerAndBrowser((s, b) => { server = s; browser = b; });

const PASSWORD = 'sawt-demo-2026';

async function signIn(user, password, { lang, viewport }) {
  const page = await newPage(browser, { locale: lang, viewport });
  await login(page, user, password, server.url);
  await switchLanguage(page, lang);
  return page;
}

const focused = (page) => page.evaluate(() => ({
  testid: document.activeElement?.dataset.testid ?? null, role: document.activeElement?.getAttribute('role') ?? null,
}));

/**
 * The open menu of `button`: its list is visible, inside the viewport, aligned with the button's
 * inline-end edge unless that would cross the viewport's edge; nothing scrolls sideways; axe is clean.
 */
async function checkOpen(page, button, what) {
  assert.equal(await button.getAttribute('aria-expanded'), 'true', `${what}: expanded`);
  const list = page.locator(`#${await button.getAttribute('aria-controls')}`);
  assert.equal(await list.getAttribute('role'), 'menu');
  assert.ok(await list.isVisible(), `${what}: the list shows`);
  const geometry = await page.evaluate((id) => {
    const l = document.getElementById(id).getBoundingClientRect();
    const b = document.querySelector(`[aria-controls="${id}"]`).getBoundingClientRect();
    return {
      list: { left: l.left, right: l.right, top: l.top, bottom: l.bottom },
      button: { left: b.left, right: b.right, top: b.top, bottom: b.bottom },
      vw: document.documentElement.clientWidth,
      rtl: document.documentElement.dir === 'rtl',
    };
  }, await list.getAttribute('id'));
  const { list: l, button: b, vw, rtl } = geometry;
  assert.ok(l.left >= 0 && l.right <= vw, `${what}: inside the viewport ${JSON.stringify(geometry)}`);
  // Opening toward the inline-start side: the list's inline-end edge at the button's (within the
  // margin kept from the viewport's edge when it had to move).
  const endGap = rtl ? Math.abs(l.left - b.left) : Math.abs(l.right - b.right);
  const clamped = l.left <= 9 || l.right >= vw - 9;
  assert.ok(endGap <= 1 || clamped, `${what}: aligned with the button's inline-end edge ${JSON.stringify(geometry)}`);
  assert.equal(await overflows(page), false, `${what}: no sideways scrolling`);
  assert.deepEqual(await axeProblems(page), [], `${what}: axe`);
}

test('a webhook subscriber\'s menu works from the keyboard, closes on a click outside and still asks before removing', async () => {
  const page = await signIn('admin', 'admin-demo', { lang: 'en', viewport: LAPTOP });
  const name = 'Menu keyboard hook';
  const created = await apiSend(page, 'POST', '/api/v1/crisis-webhooks', { name, url: 'http://127.0.0.1:9/hook', include_drills: false });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  await go(page, '#/crisis-webhooks');
  const row = page.locator(`[data-testid="webhook-item"][data-id="${created.body.id}"]`);
  await row.waitFor();
  const button = row.getByTestId('webhook-menu');
  assert.equal(await button.getAttribute('aria-haspopup'), 'menu');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.match(await button.getAttribute('aria-label'), /More actions for the subscriber .*Menu keyboard hook/);
  assert.equal(await row.getByTestId('webhook-remove').isVisible(), false, 'removing is behind the menu');
  assert.equal(await row.locator('[role="menuitem"]').count(), 2);

  // Enter opens on the first item; the arrows move (and wrap), Home and End jump.
  await button.focus();
  await page.keyboard.press('Enter');
  assert.deepEqual(await focused(page), { testid: 'webhook-rotate', role: 'menuitem' });
  await checkOpen(page, button, 'opened with Enter');
  assert.match(await row.getByTestId('webhook-remove').getAttribute('class'), /danger-item/, 'removing is marked destructive');
  await page.keyboard.press('ArrowDown');
  assert.equal((await focused(page)).testid, 'webhook-remove');
  await page.keyboard.press('ArrowDown');
  assert.equal((await focused(page)).testid, 'webhook-rotate');
  await page.keyboard.press('ArrowUp');
  assert.equal((await focused(page)).testid, 'webhook-remove');
  await page.keyboard.press('Home');
  assert.equal((await focused(page)).testid, 'webhook-rotate');
  await page.keyboard.press('End');
  assert.equal((await focused(page)).testid, 'webhook-remove');
  // Escape closes and gives focus back to the button.
  await page.keyboard.press('Escape');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.equal(await row.getByTestId('webhook-rotate').isVisible(), false);
  assert.equal((await focused(page)).testid, 'webhook-menu');

  // Space and ArrowDown open it too; Tab closes it and moves on.
  await page.keyboard.press(' ');
  assert.equal((await focused(page)).testid, 'webhook-rotate');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowDown');
  assert.equal((await focused(page)).testid, 'webhook-rotate');
  await page.keyboard.press('Tab');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.notEqual((await focused(page)).role, 'menuitem');

  // A click outside closes it.
  await button.click();
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  await page.locator('main h1').click();
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.equal(await row.getByTestId('webhook-remove').isVisible(), false);

  // Choosing "remove" still asks first; cancelling keeps the subscriber and focus returns to the button.
  await (await openActions(row, 'webhook-remove')).click();
  await page.getByTestId('webhook-remove-dialog').waitFor();
  await page.getByTestId('webhook-remove-dialog-cancel').click();
  await page.getByTestId('webhook-remove-dialog').waitFor({ state: 'detached' });
  assert.equal((await focused(page)).testid, 'webhook-menu');
  assert.equal((await apiGet(page, `/api/v1/crisis-webhooks/${created.body.id}`)).name, name);
  assert.deepEqual(page.problems, []);
});

for (const { lang, viewport, device } of RUNS) {
  test(`an API token's menu (${lang}, ${device})`, async () => {
    const page = await signIn('police.editor', PASSWORD, { lang, viewport });
    const tokenName = lang === 'ar' ? 'رمز قائمة الإجراءات' : 'Menu token';
    const created = await apiSend(page, 'POST', '/api/v1/tokens', { name: tokenName, scopes: ['read'] });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await go(page, '#/account');
    const row = page.locator(`[data-testid="token-item"][data-id="${created.body.id}"]`);
    await row.waitFor();
    const button = row.getByTestId('token-menu');
    assert.ok((await button.getAttribute('aria-label')).includes(tokenName));
    await button.click();
    assert.equal((await focused(page)).testid, 'token-revoke');
    await checkOpen(page, button, `token menu (${lang})`);
    const item = row.getByRole('menuitem', { name: lang === 'ar' ? 'إبطال' : 'Revoke' });
    assert.equal(await item.count(), 1);
    await screenshot(page, `overflow-menu-token-${lang}-${device}`);
    await page.keyboard.press('Escape');
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.equal((await focused(page)).testid, 'token-menu');
    assert.equal(await overflows(page), false);
    assert.deepEqual(page.problems, []);
  });

  test(`a calendar entry's menu (${lang}, ${device})`, async () => {
    const page = await signIn('police.editor', PASSWORD, { lang, viewport });
    await (await openNav(page, 'calendar')).click();
    await page.locator('#calendar-period').waitFor();
    // The demo week (the Monday after the demo ran) holds the police's own announcement.
    await page.getByTestId('calendar-view-week').click();
    await page.waitForFunction(() => location.hash.startsWith('#/calendar/week/'));
    const before = await page.evaluate(() => location.hash);
    await page.getByTestId('calendar-next').click();
    await page.waitForFunction((h) => location.hash !== h, before);
    await page.locator('[data-testid="calendar"]:not([aria-busy])').waitFor({ state: 'attached' });
    const monday = (await page.evaluate(() => location.hash)).split('/')[3].slice(0, 10);
    const sunday = new Date(`${monday}T00:00:00Z`);
    sunday.setUTCDate(sunday.getUTCDate() + 6);
    const view = await apiGet(page, `/api/v1/calendar?from=${monday}&to=${sunday.toISOString().slice(0, 10)}`);
    const police = view.items.find((i) => i.title_ar === 'إعلان إحصاءات السلامة المرورية السنوية');
    assert.ok(police, 'the demo entry');
    // The grid on laptops, the agenda on phones.
    const chip = page.locator(`:is([data-testid="calendar-item"], [data-testid="calendar-agenda-item"])[data-uid="${police.uid}"]:visible`);
    await chip.click();
    await page.locator(`[data-testid="calendar-detail"][data-uid="${police.uid}"]`).waitFor();
    const button = page.getByTestId('calendar-menu');
    await button.waitFor();
    assert.ok((await button.getAttribute('aria-label')).includes(lang === 'ar' ? police.title_ar : police.title_en));
    await button.scrollIntoViewIfNeeded();
    await button.focus();
    await page.keyboard.press('Enter');
    assert.equal((await focused(page)).testid, 'calendar-delete');
    await checkOpen(page, button, `calendar entry menu (${lang})`);
    await screenshot(page, `overflow-menu-calendar-${lang}-${device}`);
    assert.equal((await focused(page)).testid, 'calendar-delete', 'still open on the item');
    // Choosing "delete" still asks first; cancelling keeps the entry.
    await page.keyboard.press('Enter');
    await page.getByTestId('calendar-delete-dialog').waitFor();
    await page.getByTestId('calendar-delete-cancel').click();
    await page.getByTestId('calendar-delete-dialog').waitFor({ state: 'detached' });
    assert.equal((await focused(page)).testid, 'calendar-menu');
    assert.equal(await chip.count(), 1);
    assert.equal(await overflows(page), false);
    assert.deepEqual(page.problems, []);
  });
}

test('retiring a key message asks first: cancelling keeps it approved, confirming retires it', async () => {
  const page = await signIn('admin', 'admin-demo', { lang: 'ar', viewport: PHONE });
  const themes = await apiGet(page, '/api/v1/themes');
  const theme = (themes.items || themes)[0];
  const made = await apiSend(page, 'POST', '/api/v1/key-messages', {
    theme_id: theme.id, owner_entity_id: theme.owner_entity_id, text_ar: 'رسالة للإيقاف', text_en: 'A message to retire',
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const approved = await apiSend(page, 'POST', `/api/v1/key-messages/${made.body.id}/approve`, {}, { 'If-Match': `"${made.body.version}"` });
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  await go(page, '#/library');
  const card = page.locator(`[data-testid="key-message"][data-id="${made.body.id}"]`);
  await card.waitFor();
  await (await openActions(card, 'km-retire')).click();
  const dialog = page.getByTestId('km-retire-dialog');
  await dialog.waitFor();
  assert.ok((await dialog.textContent()).includes('إيقاف العمل'), await dialog.textContent());
  assert.deepEqual(await axeProblems(page), []);
  await page.getByTestId('km-retire-dialog-cancel').click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal((await apiGet(page, `/api/v1/key-messages/${made.body.id}`)).state, 'approved');
  await (await openActions(card, 'km-retire')).click();
  await page.getByTestId('km-retire-dialog-confirm').click();
  await page.locator(`[data-testid="key-message"][data-id="${made.body.id}"][data-state="retired"]`).waitFor();
  assert.equal((await apiGet(page, `/api/v1/key-messages/${made.body.id}`)).state, 'retired');
  assert.deepEqual(page.problems, []);
});

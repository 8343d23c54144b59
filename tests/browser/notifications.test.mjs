// The notification centre, in Arabic on a phone (390 px) and in English on a wide screen (1440 px):
// police.reviewer is signed in when police.editor submits an item for review through the API; the
// bell's count goes up live (the stream, no reload) in the page's digits and the live region says
// so; the panel (a full-width sheet on the phone, a popover beside the bell on the wide screen)
// lists the notification first and unread; Escape closes it and gives focus back to the bell;
// following the notification opens its address and marks it read; "mark all as read" empties the
// count; the preferences save (and the API holds them). No horizontal overflow; no serious axe
// findings, with the panel open and on the preferences page. A save the server refuses shows its
// problem beside the table (fields.js showFieldProblem). Against a server without the
// notifications module the bell stays hidden, nothing fails in the console, and the rest is skipped.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, login, screenshot, switchLanguage, useServerAndBrowser, apiGet, apiSend, axeProblems, overflows, networkTomorrow } from './harness.mjs';

const PASSWORD = 'sawt-demo-2026';
let server, browser;
useServerAndBrowser((s, b) => { server = s; browser = b; });

/** police.editor drafts an item and submits it for review; resolves to the item's id. */
async function submitForReview(editor, stamp) {
  const police = (await apiGet(editor, '/api/v1/entities')).items.find((e) => e.code === 'police');
  const made = await apiSend(editor, 'POST', '/api/v1/content-items', {
    kind: 'press_release',
    owner_entity_id: police.id,
    title_ar: `حملة السلامة المرورية ${stamp}`,
    title_en: `Road safety campaign ${stamp}`,
    body_ar: 'تطلق القيادة العامة للشرطة حملة للسلامة المرورية قرب المدارس.',
    body_en: 'Police launch a road safety campaign near schools.',
    themes: ['road-safety'],
    channels: ['website'],
    planned_at: networkTomorrow(),
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const current = await apiSend(editor, 'GET', `/api/v1/content-items/${made.body.id}`);
  const moved = await apiSend(editor, 'POST', `/api/v1/content-items/${made.body.id}/transitions`, { to: 'in_review' },
    { 'If-Match': current.etag });
  assert.equal(moved.status, 200, `in_review: ${JSON.stringify(moved.body)}`);
  return made.body.id;
}

const badgeCount = (page) => page.getByTestId('bell-count').evaluate((el) => (el.hidden ? 0 : Number(el.dataset.count)));

/** Whether the server has the notifications module (it declares the notification_kinds vocabulary). */
async function serverNotifies(page) {
  return (await apiGet(page, '/api/v1/vocabularies')).items.some((v) => v.name === 'notification_kinds' && v.terms.length > 0);
}

/**
 * A server without the module: the bell stays hidden and nothing noisy happens (no failed requests
 * in the console); the rest of the file is skipped.
 */
async function quietWithoutModule(t, page) {
  if (await serverNotifies(page)) return false;
  await page.waitForTimeout(500);
  assert.equal(await page.getByTestId('bell').isVisible(), false, 'no bell');
  assert.deepEqual(page.problems, []);
  await page.context().close();
  t.skip('the server has no notifications module');
  return true;
}

async function scenario(t, { lang, viewport, phone }) {
  const reviewer = await newPage(browser, { locale: lang, viewport });
  await login(reviewer, 'police.reviewer', PASSWORD, server.url);
  await switchLanguage(reviewer, lang);
  await reviewer.evaluate(() => { location.hash = '#/home'; });
  await reviewer.getByTestId('home-tiles').waitFor();
  if (await quietWithoutModule(t, reviewer)) return;
  const bell = reviewer.getByTestId('bell');
  await bell.waitFor();
  // The stream is connected before the editor acts (data-live, set when the EventSource opens).
  await reviewer.locator('[data-testid="bell-wrap"][data-live="true"]').waitFor();
  // The count shown is the server's.
  const before = (await apiGet(reviewer, '/api/v1/notifications?limit=1')).unread;
  await reviewer.waitForFunction((n) => {
    const el = document.querySelector('[data-testid="bell-count"]');
    return el && Number(el.dataset.count) === n;
  }, before);

  const editor = await newPage(browser, { locale: lang });
  await login(editor, 'police.editor', PASSWORD, server.url);
  const stamp = `${lang}-${Date.now().toString(36)}`;
  await submitForReview(editor, stamp);

  // The count goes up without a reload, in the page's digits; the live region says so.
  await reviewer.waitForFunction((n) => {
    const el = document.querySelector('[data-testid="bell-count"]');
    return el && !el.hidden && Number(el.dataset.count) === n;
  }, before + 1);
  const shown = await reviewer.getByTestId('bell-count').textContent();
  if (lang === 'ar') assert.match(shown, /^[٠-٩]+\+?$/, `Arabic-Indic digits: ${shown}`);
  else assert.match(shown, /^[0-9]+\+?$/, shown);
  const label = await bell.getAttribute('aria-label');
  assert.match(label, lang === 'ar' ? /الإشعارات/ : /Notifications/);
  assert.match(await reviewer.getByTestId('notifications-live').textContent(), lang === 'ar' ? /إشعار جديد/ : /New notification/);
  assert.equal(await bell.getAttribute('aria-expanded'), 'false');

  // The panel lists it first, unread, worded by the server; the time in words.
  const newest = (await apiGet(reviewer, '/api/v1/notifications?limit=1')).items[0];
  assert.ok(newest && !newest.read_at, 'the API has the unread notification');
  await bell.click();
  assert.equal(await bell.getAttribute('aria-expanded'), 'true');
  const panel = reviewer.getByTestId('notifications-panel');
  await panel.waitFor();
  const first = reviewer.locator('[data-testid="notification"]').first();
  await reviewer.locator(`[data-testid="notification"][data-id="${newest.id}"]`).waitFor();
  assert.equal(await first.getAttribute('data-id'), String(newest.id));
  assert.equal(await first.getAttribute('data-unread'), 'true');
  assert.equal(await first.getByTestId('notification-title').textContent(), newest.title);
  assert.equal(await first.getByTestId('notification-title').evaluate((el) => getComputedStyle(el).fontWeight), '700');
  const when = await first.locator('time').textContent();
  assert.match(when, lang === 'ar' ? /[\u0600-\u06ff]/ : /now|ago|second|minute/, `time in words: ${when}`);
  const box = await panel.boundingBox();
  if (phone) assert.ok(box.width >= viewport.width - 2, `a full-width sheet on phones (${box.width})`);
  else assert.ok(box.width < 500, `a popover on wide screens (${box.width})`);
  assert.equal(await overflows(reviewer), false, 'no horizontal scrolling (panel open)');
  assert.deepEqual(await axeProblems(reviewer), []);
  await screenshot(reviewer, `notifications-panel-${lang}-${viewport.width}`);

  // Escape closes it and gives focus back to the bell.
  await first.locator('a').focus();
  await reviewer.keyboard.press('Escape');
  assert.equal(await panel.isVisible(), false);
  assert.equal(await bell.getAttribute('aria-expanded'), 'false');
  assert.equal(await reviewer.evaluate(() => document.activeElement?.dataset.testid), 'bell');
  // A click elsewhere closes it too.
  await bell.click();
  await panel.waitFor();
  await reviewer.evaluate(() => document.querySelector('main').click());
  assert.equal(await panel.isVisible(), false);

  // Following it opens its address and marks it read.
  await bell.click();
  await reviewer.locator(`[data-testid="notification"][data-id="${newest.id}"] a`).click();
  await reviewer.waitForFunction((link) => location.hash === link, newest.link);
  assert.equal(await panel.isVisible(), false);
  await reviewer.waitForFunction(async (id) => {
    const answer = await (await fetch(`/api/v1/notifications?limit=20`)).json();
    return answer.items.find((n) => String(n.id) === String(id))?.read_at;
  }, newest.id);
  // The count falls back at once, and a list requested before the read does not put it back up.
  await reviewer.waitForFunction((n) => {
    const el = document.querySelector('[data-testid="bell-count"]');
    return (el.hidden ? 0 : Number(el.dataset.count)) === n;
  }, before);
  await reviewer.waitForTimeout(300);
  assert.equal(await badgeCount(reviewer), before);
  await bell.click();
  await reviewer.locator(`[data-testid="notification"][data-id="${newest.id}"][data-unread="false"]`).waitFor();

  // Mark all as read: the count is gone, and the API agrees.
  const readAll = reviewer.getByTestId('notifications-read-all');
  if (await readAll.isEnabled()) {
    await readAll.click();
    await reviewer.waitForFunction(() => document.querySelector('[data-testid="bell-count"]').hidden);
    assert.equal((await apiGet(reviewer, '/api/v1/notifications?limit=1')).unread, 0);
    assert.equal(await reviewer.locator('[data-testid="notification"][data-unread="true"]').count(), 0);
  }

  // The preferences, from the panel.
  await reviewer.getByTestId('notifications-preferences').click();
  await reviewer.waitForFunction(() => location.hash === '#/notifications');
  await reviewer.getByTestId('prefs-table').waitFor();
  const prefs = await apiGet(reviewer, '/api/v1/notifications/preferences');
  assert.equal(await reviewer.getByTestId('prefs-row').count(), prefs.kinds.length);
  // Every kind the server declares is listed in the page's language, the calendar's conflicts too.
  const conflictRow = reviewer.locator('[data-testid="prefs-row"][data-kind="calendar_conflict"]');
  assert.equal((await conflictRow.locator('th').textContent()).trim(), lang === 'ar' ? 'تعارض في التقويم' : 'Calendar conflict');
  const row = reviewer.locator(`[data-testid="prefs-row"][data-kind="${prefs.kinds[0].kind}"]`);
  const email = row.getByTestId('prefs-email');
  assert.equal(await email.isChecked(), prefs.kinds[0].email);
  await email.setChecked(!prefs.kinds[0].email);
  await reviewer.getByTestId('prefs-save').click();
  await reviewer.locator('[data-testid="prefs-status"]').filter({ hasText: lang === 'ar' ? 'حُفظت' : 'saved' }).waitFor();
  const saved = await apiGet(reviewer, '/api/v1/notifications/preferences');
  assert.equal(saved.kinds.find((k) => k.kind === prefs.kinds[0].kind).email, !prefs.kinds[0].email);
  assert.equal(await reviewer.locator('[data-testid="nav-account"]').getAttribute('aria-current'), 'page');
  assert.equal(await overflows(reviewer), false, 'no horizontal scrolling (preferences)');
  assert.deepEqual(await axeProblems(reviewer), []);
  await screenshot(reviewer, `notifications-prefs-${lang}-${viewport.width}`);

  assert.deepEqual(reviewer.problems, []);
  assert.deepEqual(editor.problems, []);
  await editor.context().close();
  await reviewer.context().close();
}

test('a review request reaches the reviewer live; panel, follow, preferences (ar, 390px)', async (t) => {
  await scenario(t, { lang: 'ar', viewport: { width: 390, height: 844 }, phone: true });
});

test('a review request reaches the reviewer live; panel, follow, preferences (en, 1440px)', async (t) => {
  await scenario(t, { lang: 'en', viewport: { width: 1440, height: 900 }, phone: false });
});

test('signing out closes the stream and hides the bell', async (t) => {
  const page = await newPage(browser, { locale: 'en', viewport: { width: 768, height: 900 } });
  await login(page, 'police.reviewer', PASSWORD, server.url);
  if (await quietWithoutModule(t, page)) return;
  await page.locator('[data-testid="bell-wrap"][data-live="true"]').waitFor();
  assert.equal(await overflows(page), false, 'no horizontal scrolling at 768px');
  await page.getByTestId('logout').click();
  await page.getByTestId('login-form').waitFor();
  assert.equal(await page.getByTestId('bell').count(), 0, 'no bell on the login page');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a refused save shows the server\'s problem beside the table (en)', async (t) => {
  const page = await newPage(browser, { locale: 'en', viewport: { width: 1440, height: 900 } });
  await login(page, 'police.reviewer', PASSWORD, server.url);
  if (await quietWithoutModule(t, page)) return;
  await switchLanguage(page, 'en');
  await page.evaluate(() => { location.hash = '#/notifications'; });
  await page.getByTestId('prefs-table').waitFor();
  // The page only sends the kinds the server listed: a kind it does not know is slipped in on the way.
  await page.route('**/api/v1/notifications/preferences', (route) => {
    if (route.request().method() !== 'PUT') return route.continue();
    const body = JSON.parse(route.request().postData());
    body.kinds[1].kind = 'no_such_kind';
    return route.continue({ postData: JSON.stringify(body) });
  });
  await page.getByTestId('prefs-save').click();
  await page.locator('[data-testid="prefs-field-error"]:not(:empty), [data-testid="prefs-error"]:not(:empty)').first().waitFor();
  const shown = `${await page.getByTestId('prefs-field-error').textContent()}${await page.getByTestId('prefs-error').textContent()}`;
  assert.match(shown, /\S/);
  assert.equal(await page.getByTestId('prefs-status').textContent(), '', 'not said to be saved');
  if (await page.getByTestId('prefs-field-error').textContent()) {
    assert.equal(await page.locator('[data-testid="prefs-table"] input[aria-invalid="true"]').count(), 1);
  }
  assert.deepEqual(await axeProblems(page), []);
  assert.deepEqual(page.problems.filter((p) => !/status of 4(00|22)/.test(p)), []);
  await page.context().close();
});

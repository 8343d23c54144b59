// Crisis rooms end to end, Arabic first: the police director declares a drill through the form and
// runs its room (situation and severity, roles, a task for the police editor, a decision in the
// timeline); the editor, following the room's address as a notification would, sees it without the
// managers' controls, writes in the timeline and marks the task done; the list and the room fit a
// 390 px phone in Arabic and English with no serious axe-core finding; the director closes the
// drill with its lessons behind a confirmation. No page errors on the way.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  newPage, login, screenshot, useServerAndBrowser, openNav, apiGet, switchLanguage, axeProblems, overflows, networkTomorrow, PHONE,
} from './harness.mjs';

let server, browser;
useServerAndBrowser((s, b) => { server = s; browser = b; });

const PASSWORD = 'sawt-demo-2026';
const TITLE_AR = 'تمرين: أمطار غزيرة على الطرق الرئيسية';
const TITLE_EN = 'Drill: heavy rain on the main roads';
const TASK_AR = 'إعداد بيان تحذيري للسائقين';
const ARABIC_DIGIT = /[\u0660-\u0669]/;

let crisisId = null;

/** Waits until the page's main region has drawn (its h1 is there and it is not busy). */
async function settled(page) {
  await page.waitForFunction(() => document.querySelector('main')?.getAttribute('aria-busy') === 'false' && document.querySelector('main h1'));
}

/** A new page signed in as `user` (demo password) on the drill's room, as a notification leads there. */
async function openRoom(user, options) {
  assert.ok(crisisId, 'the drill was declared');
  const page = await newPage(browser, options);
  await login(page, user, PASSWORD, server.url);
  await page.evaluate((id) => { location.hash = `#/crises/${id}`; }, crisisId);
  await page.getByTestId('crisis-room').waitFor();
  return { page, room: page.getByTestId('crisis-room') };
}

async function member(page, login) {
  const members = await apiGet(page, '/api/v1/members?limit=200');
  const found = members.items.find((m) => m.login === login);
  assert.ok(found, `${login} is a member`);
  return found;
}

test('the police director declares a drill and runs its room', async () => {
  const page = await newPage(browser);
  await login(page, 'police.director', PASSWORD, server.url);
  await (await openNav(page, 'crises')).click();
  await page.getByTestId('crisis-list').waitFor();

  await page.getByTestId('crisis-declare').click();
  const form = page.getByTestId('crisis-declare-form');
  await form.waitFor();
  // Nothing chosen yet: the form says what is missing beside the field.
  await page.getByTestId('crisis-declare-submit').click();
  assert.match(await page.locator('#crisis-kind-error').textContent(), /[\u0600-\u06ff]/);

  const entities = await apiGet(page, '/api/v1/entities?limit=200');
  const police = entities.items.find((e) => e.code === 'police');
  const rta = entities.items.find((e) => e.code === 'rta');
  await form.locator('#crisis-kind-drill').check();
  await page.getByTestId('crisis-crisis_type').selectOption('weather');
  await page.getByTestId('crisis-severity').selectOption('severe');
  assert.equal(await page.getByTestId('crisis-lead_entity_id').inputValue(), String(police.id), 'the entity before its departments');
  await page.getByTestId('crisis-title_ar').fill(TITLE_AR);
  await page.getByTestId('crisis-title_en').fill(TITLE_EN);
  await page.getByTestId('crisis-situation_ar').fill('أمطار غزيرة متوقعة خلال الساعات القادمة.');
  if (rta) await form.locator(`#crisis-affected-${rta.id}`).check();
  await page.getByTestId('crisis-declare-submit').click();

  const room = page.getByTestId('crisis-room');
  await room.waitFor();
  crisisId = await room.getAttribute('data-id');
  assert.equal(await page.evaluate(() => location.hash), `#/crises/${crisisId}`);
  assert.equal(await room.getAttribute('data-kind'), 'drill');
  assert.equal(await page.getByTestId('crisis-title').textContent(), TITLE_AR);
  await page.getByTestId('crisis-drill-note').waitFor();
  assert.equal(await room.getByTestId('crisis-severity').getAttribute('data-severity'), 'severe');
  assert.match(await room.getByTestId('crisis-severity').textContent(), /٣/, 'the level in the page digits');
  assert.equal(await room.getByTestId('crisis-status').getAttribute('data-status'), 'active');
  assert.match(await page.locator('.crisis-head time').first().textContent(), ARABIC_DIGIT);
  assert.equal(await room.locator('[data-testid="crisis-role"][data-role="lead"]').count(), 1, 'the declarer leads');
  assert.equal(await room.locator('[data-testid="timeline-entry"][data-kind="declared"]').count(), 1);

  // The situation and the severity.
  await page.getByTestId('crisis-situation-edit').click();
  await page.getByTestId('situation-severity').selectOption('extreme');
  await page.getByTestId('situation-en').fill('Heavy rain expected over the coming hours.');
  await page.getByTestId('situation-save').click();
  await room.locator('[data-testid="crisis-severity"][data-severity="extreme"]').waitFor();
  assert.match(await page.getByTestId('crisis-situation-status').textContent(), /[\u0600-\u06ff]/);

  // The room: the spokesperson joins.
  const spokesperson = await member(page, 'police.spokesperson');
  await page.getByTestId('crisis-roles-edit').click();
  await page.getByTestId('role-add').click();
  await page.getByTestId('role-member').last().selectOption(String(spokesperson.id));
  await page.getByTestId('role-role').last().selectOption('spokesperson');
  await page.getByTestId('roles-save').click();
  await room.locator(`[data-testid="crisis-role"][data-role="spokesperson"][data-account="${spokesperson.id}"]`).waitFor();

  // A task for the police editor, due tomorrow morning in the network's time.
  const editor = await member(page, 'police.editor');
  await page.getByTestId('task-add').click();
  assert.equal(await page.locator('#task-title-ar').getAttribute('aria-invalid'), 'true', 'a missing title is marked');
  await page.getByTestId('task-title-ar').fill(TASK_AR);
  await page.getByTestId('task-title-en').fill('Prepare a warning statement for drivers');
  await page.getByTestId('task-owner').selectOption(String(editor.id));
  await page.getByTestId('task-due').fill(`${networkTomorrow()}T09:00`);
  await page.getByTestId('task-add').click();
  const task = room.getByTestId('crisis-task').filter({ hasText: TASK_AR });
  await task.waitFor();
  assert.equal(await task.getAttribute('data-status'), 'open');
  assert.match(await task.textContent(), ARABIC_DIGIT);
  assert.equal(await page.getByTestId('task-title-ar').inputValue(), '', 'the form is ready for the next task');

  // A decision in the timeline: newest first.
  await page.locator('#entry-kind-decision').check();
  await page.getByTestId('entry-text-ar').fill('تفعيل خطة التواصل مع السائقين عبر جميع القنوات.');
  await page.getByTestId('entry-submit').click();
  await room.locator('[data-testid="timeline-entry"][data-kind="decision"]').waitFor();
  assert.equal(await room.getByTestId('timeline-entry').first().getAttribute('data-kind'), 'decision');
  assert.equal(await room.getByTestId('timeline-entry').last().getAttribute('data-kind'), 'declared');

  // In English, in place.
  await switchLanguage(page, 'en');
  assert.equal(await page.getByTestId('crisis-title').textContent(), TITLE_EN);
  assert.equal(await page.getByTestId('crisis-kind').textContent(), 'Drill');
  await switchLanguage(page, 'ar');
  await screenshot(page, 'crisis-room-ar');

  // The list: the drill, marked as such, among the active ones.
  await page.getByRole('link', { name: /العودة إلى الأزمات/ }).click();
  const row = page.locator(`[data-testid="crisis-item"][data-id="${crisisId}"]`);
  await row.waitFor();
  assert.equal(await row.getAttribute('data-status'), 'active');
  assert.equal(await row.getByTestId('crisis-kind').getAttribute('data-kind'), 'drill');
  await screenshot(page, 'crisis-list-ar');
  assert.deepEqual(page.problems, []);
});

test('the police editor follows the room, writes in it and marks the task done', async () => {
  const { page, room } = await openRoom('police.editor');
  await page.getByTestId('crisis-readonly').waitFor();
  for (const control of ['crisis-situation-edit', 'crisis-roles-edit', 'task-form', 'crisis-close', 'task-cancel']) {
    assert.equal(await page.getByTestId(control).count(), 0, `${control} is for the room's managers`);
  }
  // An editor of the lead entity contributes to the timeline.
  await page.getByTestId('entry-text-en').fill('Traffic cameras show water on the coastal road.');
  await page.locator('#entry-kind-signal').check();
  await page.getByTestId('entry-submit').click();
  await room.locator('[data-testid="timeline-entry"][data-kind="signal"]').waitFor();

  const task = room.getByTestId('crisis-task').filter({ hasText: TASK_AR });
  await task.getByTestId('task-done').click();
  await room.locator('[data-testid="crisis-task"][data-status="done"]').waitFor();
  await room.locator('[data-testid="timeline-entry"][data-kind="task_done"]').waitFor();
  assert.deepEqual(page.problems, []);
});

for (const lang of ['ar', 'en']) {
  test(`the list, the declaration form and the room fit a phone (${lang})`, async () => {
    assert.ok(crisisId, 'the drill was declared');
    const page = await newPage(browser, { locale: lang, viewport: PHONE });
    await login(page, 'police.director', PASSWORD, server.url);
    await switchLanguage(page, lang);
    const pages = { '#/crises': 'crisis-list', '#/crises/new': 'crisis-declare-form', [`#/crises/${crisisId}`]: 'crisis-room' };
    for (const [hash, testid] of Object.entries(pages)) {
      await page.evaluate((h) => { location.hash = h; }, hash);
      await page.getByTestId(testid).waitFor();
      await settled(page);
      if (testid === 'crisis-room') {
        await page.getByTestId('crisis-roles-edit').click(); // the roles form open too
        await page.getByTestId('roles-form').waitFor();
      }
      assert.equal(await overflows(page), false, `${hash} scrolls sideways (${lang})`);
      assert.deepEqual(await axeProblems(page), [], `${hash} (${lang})`);
      await screenshot(page, `crisis-${hash.replace(/\W+/g, '-')}-${lang}-phone`);
    }
    assert.deepEqual(page.problems, []);
  });
}

test('the director closes the drill with its lessons, behind a confirmation', async () => {
  const { page, room } = await openRoom('police.director');
  await page.getByTestId('crisis-close').click();
  await page.getByTestId('close-lessons-ar').fill('تأخر التنسيق مع هيئة الطرق عشر دقائق.');
  await page.getByTestId('close-submit').click();
  // Cancelling the confirmation keeps the room open.
  await page.getByTestId('close-dialog-cancel').click();
  assert.equal(await room.getAttribute('data-status'), 'active');
  await page.getByTestId('close-submit').click();
  await page.getByTestId('close-dialog-confirm').click();
  await page.locator('[data-testid="crisis-room"][data-status="closed"]').waitFor();
  assert.match(await page.getByTestId('crisis-lessons-text').textContent(), /عشر دقائق/);
  assert.equal(await page.locator('[data-testid="crisis-room"] [data-testid="timeline-entry"][data-kind="closed"]').count(), 1);
  for (const control of ['crisis-situation-edit', 'crisis-roles-edit', 'task-form', 'entry-form', 'crisis-close']) {
    assert.equal(await page.getByTestId(control).count(), 0, `${control} once closed`);
  }
  await page.setViewportSize(PHONE);
  assert.equal(await overflows(page), false);
  assert.deepEqual(await axeProblems(page), []);

  await page.evaluate(() => { location.hash = '#/crises'; });
  await page.getByTestId('crisis-filter-status').selectOption('closed');
  await page.locator(`[data-testid="crisis-item"][data-id="${crisisId}"][data-status="closed"]`).waitFor();
  assert.deepEqual(page.problems, []);
});

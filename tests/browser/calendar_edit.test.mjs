// The calendar's editing flows against the demo week (the Monday after `sawt demo` ran): editing an
// entry moves its chip and updates the conflicts (and back again); a stale save and a stale delete
// (412, two pages on the same entry) offer a reload that shows the other page's change; Escape
// closes the side panel and gives focus back to the chip; a network admin declares and lifts a
// network-wide blackout; an entity admin declares one for their own entity only; the conflict
// window (96 h) makes two high-importance items more than 48 h apart conflict, and back to 48 h.
//
// Each test leaves the demo week as it found it: the RTA/police conflict on Tuesday is the only one.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, login, screenshot, apiGet, useServerAndBrowser, chooseAction } from './harness.mjs';

const PASSWORD = 'sawt-demo-2026';
const RTA_AR = 'إطلاق خطة تطوير شبكة الطرق 2030';
const POLICE_AR = 'إعلان إحصاءات السلامة المرورية السنوية';
const FORUM_AR = 'ملتقى رواد الأعمال الرقميين';
const FLAG_DAY_AR = 'يوم العلم';
let server, browser;
useServerAndBrowser((s, b) => { server = s; browser = b; });

/** Opens the calendar, switches to the week view and goes to the demo week; returns its Monday. */
async function openDemoWeek(page) {
  await page.getByTestId('nav-calendar').click();
  await page.getByTestId('calendar').waitFor();
  await page.getByTestId('calendar-view-week').click();
  await page.waitForFunction(() => location.hash.startsWith('#/calendar/week/'));
  const before = await page.evaluate(() => location.hash);
  await page.getByTestId('calendar-next').click();
  await page.waitForFunction((h) => location.hash !== h, before);
  const monday = (await page.evaluate(() => location.hash)).split('/')[3].slice(0, 10);
  await idle(page);
  await page.locator('[data-testid="calendar-item"]').first().waitFor();
  return monday;
}

/** Waits until the grid is not loading. */
function idle(page) {
  return page.locator('[data-testid="calendar"]:not([aria-busy])').waitFor();
}

function addDays(day, n) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The demo week's items by Arabic title (from the API, so the uids are the grid's). */
async function demoItems(page, monday) {
  const view = await apiGet(page, `/api/v1/calendar?from=${monday}&to=${addDays(monday, 6)}`);
  const find = (title) => view.items.find((i) => i.title_ar === title);
  return { rta: find(RTA_AR), police: find(POLICE_AR), forum: find(FORUM_AR), flag: find(FLAG_DAY_AR), view };
}

const chipOf = (page, uid) => page.locator(`[data-testid="calendar-item"][data-uid="${uid}"]`);

/** The date of the grid column a (timed) chip is in. */
function dayOfChip(page, uid) {
  return page.evaluate((u) => {
    const chip = document.querySelector(`[data-testid="calendar-item"][data-uid="${u}"]`);
    if (!chip) return null;
    const cell = chip.closest('.cal-items, .cal-bar-cell');
    const column = cell.style.getPropertyValue('grid-column').split('/')[0].trim();
    const head = [...cell.closest('.cal-week').querySelectorAll('[data-testid="calendar-day"]')]
      .find((d) => d.style.getPropertyValue('grid-column').split('/')[0].trim() === column);
    return head?.dataset.date ?? null;
  }, uid);
}

/** Waits for the conflicts panel to list n conflicts (0: the "none" note). */
async function conflictCount(page, n) {
  await idle(page);
  if (n === 0) await page.getByTestId('calendar-conflicts-none').waitFor();
  else await page.waitForFunction((k) => document.querySelectorAll('[data-testid="calendar-conflict"]').length === k, n);
}

/** Fills the open entry form's title, local start date/time and importance, then saves. */
async function fillAndSave(page, { titleAr, date, time, importance }) {
  const form = page.getByTestId('calendar-form');
  await form.waitFor();
  if (titleAr !== undefined) await page.getByTestId('calendar-form-title-ar').fill(titleAr);
  if (date !== undefined) await page.getByTestId('calendar-form-start-date').fill(date);
  if (time !== undefined) await page.getByTestId('calendar-form-start-time').fill(time);
  if (importance !== undefined) await page.getByTestId('calendar-form-importance').selectOption(importance);
  await page.getByTestId('calendar-form-save').click();
}

/** Opens an entry's detail from its chip and waits until it can be edited. */
async function openEntry(page, uid) {
  await chipOf(page, uid).click();
  const detail = page.locator(`[data-testid="calendar-detail"][data-uid="${uid}"]`);
  await detail.waitFor();
  await page.locator('[data-testid="calendar-edit"]:not([disabled])').waitFor();
  return detail;
}

const only412 = (problems) => problems.filter((p) => !/status of 412/.test(p));

test('editing an entry moves its chip and updates the conflicts, and back again', async () => {
  const page = await newPage(browser);
  await login(page, 'police.editor', PASSWORD, server.url);
  const monday = await openDemoWeek(page);
  const tuesday = addDays(monday, 1);
  const thursday = addDays(monday, 3);
  const { rta, police } = await demoItems(page, monday);
  assert.equal(await dayOfChip(page, police.uid), tuesday);
  await conflictCount(page, 1);

  // Another title, Thursday 10:00, normal importance: no longer in conflict with the RTA.
  await openEntry(page, police.uid);
  await page.getByTestId('calendar-edit').click();
  await page.getByTestId('calendar-form').waitFor();
  assert.equal(await page.getByTestId('calendar-form-title-ar').inputValue(), POLICE_AR);
  assert.equal(await page.getByTestId('calendar-form-start-date').inputValue(), tuesday);
  assert.equal(await page.getByTestId('calendar-form-importance').inputValue(), 'high');
  assert.equal(await page.getByTestId('calendar-form-entity-id').isDisabled(), true, 'the owner of an entry does not change');
  const originalTime = await page.getByTestId('calendar-form-start-time').inputValue();
  const moved = `${POLICE_AR} (مؤجل)`;
  await fillAndSave(page, { titleAr: moved, date: thursday, time: '10:00', importance: 'normal' });

  await page.getByTestId('calendar-warnings-none').waitFor();
  assert.match(await page.getByTestId('calendar-detail-status').textContent(), /./);
  assert.equal(await page.locator('[data-testid="calendar-detail"] h2').textContent(), moved);
  await conflictCount(page, 0);
  await page.waitForFunction((u) => document.querySelector(`[data-testid="calendar-item"][data-uid="${u}"]`)?.dataset.importance === 'normal', police.uid);
  assert.equal(await dayOfChip(page, police.uid), thursday);
  assert.match(await chipOf(page, police.uid).textContent(), /مؤجل/);
  assert.equal(await chipOf(page, police.uid).getAttribute('data-conflict'), null);
  assert.equal(await chipOf(page, rta.uid).getAttribute('data-conflict'), null);
  await screenshot(page, 'calendar-edit-moved-ar');

  // Back: Tuesday, high importance: the warning names the RTA announcement at once.
  await openEntry(page, police.uid);
  await page.getByTestId('calendar-edit').click();
  await fillAndSave(page, { titleAr: POLICE_AR, date: tuesday, time: originalTime, importance: 'high' });
  await page.getByTestId('calendar-warnings').waitFor();
  const warnings = await page.getByTestId('calendar-warning').allTextContents();
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.ok(warnings[0].includes(RTA_AR) && warnings[0].includes(POLICE_AR), warnings[0]);
  assert.equal(await page.getByTestId('calendar-warning').getAttribute('data-rule'), 'window');
  await conflictCount(page, 1);
  await page.waitForFunction((u) => document.querySelector(`[data-testid="calendar-item"][data-uid="${u}"]`)?.dataset.conflict === 'true', police.uid);
  assert.equal(await dayOfChip(page, police.uid), tuesday);
  assert.equal(await chipOf(page, rta.uid).getAttribute('data-conflict'), 'true');
  assert.deepEqual(page.problems, []);
});

test('a stale save offers a reload that shows the other page\'s change', async () => {
  const first = await newPage(browser);
  const second = await newPage(browser);
  await login(first, 'police.editor', PASSWORD, server.url);
  await login(second, 'police.director', PASSWORD, server.url);
  const monday = await openDemoWeek(first);
  await openDemoWeek(second);
  const { police } = await demoItems(first, monday);

  // Both open the form on the same version.
  for (const page of [first, second]) {
    await openEntry(page, police.uid);
    await page.getByTestId('calendar-edit').click();
    await page.getByTestId('calendar-form').waitFor();
  }
  const firstTitle = `${POLICE_AR} — نسخة أولى`;
  await fillAndSave(first, { titleAr: firstTitle });
  await first.getByTestId('calendar-detail-status').waitFor();

  await fillAndSave(second, { titleAr: `${POLICE_AR} — نسخة ثانية` });
  const stale = second.getByTestId('calendar-stale');
  await stale.waitFor();
  assert.equal(await second.evaluate(() => document.activeElement.dataset.testid), 'calendar-stale-reload');
  await screenshot(second, 'calendar-stale-save-ar');
  await second.getByTestId('calendar-stale-reload').click();
  // The form again, with the first page's title; the chip shows it too.
  await second.waitForFunction((title) => document.querySelector('[data-testid="calendar-form-title-ar"]')?.value === title, firstTitle);
  await second.waitForFunction(({ u, title }) => document.querySelector(`[data-testid="calendar-item"][data-uid="${u}"]`)?.textContent.includes(title), { u: police.uid, title: firstTitle });
  assert.equal(await second.getByTestId('calendar-stale').count(), 0);

  // Saving the reloaded form now succeeds (restoring the demo title).
  await fillAndSave(second, { titleAr: POLICE_AR });
  await second.getByTestId('calendar-detail-status').waitFor();
  await second.getByTestId('calendar-warnings').waitFor();
  assert.equal(await second.locator('[data-testid="calendar-detail"] h2').textContent(), POLICE_AR);
  assert.deepEqual(first.problems, []);
  assert.deepEqual(only412(second.problems), []);
});

test('a stale delete offers a reload and deletes nothing', async () => {
  const first = await newPage(browser);
  const second = await newPage(browser);
  await login(first, 'police.editor', PASSWORD, server.url);
  await login(second, 'police.director', PASSWORD, server.url);
  const monday = await openDemoWeek(first);
  await openDemoWeek(second);
  const { police } = await demoItems(first, monday);

  await openEntry(second, police.uid);
  await openEntry(first, police.uid);
  await first.getByTestId('calendar-edit').click();
  const changed = `${POLICE_AR} — محدث`;
  await fillAndSave(first, { titleAr: changed });
  await first.getByTestId('calendar-detail-status').waitFor();

  await chooseAction(second, 'calendar-delete');
  await second.getByTestId('calendar-delete-dialog').waitFor();
  await second.getByTestId('calendar-delete-confirm').click();
  await second.getByTestId('calendar-stale').waitFor();
  await second.getByTestId('calendar-stale-reload').click();
  await second.waitForFunction((title) => document.querySelector('[data-testid="calendar-detail"] h2')?.textContent === title, changed);
  await second.waitForFunction(({ u, title }) => document.querySelector(`[data-testid="calendar-item"][data-uid="${u}"]`)?.textContent.includes(title), { u: police.uid, title: changed });
  assert.equal(await second.getByTestId('calendar-stale').count(), 0);
  const entry = await apiGet(second, `/api/v1/calendar/entries/${police.id}`);
  assert.equal(entry.title_ar, changed, 'the entry was not deleted');

  // Restore the demo title from the first page.
  await openEntry(first, police.uid);
  await first.getByTestId('calendar-edit').click();
  await fillAndSave(first, { titleAr: POLICE_AR });
  await first.getByTestId('calendar-warnings').waitFor();
  assert.deepEqual(first.problems, []);
  assert.deepEqual(only412(second.problems), []);
});

test('Escape closes the panel and gives focus back to the chip, also after a save', async () => {
  const page = await newPage(browser);
  await login(page, 'police.editor', PASSWORD, server.url);
  const monday = await openDemoWeek(page);
  const { police, rta } = await demoItems(page, monday);
  const focusedUid = () => page.evaluate(() => document.activeElement?.dataset.uid ?? document.activeElement?.tagName);

  // The detail of an RTA item (read-only for the police): Escape once it has loaded.
  await chipOf(page, rta.uid).focus();
  await page.keyboard.press('Enter');
  await page.locator(`[data-testid="calendar-detail"][data-uid="${rta.uid}"]`).waitFor();
  await page.getByTestId('calendar-detail-conflict').waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('calendar-detail').waitFor({ state: 'detached' });
  assert.equal(await focusedUid(), rta.uid);

  // An entry's detail is read again from the server; Escape still closes it.
  await openEntry(page, police.uid);
  await page.keyboard.press('Escape');
  await page.getByTestId('calendar-detail').waitFor({ state: 'detached' });
  assert.equal(await focusedUid(), police.uid);

  // The form: Escape closes it too.
  await openEntry(page, police.uid);
  await page.getByTestId('calendar-edit').click();
  await page.getByTestId('calendar-form-title-en').focus();
  await page.keyboard.press('Escape');
  await page.getByTestId('calendar-form').waitFor({ state: 'detached' });
  assert.equal(await focusedUid(), police.uid);

  // After a save the grid is painted again: focus goes to the same item's new chip.
  await openEntry(page, police.uid);
  await page.getByTestId('calendar-edit').click();
  await fillAndSave(page, { titleAr: POLICE_AR });
  await page.getByTestId('calendar-warnings').waitFor();
  await idle(page);
  await page.keyboard.press('Escape');
  await page.getByTestId('calendar-detail').waitFor({ state: 'detached' });
  assert.equal(await focusedUid(), police.uid);
  assert.deepEqual(page.problems, []);
});

test('a network admin declares a network-wide blackout on a day with an item and lifts it', async () => {
  const page = await newPage(browser);
  await login(page, 'admin', 'admin-demo', server.url);
  const monday = await openDemoWeek(page);
  const wednesday = addDays(monday, 2);
  const { forum } = await demoItems(page, monday);
  const day = page.locator(`[data-testid="calendar-day"][data-date="${wednesday}"]`);
  assert.equal(await day.getAttribute('data-blackout'), null);
  assert.equal(await chipOf(page, forum.uid).getAttribute('data-conflict'), null);

  await page.getByTestId('calendar-admin-toggle').click();
  await page.getByTestId('calendar-admin').waitFor();
  assert.equal(await page.getByTestId('calendar-admin-toggle').getAttribute('aria-expanded'), 'true');
  const scope = page.getByTestId('calendar-blackout-scope');
  assert.equal(await scope.inputValue(), '', 'network admins declare network-wide blackouts by default');
  const before = await page.getByTestId('calendar-blackout-item').count();

  // Without a reason: refused in the form.
  await page.getByTestId('calendar-blackout-from').fill(wednesday);
  await page.getByTestId('calendar-blackout-save').click();
  assert.match(await page.getByTestId('calendar-blackout-error').textContent(), /./);

  await page.getByTestId('calendar-blackout-reason-ar').fill('حداد رسمي');
  await page.getByTestId('calendar-blackout-reason-en').fill('Official mourning');
  await page.getByTestId('calendar-blackout-save').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="calendar-blackout-item"]').length === n + 1, before);
  assert.match(await page.getByTestId('calendar-admin-status').textContent(), /./);
  assert.equal(await page.getByTestId('calendar-blackout-error').textContent(), '');

  // The day is shaded, the forum is in conflict with the blackout.
  await page.waitForFunction((d) => document.querySelector(`[data-testid="calendar-day"][data-date="${d}"]`)?.dataset.blackout === 'true', wednesday);
  const note = day.getByTestId('calendar-blackout');
  assert.equal(await note.getAttribute('data-scope'), 'network');
  assert.match(await note.textContent(), /حداد رسمي/);
  const id = await note.getAttribute('data-id');
  await page.waitForFunction((u) => document.querySelector(`[data-testid="calendar-item"][data-uid="${u}"]`)?.dataset.conflict === 'true', forum.uid);
  const blackoutConflicts = page.locator(`[data-testid="calendar-conflict"][data-rule="blackout"]`, { hasText: FORUM_AR });
  assert.equal(await blackoutConflicts.count(), 1);
  await chipOf(page, forum.uid).click();
  await page.locator('[data-testid="calendar-detail-conflict"][data-rule="blackout"]').waitFor();
  await screenshot(page, 'calendar-blackout-ar');

  // Lift it (with confirmation): shading and conflict are gone.
  const item = page.locator(`[data-testid="calendar-blackout-item"][data-id="${id}"]`);
  await chooseAction(item, 'calendar-blackout-delete');
  await page.getByTestId('calendar-blackout-dialog').waitFor();
  await page.getByTestId('calendar-blackout-confirm').click();
  await item.waitFor({ state: 'detached' });
  await page.waitForFunction((d) => !document.querySelector(`[data-testid="calendar-day"][data-date="${d}"]`)?.dataset.blackout, wednesday);
  await page.waitForFunction((u) => !document.querySelector(`[data-testid="calendar-item"][data-uid="${u}"]`)?.dataset.conflict, forum.uid);
  await conflictCount(page, 1);
  assert.equal(await page.getByTestId('calendar-blackout-item').count(), before);
  assert.deepEqual(page.problems, []);
});

test('an entity admin declares a blackout for their own entity, never for the whole network', async () => {
  const page = await newPage(browser);
  await login(page, 'police.director', PASSWORD, server.url);
  const monday = await openDemoWeek(page);
  const tuesday = addDays(monday, 1);
  const { police, rta } = await demoItems(page, monday);
  const entities = (await apiGet(page, '/api/v1/entities')).items;
  const policeEntity = entities.find((e) => e.code === 'police');

  await page.getByTestId('calendar-admin-toggle').click();
  await page.getByTestId('calendar-admin').waitFor();
  const scope = page.getByTestId('calendar-blackout-scope');
  const values = await scope.locator('option').evaluateAll((os) => os.map((o) => o.value));
  // Their own entities (the police and the units under it), never "the whole network" ('').
  assert.ok(values.length >= 1 && !values.includes(''), values.join(','));
  assert.equal(await scope.inputValue(), values[0]);
  await scope.selectOption(String(policeEntity.id));
  assert.equal(await page.getByTestId('calendar-window').count(), 0, 'the conflict window is for network admins');
  // The network-wide demo blackout is listed but cannot be lifted by an entity admin.
  const sundayItem = page.getByTestId('calendar-blackout-item').first();
  await sundayItem.waitFor();
  assert.equal(await page.getByTestId('calendar-blackout-delete').count(), 0);

  await page.getByTestId('calendar-blackout-from').fill(tuesday);
  await page.getByTestId('calendar-blackout-reason-ar').fill('جرد سنوي');
  await page.getByTestId('calendar-blackout-reason-en').fill('Annual audit');
  await page.getByTestId('calendar-blackout-save').click();
  const note = page.locator(`[data-testid="calendar-day"][data-date="${tuesday}"] [data-testid="calendar-blackout"]`);
  await note.waitFor();
  assert.equal(await note.getAttribute('data-scope'), 'entity');
  const id = await note.getAttribute('data-id');
  const listed = await apiGet(page, '/api/v1/calendar/blackouts');
  assert.equal(listed.items.find((b) => String(b.id) === id)?.entity_id, policeEntity.id);

  // Only the police announcement is in conflict with it; the RTA's keeps just the window conflict.
  await page.locator('[data-testid="calendar-conflict"][data-rule="blackout"]', { hasText: POLICE_AR }).waitFor();
  assert.equal(await page.locator('[data-testid="calendar-conflict"][data-rule="blackout"]').count(), 1);
  assert.equal(await page.locator('[data-testid="calendar-conflict"][data-rule="blackout"]', { hasText: RTA_AR }).count(), 0);
  assert.equal(await chipOf(page, police.uid).getAttribute('data-conflict'), 'true');
  await screenshot(page, 'calendar-entity-blackout-ar');

  const item = page.locator(`[data-testid="calendar-blackout-item"][data-id="${id}"]`);
  await chooseAction(item, 'calendar-blackout-delete');
  await page.getByTestId('calendar-blackout-confirm').click();
  await item.waitFor({ state: 'detached' });
  await note.waitFor({ state: 'detached' });
  await conflictCount(page, 1);
  assert.equal(await page.locator('[data-testid="calendar-conflict"][data-rule="blackout"]').count(), 0);
  assert.deepEqual(page.problems, []);
});

test('a wider conflict window (96 h) makes Flag Day conflict with the Tuesday announcements; back to 48 h', async () => {
  const page = await newPage(browser);
  await login(page, 'admin', 'admin-demo', server.url);
  const monday = await openDemoWeek(page);
  const { flag, rta, police } = await demoItems(page, monday);
  assert.ok(flag, 'the demo week holds Flag Day');
  await conflictCount(page, 1);
  assert.equal(await chipOf(page, flag.uid).getAttribute('data-conflict'), null);

  await page.getByTestId('calendar-admin-toggle').click();
  const hours = page.getByTestId('calendar-window');
  await hours.waitFor();
  assert.equal(await hours.inputValue(), '48');
  await hours.fill('96');
  await page.getByTestId('calendar-window-save').click();
  await page.waitForFunction(() => /\S/.test(document.querySelector('[data-testid="calendar-window-status"]')?.textContent || ''));

  // Flag Day (Friday, high, public) is now less than 96 h after both Tuesday announcements.
  await conflictCount(page, 3);
  for (const other of [rta, police]) {
    const c = page.locator('[data-testid="calendar-conflict"][data-rule="window"]').filter({ hasText: FLAG_DAY_AR }).filter({ hasText: other.title_ar });
    assert.equal(await c.count(), 1, other.title_ar);
    assert.ok((await c.getAttribute('data-uids')).split(' ').includes(flag.uid));
  }
  assert.equal(await chipOf(page, flag.uid).getAttribute('data-conflict'), 'true');
  assert.match(await page.getByTestId('calendar-status').textContent(), /96|٩٦/);
  await screenshot(page, 'calendar-window-96-ar');

  // A second save without reloading the form uses the version the first save returned.
  await hours.fill('48');
  await page.getByTestId('calendar-window-save').click();
  await conflictCount(page, 1);
  await page.waitForFunction((u) => !document.querySelector(`[data-testid="calendar-item"][data-uid="${u}"]`)?.dataset.conflict, flag.uid);
  assert.equal((await apiGet(page, '/api/v1/calendar/settings')).conflict_window_hours, 48);
  assert.equal(await page.getByTestId('calendar-window-stale').count(), 0);
  assert.deepEqual(page.problems, []);
});

test('two admins change the conflict window at once: the second gets a 412 notice and the reload shows the first\'s value', async () => {
  const first = await newPage(browser);
  const second = await newPage(browser);
  for (const page of [first, second]) {
    await login(page, 'admin', 'admin-demo', server.url);
    await openDemoWeek(page);
    await page.getByTestId('calendar-admin-toggle').click();
    await page.getByTestId('calendar-window').waitFor();
  }
  await first.getByTestId('calendar-window').fill('72');
  await first.getByTestId('calendar-window-save').click();
  await first.waitForFunction(() => /\S/.test(document.querySelector('[data-testid="calendar-window-status"]')?.textContent || ''));

  await second.getByTestId('calendar-window').fill('60');
  await second.getByTestId('calendar-window-save').click();
  await second.getByTestId('calendar-window-stale').waitFor();
  await second.getByTestId('calendar-window-stale-reload').click();
  await second.waitForFunction(() => document.querySelector('[data-testid="calendar-window"]')?.value === '72');
  assert.equal(await second.getByTestId('calendar-window-stale').count(), 0);

  // Out of range (1–336): the server's problem is shown by the field, nothing changes.
  await second.getByTestId('calendar-window').fill('400');
  await second.getByTestId('calendar-window-save').click();
  await second.waitForFunction(() => /\S/.test(document.querySelector('[data-testid="calendar-window-error"]')?.textContent || ''));
  assert.equal((await apiGet(second, '/api/v1/calendar/settings')).conflict_window_hours, 72);

  await second.getByTestId('calendar-window').fill('48');
  await second.getByTestId('calendar-window-save').click();
  await second.waitForFunction(() => /\S/.test(document.querySelector('[data-testid="calendar-window-status"]')?.textContent || ''));
  assert.equal(await second.getByTestId('calendar-window-error').textContent(), '');
  assert.equal((await apiGet(second, '/api/v1/calendar/settings')).conflict_window_hours, 48);
  await conflictCount(second, 1);
  assert.deepEqual(first.problems, []);
  assert.deepEqual(second.problems.filter((p) => !/status of (412|400|422)/.test(p)), []);
});

test('saving an entry another page has deleted says so, and the chip goes away', async () => {
  const first = await newPage(browser);
  const second = await newPage(browser);
  await login(first, 'police.editor', PASSWORD, server.url);
  await login(second, 'police.director', PASSWORD, server.url);
  const monday = await openDemoWeek(first);
  await openDemoWeek(second);
  const stamp = Date.now().toString(36);

  // The first page plans an entry on Thursday; the second sees it and opens its form.
  await first.getByTestId('calendar-new').click();
  await fillAndSave(first, { titleAr: `إحاطة إعلامية ${stamp}`, date: addDays(monday, 3), time: '11:00' });
  await first.getByTestId('calendar-detail-status').waitFor();
  const uid = await first.getByTestId('calendar-detail').getAttribute('data-uid');
  await second.getByTestId('calendar-next').click();
  await second.getByTestId('calendar-prev').click();
  await idle(second);
  await chipOf(second, uid).waitFor();
  await openEntry(second, uid);
  await second.getByTestId('calendar-edit').click();

  await chooseAction(first, 'calendar-delete');
  await first.getByTestId('calendar-delete-confirm').click();
  await chipOf(first, uid).waitFor({ state: 'detached' });

  // The server answers 404: the form says the entry is gone and the grid drops its chip.
  await fillAndSave(second, { titleAr: `إحاطة إعلامية ${stamp} (2)` });
  await second.waitForFunction(() => /\S/.test(document.querySelector('[data-testid="calendar-form-error"]')?.textContent || ''));
  await chipOf(second, uid).waitFor({ state: 'detached' });
  assert.equal(await second.getByTestId('calendar-stale').count(), 0);
  await screenshot(second, 'calendar-deleted-meanwhile-ar');
  assert.deepEqual(first.problems, []);
  assert.deepEqual(second.problems.filter((p) => !/status of 404/.test(p)), []);
});

test('on a device in Los Angeles the calendar keeps the network\'s days and hours (Asia/Dubai)', async () => {
  const page = await newPage(browser, { timezoneId: 'America/Los_Angeles' });
  await login(page, 'police.editor', PASSWORD, server.url);
  const monday = await openDemoWeek(page);
  const { police, view } = await demoItems(page, monday);
  // 09:00 on Thursday in Dubai is 21:00 on Wednesday in Los Angeles: the chip stays on Thursday.
  const inspection = view.items.find((i) => i.title_en === 'Annual school inspection results');
  assert.ok(inspection, 'the demo week holds the school inspection results');
  assert.equal(await dayOfChip(page, inspection.uid), addDays(monday, 3));
  assert.equal(await dayOfChip(page, police.uid), addDays(monday, 1));
  assert.match(await page.getByTestId('calendar-status').textContent(), /الخليج/);
  // The form shows and saves the network's day and hour.
  await openEntry(page, police.uid);
  await page.getByTestId('calendar-edit').click();
  await page.getByTestId('calendar-form').waitFor();
  assert.equal(await page.getByTestId('calendar-form-start-date').inputValue(), addDays(monday, 1));
  assert.equal(await page.getByTestId('calendar-form-start-time').inputValue(), '12:00');
  assert.deepEqual(page.problems, []);
});

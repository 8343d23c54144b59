// The shared calendar (#/calendar) against the demo week (the Monday after `sawt demo` ran): the
// one conflict (RTA and police road announcements on Tuesday morning) in the panel and on both
// chips, the Sunday blackout shaded, Monday on the right in Arabic; a new high-importance
// announcement shows its conflict warnings at once and can be deleted; an entity filter narrows
// the grid, lives in the hash and the ICS export carries the same items (read back by ical.js).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { newPage, login, screenshot, apiGet, switchLanguage, useServerAndBrowser, chooseAction } from './harness.mjs';

const PASSWORD = 'sawt-demo-2026';
const RTA_AR = 'إطلاق خطة تطوير شبكة الطرق 2030';
const POLICE_AR = 'إعلان إحصاءات السلامة المرورية السنوية';
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
  await page.locator('[data-testid="calendar"]:not([aria-busy])').waitFor();
  await page.locator('[data-testid="calendar-item"]').first().waitFor();
  return monday;
}

function addDays(day, n) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

async function centreX(locator) {
  const box = await locator.boundingBox();
  return box.x + box.width / 2;
}

test('the demo week: one conflict of the two road announcements, the Sunday blackout, Monday on the right', async () => {
  const page = await newPage(browser);
  await login(page, 'police.editor', PASSWORD, server.url);
  const monday = await openDemoWeek(page);
  const view = await apiGet(page, `/api/v1/calendar?from=${monday}&to=${addDays(monday, 6)}`);
  const rta = view.items.find((i) => i.title_ar === RTA_AR);
  const police = view.items.find((i) => i.title_ar === POLICE_AR);
  assert.ok(rta && police, 'the demo week holds both road announcements');

  // The week is named as one range in words, the shared month and year said once ("٧–١٣ ديسمبر ٢٠٢٦").
  const range = (lang) => new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .formatRange(new Date(`${monday}T00:00:00Z`), new Date(`${addDays(monday, 6)}T00:00:00Z`));
  const spaces = (text) => text.replace(/\s+/gu, ' ').trim();
  assert.equal(spaces(await page.getByTestId('calendar-period').textContent()), spaces(`أسبوع ${range('ar-u-nu-arab')}`));

  // Exactly one conflict, naming both announcements, in the current language (Arabic).
  const conflicts = page.getByTestId('calendar-conflict');
  assert.equal(await conflicts.count(), 1);
  const message = await conflicts.first().textContent();
  assert.ok(message.includes(RTA_AR) && message.includes(POLICE_AR), message);
  for (const item of [rta, police]) {
    assert.equal(await page.locator(`[data-testid="calendar-item"][data-uid="${item.uid}"]`).getAttribute('data-conflict'), 'true');
  }
  assert.equal(await page.locator('[data-testid="calendar-item"][data-conflict="true"]').count(), 2);
  // Every demo item of the week is on the grid.
  for (const item of view.items) {
    assert.ok(await page.locator(`[data-testid="calendar-item"][data-uid="${item.uid}"]`).count() > 0, item.uid);
  }

  // The Sunday is shaded as a blackout, with its reason.
  const sunday = page.locator(`[data-testid="calendar-day"][data-date="${addDays(monday, 6)}"]`);
  assert.equal(await sunday.getAttribute('data-blackout'), 'true');
  assert.match(await sunday.getByTestId('calendar-blackout').textContent(), /صمت إعلامي/);
  assert.equal(await page.locator('[data-testid="calendar-day"][data-blackout="true"]').count(), 1);

  // Right to left: Monday's column is right of Tuesday's.
  const day = (d) => page.locator(`[data-testid="calendar-day"][data-date="${d}"]`);
  assert.ok(await centreX(day(monday)) > await centreX(day(addDays(monday, 1))), 'Monday is right of Tuesday in Arabic');

  // Choosing the conflict marks both chips and moves focus to the first.
  await conflicts.first().click();
  assert.equal(await page.locator('[data-testid="calendar-item"].focused').count(), 2);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'calendar-item');
  await screenshot(page, 'calendar-week-ar');

  // The detail of an item shows its time and its conflict.
  await page.locator(`[data-testid="calendar-item"][data-uid="${police.uid}"]`).click();
  const detail = page.getByTestId('calendar-detail');
  await detail.getByTestId('calendar-detail-conflict').waitFor();
  assert.equal(await detail.locator('h2').textContent(), POLICE_AR);

  // Keyboard: arrow keys move between days in the reading direction (left = next day in Arabic).
  await day(monday).focus();
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.date), addDays(monday, 1));

  await switchLanguage(page, 'en');
  await page.locator('[data-testid="calendar-conflict"]', { hasText: 'Launch of the 2030 road network plan' }).waitFor();
  assert.match(await page.getByTestId('calendar-conflict').textContent(), /Annual road safety statistics/);
  assert.ok(await centreX(day(monday)) < await centreX(day(addDays(monday, 1))), 'Monday is left of Tuesday in English');
  assert.equal(spaces(await page.getByTestId('calendar-period').textContent()), spaces(`Week of ${range('en')}`));
  await screenshot(page, 'calendar-week-en');

  await page.getByTestId('calendar-view-month').click();
  await page.waitForFunction(() => location.hash.startsWith('#/calendar/month/'));
  await page.locator('[data-testid="calendar"].view-month:not([aria-busy])').waitFor();
  await screenshot(page, 'calendar-month-en');
  await switchLanguage(page, 'ar');
  await page.locator('[data-testid="calendar"].view-month').waitFor();
  await screenshot(page, 'calendar-month-ar');
  assert.deepEqual(page.problems, []);
});

test('an editor plans a high-importance announcement and sees the conflict warning at once', async () => {
  const page = await newPage(browser);
  await login(page, 'police.editor', PASSWORD, server.url);
  const monday = await openDemoWeek(page);
  const wednesday = addDays(monday, 2);
  const stamp = Date.now().toString(36);
  const titleAr = `مؤتمر صحفي عن السلامة ${stamp}`;

  await page.getByTestId('calendar-new').click();
  const form = page.getByTestId('calendar-form');
  await form.waitFor();
  await page.getByTestId('calendar-form-title-ar').fill(titleAr);
  await page.getByTestId('calendar-form-title-en').fill(`Safety press conference ${stamp}`);
  await page.getByTestId('calendar-form-start-date').fill(wednesday);
  await page.getByTestId('calendar-form-start-time').fill('09:00');
  await page.getByTestId('calendar-form-importance').selectOption('high');
  await page.getByTestId('calendar-form-audience').selectOption('public');
  await page.getByTestId('calendar-form-kind').selectOption('announcement');
  await page.getByTestId('calendar-form-save').click();

  // Saved, with the conflicts the server found listed right away (warnings, not refusals).
  const warnings = page.getByTestId('calendar-warnings');
  await warnings.waitFor();
  assert.equal(await warnings.getAttribute('role'), 'alert');
  const texts = await page.getByTestId('calendar-warning').allTextContents();
  assert.ok(texts.length >= 1);
  assert.ok(texts.some((x) => x.includes(titleAr) && (x.includes(RTA_AR) || x.includes(POLICE_AR))), texts.join('\n'));
  const chip = page.locator('[data-testid="calendar-item"][data-conflict="true"]', { hasText: stamp });
  await chip.waitFor();
  await screenshot(page, 'calendar-warning-ar');

  // Delete it again (with confirmation).
  await chip.click();
  await chooseAction(page, 'calendar-delete');
  await page.getByTestId('calendar-delete-dialog').waitFor();
  await page.getByTestId('calendar-delete-confirm').click();
  await chip.waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('calendar-conflict').count(), 1);
  assert.deepEqual(page.problems, []);
});

test('an entity filter narrows the items, stays in the hash, and the ICS export carries them', async () => {
  const page = await newPage(browser);
  await login(page, 'police.editor', PASSWORD, server.url);
  const monday = await openDemoWeek(page);
  const all = await page.getByTestId('calendar-item').count();
  const entities = (await apiGet(page, '/api/v1/entities')).items;
  const police = entities.find((e) => e.code === 'police');

  await page.getByTestId('calendar-filter-entity').selectOption(String(police.id));
  await page.waitForFunction((id) => location.hash.includes(`entity_id=${id}`), police.id);
  await page.locator('[data-testid="calendar"]:not([aria-busy])').waitFor();
  await page.locator('[data-testid="calendar-item"]', { hasText: POLICE_AR }).waitFor();
  await page.waitForFunction(() => ![...document.querySelectorAll('[data-testid="calendar-item"]')].some((c) => c.textContent.includes('إطلاق خطة')));
  const filtered = await page.getByTestId('calendar-item').count();
  assert.ok(filtered < all, `${filtered} < ${all}`);

  // The filtered calendar is bookmarkable: opening the hash again shows the same filter.
  const hash = await page.evaluate(() => location.hash);
  const again = await newPage(browser);
  await login(again, 'police.editor', PASSWORD, server.url);
  await again.goto(`${server.url}/${hash}`);
  await again.locator('[data-testid="calendar"]:not([aria-busy])').waitFor();
  assert.equal(await again.getByTestId('calendar-filter-entity').inputValue(), String(police.id));
  assert.equal(await again.getByTestId('calendar-item').count(), filtered);

  // Export: the link carries the filter, the period and the language; the file is text/calendar.
  const href = await page.getByTestId('calendar-export').getAttribute('href');
  const url = new URL(href, server.url);
  assert.equal(url.pathname, '/api/v1/calendar.ics');
  assert.equal(url.searchParams.get('entity_id'), String(police.id));
  assert.equal(url.searchParams.get('from'), monday);
  assert.equal(url.searchParams.get('lang'), 'ar');
  const ics = await page.evaluate(async (h) => {
    const res = await fetch(h);
    return { status: res.status, type: res.headers.get('Content-Type'), text: await res.text() };
  }, href);
  assert.equal(ics.status, 200);
  assert.match(ics.type, /^text\/calendar/);
  const unfolded = ics.text.replace(/\r\n[ \t]/g, '');
  assert.ok(unfolded.startsWith('BEGIN:VCALENDAR'));
  assert.ok(unfolded.includes(POLICE_AR), 'the police announcement is exported');
  assert.ok(!unfolded.includes(RTA_AR), 'the RTA announcement is filtered out');
  assert.equal((unfolded.match(/BEGIN:VEVENT/g) || []).length, filtered);
  // A third-party parser (ical.js, Mozilla's) reads the file; the entry's place is exported.
  const events = new ICAL.Component(ICAL.parse(ics.text)).getAllSubcomponents('vevent');
  assert.equal(events.length, filtered);
  const announcement = events.find((e) => e.getFirstPropertyValue('summary') === POLICE_AR);
  assert.ok(announcement, 'ical.js finds the police announcement');
  assert.equal(announcement.getFirstPropertyValue('location'), 'القيادة العامة للشرطة');
  assert.match(announcement.getFirstPropertyValue('uid'), /^entry-\d+@/);
  assert.deepEqual(page.problems, []);
  assert.deepEqual(again.problems, []);
});

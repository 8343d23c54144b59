// The activity board (#/activities): the police entity's editor sees its activities by status
// with the overdue one badged in words, adds an activity, moves it to "in progress" with a
// progress value (the card lands in that column, a polite status says so), gets the server's
// "due before start" error beside the due field and a reload on a conflicting change, attaches and
// removes an evidence file; Arabic on a
// phone and English on a wide screen without horizontal overflow or serious axe findings; a
// reviewer (reader only) sees no write controls.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, login, screenshot, switchLanguage, useServerAndBrowser, openNav, networkTomorrow, axeProblems, overflows, chooseAction } from './harness.mjs';

let server, browser;
useServerAndBrowser((s, b) => { server = s; browser = b; });

const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function openBoard(page) {
  await (await openNav(page, 'activities')).click();
  await page.getByTestId('activity-board').waitFor();
}

const column = (page, status) => page.locator(`[data-testid="board-column"][data-status="${status}"]`);

test('the police editor follows up activities on the board (en, 1440px)', async () => {
  const page = await newPage(browser, { locale: 'en', viewport: { width: 1440, height: 900 } });
  await login(page, 'police.editor', 'sawt-demo-2026', server.url);
  await switchLanguage(page, 'en');
  await openBoard(page);

  // The editor's own entity is chosen; its overdue activity says so in words.
  assert.match(await page.getByTestId('board-entity').locator('option:checked').textContent(), /Police/);
  const overdue = page.locator('[data-testid="activity-card"][data-overdue="true"]');
  assert.ok(await overdue.count() >= 1);
  assert.equal((await overdue.first().getByTestId('activity-overdue').textContent()).trim(), 'Overdue');
  assert.equal(await column(page, 'cancelled').count(), 0, 'cancelled hidden until asked for');

  // A new activity lands in "planned".
  const start = networkTomorrow();
  await page.getByTestId('activity-new').click();
  await page.getByTestId('na-title-ar').fill('حملة توعية بالسلامة المدرسية');
  await page.getByTestId('na-title-en').fill('School safety awareness campaign');
  await page.getByTestId('na-start').fill(start);
  await page.getByTestId('na-due').fill(addDays(start, 20));
  await page.getByTestId('na-submit').click();
  const mine = page.locator('[data-testid="activity-card"]', { hasText: 'School safety awareness campaign' });
  await mine.waitFor();
  assert.equal(await mine.getAttribute('data-status'), 'planned');
  assert.equal(await column(page, 'planned').locator('[data-testid="activity-card"]', { hasText: 'School safety' }).count(), 1);
  assert.match(await page.getByTestId('board-status').textContent(), /School safety awareness campaign/);

  // In progress, 40 %: the card moves to its column and the live region confirms it.
  await mine.getByTestId('activity-status').selectOption('in_progress');
  await mine.getByTestId('activity-progress-input').fill('40');
  await mine.getByTestId('activity-save').click();
  const moved = column(page, 'in_progress').locator('[data-testid="activity-card"]', { hasText: 'School safety' });
  await moved.waitFor();
  assert.equal(await moved.getByTestId('activity-progress').getAttribute('aria-valuenow'), '40');
  assert.equal(await moved.getByTestId('activity-progress').getAttribute('role'), 'progressbar');
  assert.match(await page.getByTestId('board-status').textContent(), /In progress.*40/);
  assert.equal(await page.getByTestId('board-status').getAttribute('role'), 'status');

  // Someone else changes it meanwhile: the save is refused (412) and the board reloads with a message.
  const id = await moved.getAttribute('data-id');
  await page.evaluate(async (activityId) => {
    const me = await (await fetch('/api/v1/me')).json();
    const current = await fetch(`/api/v1/activities/${activityId}`);
    await fetch(`/api/v1/activities/${activityId}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token, 'If-Match': current.headers.get('ETag') },
      body: JSON.stringify({ notes: 'changed elsewhere' }),
    });
  }, id);
  await moved.getByTestId('activity-progress-input').fill('60');
  await moved.getByTestId('activity-save').click();
  await page.locator('[data-testid="board-error"]:not(:empty)').waitFor();
  assert.match(await page.getByTestId('board-error').textContent(), /changed this activity/);
  const reloaded = page.locator(`[data-testid="activity-card"][data-id="${id}"]`);
  assert.equal(await reloaded.getByTestId('activity-progress').getAttribute('aria-valuenow'), '40');

  // Due before start: the server's error is shown beside the due field, in English.
  await page.getByTestId('activity-new').click();
  await page.getByTestId('na-title-ar').fill('نشاط بتواريخ مقلوبة');
  await page.getByTestId('na-title-en').fill('Activity with swapped dates');
  await page.getByTestId('na-start').fill(addDays(start, 10));
  await page.getByTestId('na-due').fill(start);
  await page.getByTestId('na-submit').click();
  const dueError = page.locator('#na-due-error:not(:empty)');
  await dueError.waitFor();
  assert.doesNotMatch(await dueError.textContent(), /[\u0600-\u06ff]/);
  assert.equal(await page.getByTestId('na-due').getAttribute('aria-invalid'), 'true');
  assert.match(await page.getByTestId('na-due').getAttribute('aria-describedby'), /na-due-error/);

  // Evidence: the editor attaches the kick-off minutes; the card lists them with a download link,
  // says so politely, and removes them again after asking.
  const evidence = reloaded.getByTestId('activity-evidence');
  await evidence.locator('summary').click();
  await evidence.getByTestId('evidence-input').setInputFiles({
    name: 'kick-off minutes.txt', mimeType: 'text/plain', buffer: Buffer.from('Minutes of the kick-off meeting\n'),
  });
  const file = page.locator(`[data-testid="activity-card"][data-id="${id}"] [data-testid="evidence-item"]`);
  await file.waitFor();
  assert.equal(await file.getByTestId('evidence-download').getAttribute('href'), `/api/v1/activity-evidence/${await file.getAttribute('data-id')}`);
  assert.match(await page.getByTestId('board-status').textContent(), /kick-off minutes\.txt attached to/);
  assert.match(await page.locator(`[data-testid="activity-card"][data-id="${id}"] [data-testid="activity-evidence"] summary`).textContent(), /one file/);
  assert.equal(await page.locator(`[data-testid="activity-card"][data-id="${id}"] [data-testid="activity-evidence"]`).getAttribute('open'), '',
    'the disclosure stays open after the change');
  assert.deepEqual(await axeProblems(page), []);
  await chooseAction(file, 'evidence-remove');
  await page.getByTestId('evidence-remove-dialog-confirm').click();
  await page.locator(`[data-testid="activity-card"][data-id="${id}"] [data-testid="evidence-item"]`).waitFor({ state: 'detached' });
  assert.match(await page.getByTestId('board-status').textContent(), /kick-off minutes\.txt removed/);

  assert.equal(await overflows(page), false, 'no horizontal scrolling');
  assert.deepEqual(await axeProblems(page), []);
  assert.deepEqual(page.problems.filter((p) => !/status of (400|412)/.test(p)), []);
  await screenshot(page, 'activities-en-1440');
  await page.context().close();
});

test('Arabic on a phone: the columns stack, digits are Arabic-Indic, nothing overflows (ar, 390px)', async () => {
  const page = await newPage(browser, { locale: 'ar', viewport: { width: 390, height: 844 } });
  await login(page, 'admin', 'admin-demo', server.url);
  await switchLanguage(page, 'ar');
  await openBoard(page);
  // The network admin starts on the office's own entity and may choose every entity.
  assert.notEqual(await page.getByTestId('board-entity').inputValue(), '');
  await page.getByTestId('board-entity').selectOption('');
  await page.waitForFunction(() => /[?&]entity_id=/.test(location.hash) === false);
  await page.locator('[data-testid="activity-card"][data-overdue="true"]').nth(11).waitFor();
  assert.ok(await page.locator('[data-testid="activity-card"][data-overdue="true"]').count() >= 12);
  assert.equal((await page.getByTestId('activity-overdue').first().textContent()).trim(), 'متأخر');
  const heading = await column(page, 'planned').locator('h2').textContent();
  assert.doesNotMatch(heading, /[0-9]/, `Arabic digits only: ${heading}`);
  // One column under the other.
  const [a, b] = await Promise.all(['planned', 'in_progress'].map((s) => column(page, s).boundingBox()));
  assert.ok(b.y > a.y && Math.abs(a.x - b.x) < 2, 'columns stack');
  assert.doesNotMatch(await page.getByTestId('activity-due').first().textContent(), /[0-9]/);
  await page.getByTestId('board-cancelled').check();
  await column(page, 'cancelled').waitFor();
  assert.equal(await overflows(page), false, 'no horizontal scrolling at 390px');
  assert.deepEqual(await axeProblems(page), []);
  await screenshot(page, 'activities-ar-390');
  for (const width of [360, 768, 1024]) {
    await page.setViewportSize({ width, height: 844 });
    assert.equal(await overflows(page), false, `no horizontal scrolling at ${width}px`);
  }
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a reviewer reads the board without write controls', async () => {
  const page = await newPage(browser, { locale: 'en', viewport: { width: 1024, height: 800 } });
  await login(page, 'police.reviewer', 'sawt-demo-2026', server.url);
  await openBoard(page);
  assert.ok(await page.getByTestId('activity-card').count() > 0);
  assert.equal(await page.getByTestId('activity-new').count(), 0);
  assert.equal(await page.getByTestId('activity-status').count(), 0);
  assert.equal(await page.getByTestId('activity-save').count(), 0);
  assert.equal(await page.getByTestId('evidence-input').count(), 0, 'a reader attaches nothing');
  // The strategy page's overdue section links to the board filtered to overdue activities.
  await (await openNav(page, 'strategy')).click();
  await page.getByTestId('strategy-board-link').click();
  await page.getByTestId('activity-board').waitFor();
  assert.equal(await page.getByTestId('board-overdue').isChecked(), true);
  assert.equal(await page.locator('[data-testid="activity-card"][data-overdue="false"]').count(), 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// "Pause all publishing" end to end. Arabic on a 390 px phone: the network admin pauses the
// police's publishing from the home page with a reason; the police editor sees the shell's banner
// (the reason, Arabic-Indic digits, no sideways scrolling, no serious axe-core finding), the health
// editor does not; the admin resumes from the banner and it goes. English on a laptop: the police
// director pauses publishing from a drill's room, which shows the pause and its timeline entry,
// then resumes it and the room, the timeline and the banner say so. No page errors on the way.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  newPage, login, screenshot, useServerAndBrowser, apiGet, apiSend, switchLanguage, axeProblems, overflows, PHONE, LAPTOP,
} from './harness.mjs';

let server, browser;
useServerAndBrowser((s, b) => { server = s; browser = b; });

const PASSWORD = 'sawt-demo-2026';
const REASON = 'مراجعة عاجلة لكل المواد المجدولة بعد حادث مروري كبير.';
const ARABIC_DIGIT = /[\u0660-\u0669]/;

/** Waits until the page's main region has drawn (its h1 is there and it is not busy). */
async function settled(page) {
  await page.waitForFunction(() => document.querySelector('main')?.getAttribute('aria-busy') === 'false' && document.querySelector('main h1'));
}

/** A new page signed in as `user`, on its home page, once the banner has asked the server. */
async function signIn(user, password, options) {
  const page = await newPage(browser, options);
  const asked = page.waitForResponse((res) => res.url().includes('/api/v1/publishing-pauses'));
  await login(page, user, password, server.url);
  await page.evaluate(() => { location.hash = '#/home'; });
  await asked;
  await settled(page);
  return page;
}

const activePauses = async (page) => (await apiGet(page, '/api/v1/publishing-pauses')).items;

test('the admin pauses the police from home; the police editor sees the banner, the health editor does not; the admin resumes', async () => {
  const admin = await signIn('admin', 'admin-demo', { locale: 'ar', viewport: PHONE });
  const police = (await apiGet(admin, '/api/v1/entities?limit=200')).items.find((e) => e.code === 'police');
  assert.ok(police, 'the demo network has the police');
  assert.equal(await admin.getByTestId('pause-banner').isHidden(), true, 'nothing is paused yet');

  await admin.getByTestId('home-pause').click();
  const dialog = admin.getByTestId('pause-dialog');
  await dialog.waitFor();
  // The reason comes first: confirming without one says so beside it.
  await admin.getByTestId('pause-dialog-confirm').click();
  assert.equal(await admin.locator('#pause-dialog-reason').getAttribute('aria-invalid'), 'true');
  assert.match(await admin.locator('#pause-dialog-reason-error').textContent(), /[\u0600-\u06ff]/);
  await admin.getByTestId('pause-dialog-reason').fill(REASON);
  await dialog.locator(`#pause-entities-${police.id}`).check();
  assert.equal(await overflows(admin), false, 'the dialog fits the phone');
  assert.deepEqual(await axeProblems(admin), [], 'the pause dialog');
  await screenshot(admin, 'pause-dialog-ar-phone');
  await admin.getByTestId('pause-dialog-confirm').click();

  // The banner at once, with the resume button for the admin.
  const banner = admin.getByTestId('pause-banner');
  await banner.getByTestId('pause').waitFor();
  assert.equal(await banner.getByTestId('pause-reason').textContent(), REASON);
  assert.ok((await banner.textContent()).includes(police.name_ar), 'the entity by name');
  await banner.getByTestId('pause-resume').waitFor();
  const [pause] = await activePauses(admin);
  assert.deepEqual(pause.entity_ids, [police.id]);
  assert.deepEqual(pause.channels, [], 'every channel');

  // The police editor: the banner on every page, in Arabic with Arabic-Indic digits, fitting the phone.
  const editor = await signIn('police.editor', PASSWORD, { locale: 'ar', viewport: PHONE });
  const seen = editor.getByTestId('pause-banner');
  await seen.getByTestId('pause').waitFor();
  assert.equal(await seen.getAttribute('role'), 'status');
  assert.equal(await seen.getByTestId('pause-reason').textContent(), REASON);
  assert.match(await seen.textContent(), ARABIC_DIGIT, 'the date in the page digits');
  assert.doesNotMatch(await seen.textContent(), /[0-9]/, 'no Latin digits');
  assert.match(await seen.getByTestId('pause-held').textContent(), /[\u0600-\u06ff]/);
  assert.equal(await seen.getByTestId('pause-resume').count(), 0, 'resuming is for network admins');
  // What a pause holds, with Arabic's plural and dual forms (the demo's police hold nothing yet).
  const held = await editor.evaluate(async () => {
    const { heldText } = await import('/js/pauses.js');
    return [{ publications: 3, items: 1 }, { publications: 2, items: 0 }, { publications: 11, items: 2 }].map((counts) => heldText({ held: counts }));
  });
  assert.deepEqual(held, [
    'معلّق حتى استئناف النشر: ٣ منشورات ومادة مجدولة واحدة.',
    'معلّق حتى استئناف النشر: منشوران.',
    'معلّق حتى استئناف النشر: ١١ منشورًا ومادتان مجدولتان.',
  ]);
  assert.equal(await overflows(editor), false, 'the banner wraps on a phone');
  assert.deepEqual(await axeProblems(editor), []);
  await screenshot(editor, 'pause-banner-ar-phone');
  await editor.evaluate(() => { location.hash = '#/calendar'; });
  await settled(editor);
  assert.equal(await seen.isVisible(), true, 'the banner stays on other pages');

  // The health editor is not covered.
  const other = await signIn('health.editor', PASSWORD, { locale: 'ar', viewport: PHONE });
  assert.deepEqual(await activePauses(other), []);
  assert.equal(await other.getByTestId('pause-banner').isHidden(), true);

  // The admin resumes from the banner, behind a confirmation with an optional reason.
  await banner.getByTestId('pause-resume').click();
  await admin.getByTestId('pause-resume-dialog').waitFor();
  await admin.getByTestId('pause-resume-dialog-reason').fill('انتهت المراجعة.');
  await admin.getByTestId('pause-resume-dialog-confirm').click();
  await banner.waitFor({ state: 'hidden' });
  assert.deepEqual(await activePauses(admin), []);
  const history = (await apiGet(admin, '/api/v1/publishing-pauses?status=all')).items;
  assert.equal(history.find((p) => p.id === pause.id)?.resume_reason, 'انتهت المراجعة.');

  // The editor's next page says publishing is back.
  await editor.evaluate(() => { location.hash = '#/home'; });
  await seen.waitFor({ state: 'hidden' });
  for (const page of [admin, editor, other]) assert.deepEqual(page.problems, []);
});

/** Declares a police drill through the API and opens its room: { police, declared, room }. */
async function openPoliceDrill(page, titleAr, titleEn) {
  const police = (await apiGet(page, '/api/v1/entities?limit=200')).items.find((e) => e.code === 'police');
  const declared = await apiSend(page, 'POST', '/api/v1/crises', {
    kind: 'drill', crisis_type: 'weather', severity: 'severe', lead_entity_id: police.id, title_ar: titleAr, title_en: titleEn,
  });
  assert.equal(declared.status, 201, JSON.stringify(declared.body));
  await page.evaluate((id) => { location.hash = `#/crises/${id}`; }, declared.body.id);
  const room = page.getByTestId('crisis-room');
  await room.waitFor();
  return { police, declared, room };
}

test('the police director pauses publishing from a drill room and resumes it (English)', async () => {
  const page = await signIn('police.director', PASSWORD, { locale: 'en', viewport: LAPTOP });
  await switchLanguage(page, 'en');
  const { police, declared, room } = await openPoliceDrill(page, 'تمرين: إيقاف النشر', 'Drill: pausing publishing');

  await page.getByTestId('crisis-pause').click();
  await page.getByTestId('crisis-pause-dialog').waitFor();
  await page.getByTestId('crisis-pause-dialog-reason').fill('Hold every scheduled post while the drill runs.');
  await page.getByTestId('crisis-pause-dialog-confirm').click();

  const paused = room.getByTestId('crisis-paused');
  await paused.waitFor();
  assert.ok((await room.getByTestId('crisis-paused-entities').textContent()).includes(police.name_en), 'the entity by name');
  assert.match(await room.getByTestId('crisis-paused-held').textContent(), /held|Nothing/i);
  await room.locator('[data-testid="timeline-entry"][data-kind="publishing_paused"]').waitFor();
  assert.match(await room.locator('[data-testid="timeline-entry"][data-kind="publishing_paused"]').textContent(), /Publishing paused/);
  assert.equal(await page.getByTestId('crisis-pause').count(), 0, 'one pause at a time');
  // The shell's banner too (the director is of the police; resuming there is for network admins).
  const banner = page.getByTestId('pause-banner');
  await banner.getByTestId('pause').waitFor();
  assert.match(await banner.textContent(), /Publishing is paused/);
  assert.equal(await page.evaluate(async () => (await import('/js/pauses.js')).heldText({ held: { publications: 3, items: 1 } })),
    'Held until publishing resumes: 3 publications and 1 scheduled item.');
  assert.equal(await banner.getByTestId('pause-resume').count(), 0);
  assert.equal((await apiGet(page, `/api/v1/crises/${declared.body.id}`)).publishing_pauses.length, 1);
  await screenshot(page, 'pause-crisis-room-en');

  await room.getByTestId('crisis-resume').click();
  await page.getByTestId('crisis-resume-dialog').waitFor();
  await page.getByTestId('crisis-resume-dialog-confirm').click();
  await paused.waitFor({ state: 'detached' });
  await room.locator('[data-testid="timeline-entry"][data-kind="publishing_resumed"]').waitFor();
  await page.getByTestId('crisis-pause').waitFor();
  await banner.waitFor({ state: 'hidden' });
  assert.deepEqual((await apiGet(page, `/api/v1/crises/${declared.body.id}`)).publishing_pauses, []);
  assert.deepEqual(page.problems, []);
});

test('a pause resumed from the banner leaves the crisis room showing it at once (Arabic, phone)', async () => {
  const page = await signIn('admin', 'admin-demo', { locale: 'ar', viewport: PHONE });
  const { declared, room } = await openPoliceDrill(page, 'تمرين: استئناف من الشريط', 'Drill: resuming from the banner');
  await page.getByTestId('crisis-pause').click();
  await page.getByTestId('crisis-pause-dialog-reason').fill('إيقاف أثناء التمرين.');
  await page.getByTestId('crisis-pause-dialog-confirm').click();
  await room.getByTestId('crisis-paused').waitFor();

  const banner = page.getByTestId('pause-banner');
  const mine = banner.getByTestId('pause').filter({ hasText: 'إيقاف أثناء التمرين.' });
  await mine.getByTestId('pause-resume').click();
  await page.getByTestId('pause-resume-dialog-confirm').click();
  // No navigation: the room reads the crisis again on its own.
  await room.getByTestId('crisis-paused').waitFor({ state: 'detached' });
  await page.getByTestId('crisis-pause').waitFor();
  assert.deepEqual((await apiGet(page, `/api/v1/crises/${declared.body.id}`)).publishing_pauses, []);
  assert.deepEqual(page.problems, []);
});

// Channel variants and publications end to end: a police editor opens a draft for X, types an
// Arabic X post of 300 letters and sees the live counter over 280 and the server's refusal on
// save, shortens it and saves; an emoji and a link show X's weighted count as the server gives it.
// The item is submitted and approved through the API, then a reviewer schedules and publishes it
// in the review view: the publications panel shows one manual row per language, and marking one
// posted with its URL changes its badge. The editor then shows the variants read-only.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, login, screenshot, apiGet, apiSend, switchLanguage, useServerAndBrowser, networkTomorrow } from './harness.mjs';

const PASSWORD = 'sawt-demo-2026';
let server;
let browser;
let publishedId = null; // the item the first test publishes

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

async function step(page, id, to) {
  const current = await apiSend(page, 'GET', `/api/v1/content-items/${id}`);
  const moved = await apiSend(page, 'POST', `/api/v1/content-items/${id}/transitions`, { to }, { 'If-Match': current.etag });
  assert.equal(moved.status, 200, `${to}: ${JSON.stringify(moved.body)}`);
}

const tomorrow = networkTomorrow;

// Chromium logs refused requests (422 on purpose here) as console errors; nothing else may be.
const unexpected = (problems) => problems.filter((p) => !/status of 422/.test(p));

test('X variant over the limit, weighted count, publication marked as posted', async () => {
  const editor = await newPage(browser);
  await login(editor, 'police.editor', PASSWORD, server.url);
  const police = (await apiGet(editor, '/api/v1/entities')).items.find((e) => e.code === 'police');
  const stamp = Date.now().toString(36);
  const made = await apiSend(editor, 'POST', '/api/v1/content-items', {
    kind: 'social_post',
    owner_entity_id: police.id,
    title_ar: `السلامة قرب المدارس ${stamp}`,
    title_en: `Safety near schools ${stamp}`,
    body_ar: 'تطلق القيادة العامة للشرطة حملة للسلامة المرورية قرب المدارس.',
    body_en: 'Police launch a road safety campaign near schools.',
    themes: ['road-safety'],
    channels: ['x'],
    planned_at: tomorrow(),
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const id = made.body.id;
  publishedId = id;

  await editor.goto(`${server.url}/#/editor/${id}`);
  await editor.getByTestId('variants').waitFor();
  const xAr = editor.locator('[data-testid="variant"][data-channel="x"][data-lang="ar"]');
  const xEn = editor.locator('[data-testid="variant"][data-channel="x"][data-lang="en"]');
  await xAr.waitFor();
  assert.equal(await xAr.getAttribute('dir'), 'rtl', 'the Arabic card is right to left');
  assert.equal(await xEn.getAttribute('dir'), 'ltr');
  assert.equal(await xAr.getByTestId('variant-derived').getAttribute('data-derived'), 'true');
  assert.match(await xAr.getByTestId('variant-text').inputValue(), /السلامة/);
  assert.equal(await xAr.getByTestId('variant-count').getAttribute('data-ok'), 'true');

  // 300 Arabic letters (each weighs 1 on X), no hashtags: the live counter is over 280.
  const count = xAr.getByTestId('variant-count');
  await xAr.getByTestId('variant-hashtags').fill('');
  await xAr.getByTestId('variant-text').fill('م'.repeat(300));
  await xAr.locator('[data-testid="variant-count"][data-ok="false"][data-counted="300"]').waitFor();
  assert.ok(await count.evaluate((el) => el.classList.contains('over')));
  assert.match(await xAr.getByTestId('variant-over').textContent(), /\S/);
  await screenshot(editor, 'variants-over-ar');

  // Saving is refused by the server (422) with its bilingual message on the card.
  await xAr.getByTestId('variant-save').click();
  const error = xAr.locator('[data-testid="variant-error"]:not(:empty)');
  await error.waitFor();
  const message = await error.textContent();
  // Worded by the server in the reader's language and digits (Arabic-Indic by default), the channel named in words.
  assert.match(message, /٣٠٠/);
  assert.match(message, /٢٨٠/);
  assert.match(message, /إكس/);
  assert.doesNotMatch(message, /[0-9]/, 'no Latin digits next to Arabic text');

  // Shortened to 270 it fits and is stored (no longer derived).
  await xAr.getByTestId('variant-text').fill('م'.repeat(270));
  await xAr.locator('[data-testid="variant-count"][data-ok="true"][data-counted="270"]').waitFor();
  await xAr.getByTestId('variant-save').click();
  await xAr.locator('[data-testid="variant-status"]:not(:empty)').waitFor();
  assert.equal(await xAr.getByTestId('variant-error').textContent(), '');
  assert.equal(await xAr.getByTestId('variant-derived').getAttribute('data-derived'), 'false');
  const stored = (await apiGet(editor, `/api/v1/content-items/${id}/variants`)).items.find((v) => v.channel === 'x' && v.lang === 'ar');
  assert.equal(stored.derived, false);
  assert.equal(stored.text, 'م'.repeat(270));

  // An emoji with a skin tone weighs 2 and a link 23 whatever its length: the counter shows the
  // server's weighted count, not the string's length.
  const sample = 'Thanks 👍🏽 https://www.rta.ae/a/very/long/path/to/the/campaign/page';
  const server_ = await apiSend(editor, 'POST', '/api/v1/channel-checks', { channel: 'x', text: sample, hashtags: [] });
  assert.equal(server_.status, 200);
  assert.equal(server_.body.length.counted, 7 + 2 + 1 + 23);
  await xEn.getByTestId('variant-hashtags').fill('');
  await xEn.getByTestId('variant-text').fill(sample);
  await xEn.locator(`[data-testid="variant-count"][data-counted="${server_.body.length.counted}"]`).waitFor();
  assert.notEqual(sample.length, server_.body.length.counted);
  await switchLanguage(editor, 'en');
  // The unsaved English text survives the language switch; the counter reads "33 / 280".
  await xEn.locator('[data-testid="variant-count"][data-counted="33"]').waitFor();
  assert.equal(await xEn.getByTestId('variant-text').inputValue(), sample);
  assert.match(await xEn.getByTestId('variant-count').textContent(), /33 \/ 280/);
  await xEn.getByTestId('variant-save').click();
  await xEn.locator('[data-testid="variant-status"]:not(:empty)').waitFor();
  await screenshot(editor, 'variants-saved-en');
  // A stored variant can go back to the text derived from the item.
  await xEn.locator('[data-testid="variant-derived"][data-derived="false"]').waitFor();
  await xEn.getByTestId('variant-reset').click();
  await xEn.locator('[data-testid="variant-derived"][data-derived="true"]').waitFor();
  assert.equal(await xEn.getByTestId('variant-reset').isVisible(), false);
  assert.notEqual(await xEn.getByTestId('variant-text').inputValue(), sample);
  assert.deepEqual(unexpected(editor.problems), []);

  // Submitted (editor) and approved (reviewer) through the API.
  const reviewer = await newPage(browser);
  await login(reviewer, 'police.reviewer', PASSWORD, server.url);
  await step(editor, id, 'in_review');
  await step(reviewer, id, 'approved');

  // The reviewer schedules and publishes in the review view; the publications panel follows.
  await reviewer.goto(`${server.url}/#/review/${id}`);
  await reviewer.getByTestId('review-item-view').waitFor();
  await reviewer.getByTestId('publications-empty').waitFor();
  await reviewer.getByTestId('variants-readonly').waitFor();
  assert.equal(await reviewer.getByTestId('variant-save').count(), 0, 'the review view shows variants read-only');
  await reviewer.getByTestId('workflow-scheduled').click();
  await reviewer.locator('.page-head [data-testid="state"][data-state="scheduled"]').waitFor();
  await reviewer.getByTestId('workflow-published').click();
  // Planned for tomorrow: publishing now is confirmed first.
  await reviewer.getByTestId('publish-early-confirm').click();
  await reviewer.locator('.page-head [data-testid="state"][data-state="published"]').waitFor();
  // No channel endpoint in the demo: the dispatcher turns both X rows to manual.
  const manual = reviewer.locator('[data-testid="publication"][data-state="manual"]');
  await reviewer.waitForFunction(() => document.querySelectorAll('[data-testid="publication"][data-state="manual"]').length === 2);
  assert.equal(await manual.count(), 2);
  const arRow = reviewer.locator('[data-testid="publication"][data-channel="x"][data-lang="ar"]');
  assert.match(await arRow.locator('.pub-post').textContent(), /^م{270}$/);
  await screenshot(reviewer, 'publications-manual-ar');

  // Marking the Arabic one posted: a bad URL is refused in the form, a good one changes the badge.
  await arRow.getByTestId('publication-url').fill('ftp://x');
  await arRow.getByTestId('publication-posted').click();
  await arRow.locator('[data-testid="publication-error"]:not(:empty)').waitFor();
  const url = `https://x.com/police/status/${stamp}`;
  await arRow.getByTestId('publication-url').fill(url);
  await arRow.getByTestId('publication-posted').click();
  await reviewer.locator('[data-testid="publication"][data-lang="ar"][data-state="posted"]').waitFor();
  assert.equal(await arRow.getByTestId('publication-link').getAttribute('href'), url);
  assert.equal(await arRow.getByTestId('publication-url').count(), 0);
  const rows = (await apiGet(reviewer, `/api/v1/content-items/${id}/publications`)).items;
  assert.equal(rows.find((r) => r.lang === 'ar').state, 'posted');
  assert.equal(rows.find((r) => r.lang === 'ar').posted_by, 'police.reviewer');
  assert.equal(rows.find((r) => r.lang === 'en').state, 'manual');
  // The English row can be sent again (no endpoint is configured, so it comes back as manual).
  const enRow = reviewer.locator('[data-testid="publication"][data-channel="x"][data-lang="en"]');
  await enRow.getByTestId('publication-retry').click();
  await reviewer.waitForFunction(async (path) => {
    const r = await fetch(path);
    const rows = (await r.json()).items;
    return rows.find((x) => x.lang === 'en').version > 2 && rows.find((x) => x.lang === 'en').state === 'manual';
  }, `/api/v1/content-items/${id}/publications`);
  await reviewer.getByTestId('publications-refresh').click();
  await enRow.locator('[data-testid="publication-state"]').waitFor();
  assert.equal(await enRow.getByTestId('publication-retry-error').textContent(), '');
  await switchLanguage(reviewer, 'en');
  await reviewer.locator('[data-testid="publication"][data-state="posted"]').waitFor();
  await screenshot(reviewer, 'publications-posted-en');
  assert.deepEqual(unexpected(reviewer.problems), []);

  // In the editor the published item's variants are read-only and its publications are listed.
  await editor.reload();
  await editor.getByTestId('variants-readonly').waitFor();
  assert.equal(await editor.getByTestId('variant-save').count(), 0);
  assert.equal(await xAr.getByTestId('variant-text').getAttribute('readonly'), '');
  await editor.locator('[data-testid="publications"] [data-testid="publication"][data-state="posted"]').waitFor();
  await editor.locator('[data-testid="publications"] [data-testid="publication"][data-state="manual"] [data-testid="publication-url"]').waitFor();
  await screenshot(editor, 'editor-published-en');
  assert.deepEqual(unexpected(editor.problems), []);
});

test('a reader of another entity sees the publications without the posted form', async () => {
  const other = await newPage(browser, { locale: 'en' });
  await login(other, 'health.editor', PASSWORD, server.url);
  assert.ok(publishedId, 'the first test published a police item');
  await other.goto(`${server.url}/#/editor/${publishedId}`);
  await other.getByTestId('publications').waitFor();
  await other.locator('[data-testid="publication"]').first().waitFor();
  assert.equal(await other.getByTestId('publication-url').count(), 0, 'health may not mark police posts');
  await other.getByTestId('variants-readonly').waitFor();
  assert.deepEqual(other.problems, []);
});

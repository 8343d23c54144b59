// Compliance with the general communication guide, end to end in the browser: an entity's
// director starts the current year's self-assessment from the heat map, answers every item,
// learns from the 422 what is still missing, attaches the required evidence and submits it; the
// network's admin reviews it (one item's level changed), completes it with a note; the heat map and
// the entity's scorecard then show it reviewed with the server's overall score, and the scorecard's
// PDF report downloads. In Arabic at 1440 px and English at 390 px: no horizontal overflow, axe clean.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { newPage, login, screenshot, switchLanguage, useServerAndBrowser, openNav, apiGet, NETWORK_ZONE, axeProblems, overflows, PHONE } from './harness.mjs';

const PASSWORD = 'sawt-demo-2026';
const DESKTOP = { width: 1440, height: 900 };
/** The network's current year: the demo leaves the economy department without an assessment for it. */
const YEAR = new Intl.DateTimeFormat('en-CA', { timeZone: NETWORK_ZONE, year: 'numeric' }).format(new Date());

let server;
let browser;
let tmp;
let assessmentId = null;

useServerAndBrowser((s, b) => {
  server = s;
  browser = b;
});

before(async () => {
  tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'sawt-evidence-'));
  await fsp.writeFile(path.join(tmp, 'media-log.csv'), `date,channel,note\r\n${YEAR}-03-14,x,حملة مشتركة\r\n${YEAR}-06-02,website,update\r\n`);
});
after(async () => {
  if (tmp) await fsp.rm(tmp, { recursive: true, force: true });
});

/** Goes to an address and waits until the page has rendered. */
async function open(page, hash) {
  await page.evaluate((h) => { location.hash = h; }, hash);
  await page.waitForFunction(() => document.querySelector('main')?.getAttribute('aria-busy') === 'false' && document.querySelector('main h1'));
}

/** A number as the page writes it (the page's language and digits). */
const shown = (n, lang) => new Intl.NumberFormat(`${lang}-u-nu-${lang === 'ar' ? 'arab' : 'latn'}`).format(n);

test('an entity director starts, answers, attaches evidence and submits the self-assessment (ar, 1440px)', async () => {
  const page = await newPage(browser, { locale: 'ar', viewport: DESKTOP });
  await login(page, 'economy.director', PASSWORD, server.url);
  await (await openNav(page, 'compliance')).click();
  await page.getByTestId('heatmap').waitFor();
  assert.equal(await page.getByTestId('heatmap-period').inputValue(), YEAR);

  // Entities that have not started are marked so, in words; only the director's own can be started.
  const row = page.locator('[data-testid="heatmap-row"][data-code="economy"]');
  assert.equal(await row.getAttribute('data-status'), 'not_started');
  assert.match(await row.getByTestId('heatmap-status-word').textContent(), /لم يبدأ/);
  assert.equal(await page.getByTestId('heatmap-start').count(), 1);
  assert.match(await page.locator('[data-testid="heatmap-row"][data-code="municipality"]').textContent(), /تقييم ذاتي قيد الإعداد/);
  assert.equal(await overflows(page), false, 'the heat map fits the screen');
  assert.deepEqual(await axeProblems(page), []);
  await screenshot(page, 'compliance-heatmap-ar-1440');

  await row.getByTestId('heatmap-start').click();
  await page.waitForFunction(() => /^#\/assessment\/\d+$/.test(location.hash));
  assessmentId = Number((await page.evaluate(() => location.hash)).split('/')[2]);
  await page.getByTestId('assessment-summary').waitFor();
  assert.equal(await page.getByTestId('assessment-status').getAttribute('data-status'), 'draft');
  assert.match(await page.getByTestId('assessment-message').textContent(), /بدأ التقييم الذاتي/);
  assert.equal(await page.getByTestId('assessment-summary').getAttribute('data-mode'), 'assess');

  // Every item, grouped by the seven axes, gets a level; the scores follow each answer.
  const items = page.getByTestId('assessment-item');
  const count = await items.count();
  assert.equal(await page.getByTestId('assessment-axis').count(), 7);
  assert.ok(count >= 7, `${count} items`);
  for (let i = 0; i < count; i++) {
    const item = items.nth(i);
    await item.getByTestId('self-level-select').selectOption(String([4, 3, 2, 3][i % 4]));
    await page.waitForFunction(([n]) => document.querySelectorAll('[data-testid="assessment-item"][data-answered="true"]').length >= n, [i + 1]);
  }
  // A comment is saved with the item's level when the field is left.
  const firstCode = await items.first().getAttribute('data-code');
  await items.first().getByTestId('self-comment').fill('المصفوفة معتمدة من المدير العام');
  await items.first().getByTestId('self-comment').blur();
  await page.waitForFunction((code) => document.querySelector('[data-testid="assessment-message"]')?.textContent.includes(code), firstCode);
  const selfOverall = await page.getByTestId('assessment-self-overall').getAttribute('data-score');
  assert.ok(Number(selfOverall) > 0, `a live overall score (${selfOverall})`);

  // Submitting without the required evidence: the server's 422 names the items; the form marks them.
  const required = page.locator('[data-testid="assessment-item"]:has([data-testid="evidence-required"])');
  const requiredCodes = await required.evaluateAll((els) => els.map((el) => el.dataset.code));
  assert.ok(requiredCodes.length > 0);
  await page.getByTestId('assessment-submit').click();
  const error = page.getByTestId('assessment-error');
  await page.waitForFunction(() => document.querySelector('[data-testid="assessment-error"]')?.textContent.trim());
  const detail = await error.textContent();
  for (const code of requiredCodes) assert.match(detail, new RegExp(code));
  assert.equal(await page.locator('[data-testid="assessment-item"].incomplete').count(), requiredCodes.length);
  assert.equal(await page.getByTestId('assessment-status').getAttribute('data-status'), 'draft');

  // The evidence, one file per item that requires it.
  for (const code of requiredCodes) {
    const item = page.locator(`[data-testid="assessment-item"][data-code="${code}"]`);
    await item.getByTestId('evidence-input').setInputFiles(path.join(tmp, 'media-log.csv'));
    await item.getByTestId('evidence-item').waitFor();
    assert.match(await item.getByTestId('evidence-download').textContent(), /media-log\.csv/);
  }
  await page.waitForFunction(() => document.querySelector('[data-testid="assessment-progress"]')?.dataset.ready === 'true');
  assert.equal(await page.locator('[data-testid="assessment-item"].incomplete').count(), 0);
  assert.equal(await overflows(page), false, 'the form fits the screen');
  assert.deepEqual(await axeProblems(page), []);
  await screenshot(page, 'compliance-assessment-ar-1440');

  await page.getByTestId('submit-note').fill('أُرفقت سجلات القنوات لكل بند يتطلب دليلًا.');
  await page.getByTestId('assessment-submit').click();
  await page.locator('[data-testid="assessment-status"][data-status="submitted"]').waitFor();
  assert.match(await page.getByTestId('assessment-message').textContent(), /أُرسل التقييم إلى الشبكة/);
  assert.equal(await page.getByTestId('assessment-error').textContent(), '');
  // Now read-only for the entity: no level selector, no upload, no submit.
  assert.equal(await page.getByTestId('self-level-select').count(), 0);
  assert.equal(await page.getByTestId('evidence-input').count(), 0);
  assert.equal(await page.getByTestId('assessment-submit').count(), 0);
  // The one refusal was the incomplete submission's 422.
  assert.deepEqual(page.problems.filter((p) => !/status of 422/.test(p)), []);
  await page.context().close();
});

test('the network admin reviews it, changes one level and completes it; heat map and scorecard follow (en, 390px)', async () => {
  assert.ok(assessmentId, 'the first test submitted an assessment');
  const page = await newPage(browser, { locale: 'en', viewport: PHONE });
  await login(page, 'admin', 'admin-demo', server.url);
  await switchLanguage(page, 'en');
  await (await openNav(page, 'compliance')).click();
  await page.getByTestId('heatmap').waitFor();
  const row = page.locator('[data-testid="heatmap-row"][data-code="economy"]');
  assert.equal(await row.getAttribute('data-status'), 'submitted');
  assert.match(await row.textContent(), /Awaiting the network's review/);
  await row.getByTestId('heatmap-open').click();
  await page.waitForFunction((id) => location.hash === `#/assessment/${id}`, assessmentId);
  await page.getByTestId('assessment-summary').waitFor();
  assert.equal(await page.getByTestId('assessment-summary').getAttribute('data-mode'), 'review');

  // The network's level next to the entity's: change the first item's.
  const first = page.getByTestId('assessment-item').first();
  const self = Number(await first.getByTestId('self-level').getAttribute('data-level'));
  const changed = self === 4 ? 2 : self + 1;
  await first.getByTestId('review-level-select').selectOption(String(changed));
  await first.getByTestId('review-comment').fill('The RACI matrix is approved but not yet published.');
  await page.waitForFunction(() => /Saved the network's level/.test(document.querySelector('[data-testid="assessment-message"]')?.textContent || ''));
  assert.equal(await overflows(page), false, 'the review form fits a phone');
  assert.deepEqual(await axeProblems(page), []);
  await screenshot(page, 'compliance-review-en-390');

  // Returning needs a note: without one the form says so and nothing is sent.
  await page.getByTestId('assessment-return').click();
  assert.match(await page.locator('#review-note-error').textContent(), /Write a note/);
  assert.equal(await page.getByTestId('assessment-status').getAttribute('data-status'), 'submitted');

  await page.getByTestId('review-note').fill('Reviewed with the department\'s communication team.');
  await page.getByTestId('assessment-complete').click();
  await page.locator('[data-testid="assessment-status"][data-status="reviewed"]').waitFor();
  assert.match(await page.getByTestId('assessment-message').textContent(), /review is complete/);
  assert.match(await page.getByTestId('assessment-review-note').textContent(), /communication team/);
  assert.equal(await page.getByTestId('assessment-complete').count(), 0);

  const assessment = await apiGet(page, `/api/v1/assessments/${assessmentId}`);
  assert.equal(assessment.status, 'reviewed');
  assert.equal(assessment.answers[0].review_level, changed);
  const overall = assessment.scores.overall;
  assert.equal(typeof overall, 'number');

  // The heat map: reviewed, with the server's overall score as a number.
  await open(page, `#/compliance?period=${YEAR}`);
  await page.getByTestId('heatmap').waitFor();
  assert.equal(await row.getAttribute('data-status'), 'reviewed');
  assert.match(await row.getByTestId('heatmap-status-word').textContent(), /Reviewed/);
  const cell = row.getByTestId('heatmap-overall');
  assert.equal(Number(await cell.getAttribute('data-score')), overall);
  assert.equal((await cell.textContent()).trim(), shown(overall, 'en'));
  assert.equal(await overflows(page), false, 'the heat map fits a phone (cards)');
  assert.deepEqual(await axeProblems(page), []);
  await screenshot(page, 'compliance-heatmap-en-390');

  // The scorecard shows the period, reviewed, with the same score.
  await row.getByTestId('heatmap-scorecard').click();
  await page.getByTestId('scorecard-trend').waitFor();
  const period = page.locator(`[data-testid="scorecard-period"][data-period="${YEAR}"]`);
  assert.equal(await period.getAttribute('data-status'), 'reviewed');
  assert.equal((await period.getByTestId('scorecard-period-overall').textContent()).trim(), shown(overall, 'en'));
  assert.equal(Number(await page.getByTestId('scorecard-latest-overall').getAttribute('data-score')), overall);
  assert.equal(await page.getByTestId('scorecard-latest-overall').getAttribute('data-period'), YEAR);
  assert.equal(await overflows(page), false, 'the scorecard fits a phone');
  assert.deepEqual(await axeProblems(page), []);
  await screenshot(page, 'compliance-scorecard-en-390');

  // The PDF report, in the page's language.
  const link = page.getByTestId('scorecard-pdf');
  assert.match(await link.getAttribute('href'), /format=pdf&lang=en&digits=latn/);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const file = await download.path();
  assert.equal(fs.readFileSync(file).subarray(0, 5).toString('latin1'), '%PDF-');
  const heatmapPdf = await page.request.get(`${server.url}/api/v1/compliance/heatmap/export?period=${YEAR}&format=pdf&lang=en`);
  assert.equal((await heatmapPdf.body()).subarray(0, 5).toString('latin1'), '%PDF-');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the compliance pages fit every width in both languages', async () => {
  assert.ok(assessmentId);
  const page = await newPage(browser, { locale: 'ar', viewport: DESKTOP });
  await login(page, 'admin', 'admin-demo', server.url);
  const problems = [];
  for (const lang of ['ar', 'en']) {
    await switchLanguage(page, lang);
    for (const hash of ['#/compliance', '#/scorecard/10', `#/assessment/${assessmentId}`, '#/assessment/1']) {
      await open(page, hash);
      for (const width of [360, 390, 768, 1024]) {
        await page.setViewportSize({ width, height: 800 });
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        if (await overflows(page)) problems.push(`${hash} ${lang} ${width}px`);
      }
      await page.setViewportSize(DESKTOP);
    }
  }
  assert.deepEqual(problems, []);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a member who may not assess reads an assessment without controls', async () => {
  const page = await newPage(browser, { locale: 'ar', viewport: DESKTOP });
  await login(page, 'police.editor', PASSWORD, server.url);
  const list = await apiGet(page, `/api/v1/assessments?entity_id=5&period=${YEAR}`);
  const police = list.items.find((a) => a.entity_id === 5);
  await open(page, `#/assessment/${police.id}`);
  await page.getByTestId('assessment-summary').waitFor();
  assert.equal(await page.getByTestId('assessment-summary').getAttribute('data-mode'), 'read');
  assert.equal(await page.locator('main select, main input[type="file"], [data-testid="assessment-actions"]').count(), 0);
  assert.deepEqual(page.problems, []);
  // Another entity's assessment is not theirs to read: the server's refusal is shown.
  const others = await apiGet(page, `/api/v1/assessments?entity_id=6&period=${YEAR}`);
  await page.evaluate((id) => { location.hash = `#/assessment/${id}`; }, others.items[0].id);
  await page.locator('[data-testid="notice"]:not([hidden])').waitFor();
  await page.context().close();
});

// Each role lands on its home: its own work first (drafts, items sent back, the review queue),
// then the network's pulse as charts with data tables. The counts on the tiles are checked
// against the API with the same caller; screenshots of every role's home at laptop and phone
// width in both languages are written for the closing note.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, login, screenshot, apiGet, switchLanguage, useServerAndBrowser } from './harness.mjs';

let server, browser;
useServerAndBrowser((s, b) => { server = s; browser = b; });

const ROLES = [
  { login: 'admin', password: 'admin-demo', tiles: ['my-drafts', 'sent-back', 'awaiting-review'], lists: ['home-my-work', 'home-review-queue'] },
  { login: 'police.editor', tiles: ['my-drafts', 'sent-back'], noTiles: ['awaiting-review'], lists: ['home-my-work'] },
  { login: 'police.reviewer', tiles: ['awaiting-review'], noTiles: ['my-drafts'], lists: ['home-review-queue'] },
  { login: 'police.director', tiles: ['my-drafts', 'awaiting-review'], lists: ['home-my-work', 'home-review-queue'] },
  { login: 'police.spokesperson', tiles: ['conflicts'], noTiles: ['my-drafts', 'awaiting-review'], lists: ['home-coming-up'] },
  { login: 'gco.analyst', tiles: ['conflicts', 'facts-expiring', 'initiatives-active'], noTiles: ['my-drafts'], lists: [] },
];

async function openHome(page, who) {
  await login(page, who.login, who.password || 'sawt-demo-2026', server.url);
  await page.evaluate(() => { location.hash = '#/home'; });
  await page.getByTestId('home-tiles').waitFor();
}

async function tileCount(page, name) {
  return Number(await page.getByTestId(`tile-${name}`).getAttribute('data-count'));
}

for (const who of ROLES) {
  test(`${who.login}: the home shows this role's work, counts that match the API, and the charts`, async () => {
    const page = await newPage(browser, { locale: 'ar', viewport: { width: 1440, height: 900 } });
    await openHome(page, who);
    for (const name of who.tiles) assert.equal(await page.getByTestId(`tile-${name}`).count(), 1, name);
    for (const name of who.noTiles || []) assert.equal(await page.getByTestId(`tile-${name}`).count(), 0, name);
    for (const name of who.lists) await page.getByTestId(name).waitFor();

    // The counts are the API's, seen with the same session.
    const items = [];
    for (let cursor = null, first = true; first || cursor; first = false) {
      const page1 = await apiGet(page, `/api/v1/content-items?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      items.push(...page1.items);
      cursor = page1.next_cursor;
    }
    if (who.tiles.includes('my-drafts')) {
      const mine = items.filter((i) => i.created_by === who.login && ['draft', 'changes_requested'].includes(i.state));
      assert.equal(await tileCount(page, 'my-drafts'), mine.length);
      assert.equal(await tileCount(page, 'sent-back'), mine.filter((i) => i.state === 'changes_requested').length);
    }
    if (who.tiles.includes('awaiting-review')) {
      // Only what this person may review: the entities /api/v1/me grants messaging.content.review in.
      const where = (await apiGet(page, '/api/v1/me')).permissions['messaging.content.review'];
      const reviews = (entity) => where === true || (Array.isArray(where) && where.map(String).includes(String(entity)));
      const queue = items.filter((i) => i.state === 'in_review' && reviews(i.owner_entity_id));
      if (who.login === 'police.director') {
        assert.ok(items.some((i) => i.state === 'in_review' && !reviews(i.owner_entity_id)), 'the demo has another entity\'s item in review');
      }
      assert.equal(await tileCount(page, 'awaiting-review'), queue.length);
      assert.equal(await page.locator('[data-testid="home-review-queue"] li').count(), Math.min(8, queue.length));
    }

    // Charts: a picture hidden from screen readers and the same numbers in a table.
    for (const chart of ['pipeline', 'calendar-load', 'initiatives']) {
      const figure = page.getByTestId(chart);
      assert.equal(await figure.count(), 1, chart);
      assert.equal(await figure.locator('svg').getAttribute('aria-hidden'), 'true');
      assert.ok(await figure.locator('table tbody tr').count() > 0, chart);
    }
    // The pipeline's table totals are the visible items in those states.
    const totals = await page.getByTestId('pipeline').locator('tbody tr td:last-child').evaluateAll((tds) =>
      tds.map((td) => Number(td.textContent.replace(/[٠-٩]/g, (d) => '٠١٢٣٤٥٦٧٨٩'.indexOf(d)))));
    const inPipeline = items.filter((i) => ['draft', 'changes_requested', 'in_review', 'approved', 'scheduled', 'published'].includes(i.state));
    const byEntity = new Set(inPipeline.map((i) => i.owner_entity_id));
    if (byEntity.size <= 10) assert.equal(totals.reduce((a, b) => a + b, 0), inPipeline.length);

    await screenshot(page, `home-${who.login}-ar-desktop`);
    await page.setViewportSize({ width: 390, height: 844 });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
    await screenshot(page, `home-${who.login}-ar-phone`);
    await switchLanguage(page, 'en');
    await page.getByTestId('home-tiles').waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
    await screenshot(page, `home-${who.login}-en-phone`);
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, `home-${who.login}-en-desktop`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

test('the charts draw from the reading edge: in Arabic the first day of the calendar load is on the right, totals past their bars', async () => {
  const page = await newPage(browser, { locale: 'ar', viewport: { width: 1440, height: 900 } });
  await openHome(page, ROLES[0]);
  const xs = async () => page.getByTestId('calendar-load').locator('svg text.chart-label').evaluateAll((els) =>
    els.map((el) => Number(el.getAttribute('x'))));
  const ar = await xs();
  assert.ok(ar[0] > ar[ar.length - 1], `Arabic: ${ar}`);
  // Each pipeline row's total stands past the end of its bar, never over it (as drawn on screen).
  const overlaps = () => page.getByTestId('pipeline').locator('svg').evaluate((svg) => {
    const out = [];
    for (const total of svg.querySelectorAll('text.chart-value')) {
      const t = total.getBoundingClientRect();
      for (const bar of svg.querySelectorAll('rect')) {
        const b = bar.getBoundingClientRect();
        const sameRow = b.top < t.bottom && t.top < b.bottom;
        if (sameRow && b.left < t.right - 0.5 && t.left < b.right - 0.5) out.push(total.textContent);
      }
    }
    return out;
  });
  assert.deepEqual(await overlaps(), [], 'Arabic: totals clear of their bars');
  await switchLanguage(page, 'en');
  // The page re-renders in place: wait for the English chart to replace the Arabic one (a check
  // right after the switch could still read the Arabic chart), then read it.
  await page.waitForFunction(() => {
    const labels = [...document.querySelectorAll('[data-testid="calendar-load"] svg text.chart-label')];
    return document.documentElement.lang === 'en' && labels.length > 1
      && Number(labels[0].getAttribute('x')) < Number(labels[labels.length - 1].getAttribute('x'));
  }, null, { timeout: 10_000 }).catch(() => {});
  const en = await xs();
  assert.ok(en[0] < en[en.length - 1], `English: ${en}`);
  assert.deepEqual(await overlaps(), [], 'English: totals clear of their bars');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// Every page, in both languages, at phone, tablet and laptop widths: nothing is wider than the
// screen, the navigation folds into a menu below desktop width, tables become labelled cards and
// the calendar an agenda on phones, and axe-core finds no serious or critical violation.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, login, screenshot, switchLanguage, useServerAndBrowser, AXE_SOURCE, PHONE } from './harness.mjs';

const PAGES = ['home', 'entities', 'members', 'library', 'facts', 'content', 'editor/new', 'review', 'calendar', 'initiatives',
  'showcase', 'strategy', 'compliance', 'scorecard', 'account', 'notifications', 'crisis-webhooks', 'no-such-page'];
const WIDTHS = [360, 390, 768, 1024];

let server, browser;
useServerAndBrowser((s, b) => { server = s; browser = b; });

/** Goes to a page and waits until it has rendered (its h1 is there and nothing is busy). */
async function open(page, name) {
  await page.evaluate((hash) => { location.hash = hash; }, `#/${name}`);
  await page.waitForFunction(() => {
    const main = document.querySelector('main');
    return main && main.getAttribute('aria-busy') === 'false' && main.querySelector('h1') &&
      !document.querySelector('[aria-busy="true"]');
  });
}

/** The elements that stick out past the viewport's inline edges (for the failure message). */
function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    if (document.documentElement.scrollWidth <= width) return out;
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      if (r.right > width + 1 || r.left < -1) {
        // Only the outermost culprit of each subtree.
        if (!out.some((o) => o.el.contains(el))) out.push({ el, what: `${el.tagName.toLowerCase()}.${el.className} [${Math.round(r.left)}, ${Math.round(r.right)}]` });
      }
    }
    return [`scrollWidth ${document.documentElement.scrollWidth} > ${width}`, ...out.slice(0, 5).map((o) => o.what)];
  });
}

for (const lang of ['ar', 'en']) {
  test(`no page is wider than the screen at ${WIDTHS.join(', ')} px (${lang})`, async () => {
    const page = await newPage(browser, { locale: lang, viewport: { width: 1280, height: 900 } });
    await login(page, 'admin', 'admin-demo', server.url);
    await switchLanguage(page, lang);
    const problems = [];
    for (const name of PAGES) {
      await open(page, name);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 800 });
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const found = await overflow(page);
        if (found.length) problems.push(`#/${name} at ${width}px: ${found.join('; ')}`);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

test('on a phone the navigation is a menu that opens, closes with Escape and after choosing a page', async () => {
  const page = await newPage(browser, { locale: 'ar', viewport: PHONE });
  await login(page, 'admin', 'admin-demo', server.url);
  const toggle = page.getByTestId('menu-toggle');
  assert.equal(await toggle.isVisible(), true);
  assert.equal(await page.getByTestId('nav-calendar').isVisible(), false);
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.equal(await page.getByTestId('nav-calendar').isVisible(), true);
  await page.keyboard.press('Escape');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.getByTestId('nav-calendar').isVisible(), false);
  await toggle.click();
  await page.getByTestId('nav-members').click();
  await page.waitForFunction(() => location.hash === '#/members');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await screenshot(page, 'phone-menu-ar');
  // On a laptop the list is there and the button is not.
  await page.setViewportSize({ width: 1280, height: 800 });
  assert.equal(await toggle.isVisible(), false);
  assert.equal(await page.getByTestId('nav-calendar').isVisible(), true);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('on a phone tables are cards whose values keep their column names, and the calendar is an agenda', async () => {
  const page = await newPage(browser, { locale: 'en', viewport: PHONE });
  await login(page, 'admin', 'admin-demo', server.url);
  await switchLanguage(page, 'en');
  await open(page, 'content');
  const firstRow = page.locator('[data-testid="content-list"] tbody tr').first();
  await firstRow.waitFor();
  const cells = await firstRow.locator('td, th').evaluateAll((els) => els.map((el) => ({
    label: el.dataset.label, display: getComputedStyle(el).display,
  })));
  const heads = await page.locator('[data-testid="content-list"] thead th').allTextContents();
  assert.deepEqual(cells.map((c) => c.label), heads.map((s) => s.trim()).slice(0, cells.length));
  assert.ok(cells.every((c) => c.display !== 'table-cell'), JSON.stringify(cells));
  assert.equal(await page.locator('[data-testid="content-list"] thead').evaluate((el) => el.getBoundingClientRect().width <= 1), true);
  await screenshot(page, 'phone-content-en');

  // The demo calendar has items this month: the agenda lists them by day and the grid is hidden.
  await open(page, 'calendar');
  await page.locator('[data-testid="calendar-agenda-day"]').first().waitFor();
  assert.equal(await page.getByTestId('calendar').isVisible(), false);
  const days = await page.locator('[data-testid="calendar-agenda-day"]').evaluateAll((els) => els.map((el) => el.dataset.date));
  assert.deepEqual([...days].sort(), days, "agenda days are in order");
  // Items of several days are listed once, above the days, not under each of them.
  const uids = await page.locator('[data-testid="calendar-agenda-item"]').evaluateAll((els) => els.map((el) => el.dataset.uid));
  assert.equal(new Set(uids).size, uids.length, "an item is listed once");
  assert.ok(await page.locator('[data-testid="calendar-agenda-item"]').count() > 0);
  const first = page.locator('[data-testid="calendar-agenda-item"]').first();
  const uid = await first.getAttribute('data-uid');
  await first.click();
  // The detail opens below the agenda and takes the focus, so the phone scrolls to it.
  const detail = page.locator(`[data-testid="calendar-detail"][data-uid="${uid}"]`);
  await detail.waitFor();
  assert.equal(await detail.evaluate((el) => el.contains(document.activeElement)), true);
  assert.equal(await detail.isVisible(), true);
  await screenshot(page, 'phone-calendar-en');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('an unknown address shows a not-found page with the way home, in the user\'s language', async () => {
  const page = await newPage(browser, { locale: 'ar', viewport: { width: 1280, height: 800 } });
  await login(page, 'admin', 'admin-demo', server.url);
  await open(page, 'no-such-page');
  const notFound = page.getByTestId('not-found');
  assert.match(await notFound.locator('h1').textContent(), /غير موجودة/);
  await switchLanguage(page, 'en');
  assert.match(await notFound.locator('h1').textContent(), /not found/i);
  await notFound.getByRole('link').click();
  await page.getByTestId('home-tiles').waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

for (const lang of ['ar', 'en']) {
  test(`axe-core finds no serious or critical violation on any page (${lang}, laptop and phone)`, async () => {
    const page = await newPage(browser, { locale: lang, viewport: { width: 1280, height: 900 } });
    await login(page, 'admin', 'admin-demo', server.url);
    await switchLanguage(page, lang);
    await page.evaluate(AXE_SOURCE);
    const found = [];
    for (const viewport of [{ width: 1280, height: 900 }, PHONE]) {
      await page.setViewportSize(viewport);
      for (const name of PAGES) {
        await open(page, name);
        const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
        for (const v of result.violations) {
          if (v.impact !== 'serious' && v.impact !== 'critical') continue;
          // A tree item is named by its own label (aria-labelledby) while its content includes
          // its children: the WAI-ARIA tree pattern, which this experimental rule does not know.
          const nodes = v.id === 'label-content-name-mismatch' ? v.nodes.filter((n) => !/^<li[^>]*role="treeitem"/.test(n.html)) : v.nodes;
          if (!nodes.length) continue;
          v.nodes = nodes;
          found.push(`#/${name} ${viewport.width}px ${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
        }
      }
    }
    assert.deepEqual(found, []);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

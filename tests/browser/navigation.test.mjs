// The navigation composed from the capabilities (web/js/capabilities.js): one entry per capability,
// a link for a capability showing one page, a disclosure button (nav-group-<capability>) over the
// pages of one showing several; Escape, a click elsewhere and leaving by keyboard close it; the
// current page's link is aria-current and its group is marked; on phones the groups are headed
// sections of the menu. Pages are listed only when the caller holds their permission. Count badges
// say what waits for the caller (items to review, items sent back, crises under way), on the link
// and on its closed group, read out as a sentence.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, login, screenshot, switchLanguage, useServerAndBrowser, openNav, axeProblems, overflows, PHONE, apiGet, apiSend } from './harness.mjs';

const PASSWORD = 'sawt-demo-2026';
const DESKTOP = { width: 1440, height: 900 };

let server, browser;
useServerAndBrowser((s, b) => { server = s; browser = b; });

/** The top-level entries: [testid of the link or group button]. */
function topLevel(page) {
  return page.locator('.nav-list > li').evaluateAll((items) => items.map((li) =>
    li.querySelector(':scope > a, :scope > button').dataset.testid));
}

/** Goes to a page and waits until it has rendered. */
async function open(page, hash) {
  await page.evaluate((h) => { location.hash = h; }, hash);
  await page.waitForFunction(() => document.querySelector('main')?.getAttribute('aria-busy') === 'false' && document.querySelector('main h1'));
}

for (const lang of ['ar', 'en']) {
  test(`wide screens: capabilities as links and disclosure groups (${lang})`, async () => {
    const page = await newPage(browser, { locale: lang, viewport: DESKTOP });
    await login(page, 'admin', 'admin-demo', server.url);
    await switchLanguage(page, lang);
    await open(page, '#/home');
    await page.getByTestId('home-tiles').waitFor();
    assert.deepEqual(await topLevel(page), ['nav-home', 'nav-group-network', 'nav-group-messaging', 'nav-calendar',
      'nav-group-initiatives', 'nav-group-strategy', 'nav-crises', 'nav-account']);
    assert.equal(await page.getByTestId('nav-home').getAttribute('aria-current'), 'page');

    // A group opens its list; Escape closes it and gives the focus back to its button.
    const group = page.getByTestId('nav-group-network');
    assert.equal(await group.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.getByTestId('nav-members').isVisible(), false);
    const listId = await group.getAttribute('aria-controls');
    assert.equal(await page.locator(`#${listId}`).count(), 1);
    await group.click();
    assert.equal(await group.getAttribute('aria-expanded'), 'true');
    assert.equal(await page.getByTestId('nav-members').isVisible(), true);
    assert.equal(await overflows(page), false);
    assert.deepEqual(await axeProblems(page), []);
    await screenshot(page, `nav-group-open-${lang}-desktop`);
    await page.keyboard.press('Escape');
    assert.equal(await group.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'nav-group-network');

    // Opening another group closes the first; a click elsewhere closes it too.
    await group.click();
    await page.getByTestId('nav-group-messaging').click();
    assert.equal(await group.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.getByTestId('nav-group-messaging').getAttribute('aria-expanded'), 'true');
    await page.locator('main h1').click();
    assert.equal(await page.getByTestId('nav-group-messaging').getAttribute('aria-expanded'), 'false');

    // Keyboard: Down on the button opens the list at its first page, Down/Up move, Tab out closes.
    await group.focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await group.getAttribute('aria-expanded'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'nav-entities');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'nav-members');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'nav-entities');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Tab');
    assert.equal(await group.getAttribute('aria-expanded'), 'false');

    // Choosing a page closes the list, marks the link as current and its group.
    await (await openNav(page, 'members')).click();
    await page.waitForFunction(() => location.hash === '#/members');
    await page.getByTestId('member-list').waitFor();
    assert.equal(await group.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.getByTestId('nav-members').getAttribute('aria-current'), 'page');
    assert.equal(await page.locator('li.nav-group.current [data-testid="nav-group-network"]').count(), 1);
    assert.equal(await page.locator('li.nav-group.current').count(), 1);

    // The editor has no entry of its own: the content link and the messaging group are current.
    await page.evaluate(() => { location.hash = '#/editor/new'; });
    await page.getByTestId('editor').waitFor();
    assert.equal(await page.getByTestId('nav-content').getAttribute('aria-current'), 'page');
    assert.equal(await page.locator('li.nav-group.current [data-testid="nav-group-messaging"]').count(), 1);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });

  test(`phones: the groups are headed sections of the menu (${lang})`, async () => {
    const page = await newPage(browser, { locale: lang, viewport: PHONE });
    await login(page, 'admin', 'admin-demo', server.url);
    await switchLanguage(page, lang);
    await open(page, '#/home');
    await page.getByTestId('home-tiles').waitFor();
    const toggle = page.getByTestId('menu-toggle');
    await toggle.click();
    assert.equal(await page.getByTestId('nav-group-network').isVisible(), false);
    const headings = await page.locator('.nav-group-heading').evaluateAll((els) => els.filter((el) => el.offsetParent).map((el) => el.textContent));
    assert.equal(headings.length, 4);
    for (const route of ['home', 'entities', 'members', 'library', 'facts', 'content', 'review', 'calendar', 'initiatives', 'showcase',
      'strategy', 'compliance', 'scorecard', 'crises', 'account']) {
      assert.equal(await page.getByTestId(`nav-${route}`).isVisible(), true, route);
    }
    assert.equal(await overflows(page), false);
    assert.deepEqual(await axeProblems(page), []);
    await screenshot(page, `nav-menu-${lang}-phone`);
    // A click outside the menu (below it, on the page) closes it.
    const menuBottom = await page.locator('#nav-list').evaluate((el) => el.getBoundingClientRect().bottom);
    assert.ok(menuBottom < PHONE.height - 20, `the menu fits the phone's height (${menuBottom})`);
    await page.mouse.click(PHONE.width / 2, PHONE.height - 10);
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    // openNav opens the menu and leaves the link ready to click.
    await (await openNav(page, 'showcase')).click();
    await page.waitForFunction(() => location.hash === '#/showcase');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

test('the navigation lists the pages whose permission the caller holds', async () => {
  const visible = async (user) => {
    const page = await newPage(browser, { locale: 'en', viewport: DESKTOP });
    await login(page, user, PASSWORD, server.url);
    const shown = await page.locator('[data-testid="nav"] a[data-testid^="nav-"]').evaluateAll((els) => els.map((el) => el.dataset.testid));
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    await page.context().close();
    return { shown, me };
  };
  const editor = await visible('police.editor');
  assert.ok(editor.me.permissions, 'GET /api/v1/me answers permissions');
  assert.equal(editor.me.permissions['messaging.content.review'], undefined);
  assert.ok(!editor.shown.includes('nav-review'), 'an editor has no review queue');
  assert.ok(editor.shown.includes('nav-content'));
  const reviewer = await visible('police.reviewer');
  assert.ok(Array.isArray(reviewer.me.permissions['messaging.content.review']));
  assert.ok(reviewer.shown.includes('nav-review'), 'a reviewer has the review queue');
});

/** The number a link's or group button's badge shows (0 when it has none), in Western digits. */
async function badge(page, testid) {
  const text = await page.getByTestId(testid).locator('[data-testid="nav-count"]').textContent({ timeout: 1000 }).catch(() => '');
  return Number(text.replace(/[٠-٩]/g, (d) => '٠١٢٣٤٥٦٧٨٩'.indexOf(d)) || 0);
}

test('count badges: what waits for the reviewer, on the link and its group, gone once reviewed', async () => {
  const page = await newPage(browser, { locale: 'ar', viewport: DESKTOP });
  await login(page, 'police.reviewer', PASSWORD, server.url);
  await switchLanguage(page, 'ar');
  const police = (await apiGet(page, '/api/v1/entities?limit=200')).items.find((e) => e.code === 'police');
  const inReview = async () => (await apiGet(page, '/api/v1/content-items?state=in_review&limit=200')).items
    .filter((i) => i.owner_entity_id === police.id);
  const expected = (await inReview()).length;
  assert.ok(expected > 0, 'the demo has a police item in review');
  await open(page, '#/home');
  await page.waitForFunction(() => document.querySelector('[data-testid="nav"]')?.dataset.counts === 'ready');
  assert.equal(await badge(page, 'nav-group-messaging'), expected, 'the closed group says it');
  assert.match(await page.getByTestId('nav-group-messaging').textContent(), /[٠-٩]/, 'in the page digits');
  await page.getByTestId('nav-group-messaging').click();
  assert.equal(await badge(page, 'nav-review'), expected);
  const name = await page.getByTestId('nav-review').evaluate((a) => a.textContent);
  assert.ok(name.includes('بانتظار مراجعتك'), `the link reads out the count: ${name}`);
  assert.deepEqual(await axeProblems(page), []);
  await screenshot(page, 'nav-count-ar');
  // Another entity's item in review is not this reviewer's: the count is the police's alone.
  assert.ok((await apiGet(page, '/api/v1/content-items?state=in_review&limit=200')).items.some((i) => i.owner_entity_id !== police.id));

  // Reviewing one lowers the count at the next page.
  const item = (await inReview())[0];
  const approved = await apiSend(page, 'POST', `/api/v1/content-items/${item.id}/transitions`, { to: 'changes_requested', comment: 'للتعديل' },
    { 'If-Match': `"${item.version}"` });
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  await open(page, '#/review');
  await page.waitForFunction((n) => {
    const b = document.querySelector('[data-testid="nav-group-messaging"] [data-testid="nav-count"]');
    return n === 0 ? !b : b && b.textContent.length > 0;
  }, expected - 1);
  assert.equal(await badge(page, 'nav-group-messaging'), expected - 1);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the crises badge is the API\'s count of crises under way; no messaging badge without work there', async () => {
  const page = await newPage(browser, { locale: 'en', viewport: DESKTOP });
  await login(page, 'police.spokesperson', PASSWORD, server.url);
  await switchLanguage(page, 'en');
  await open(page, '#/home');
  await page.waitForFunction(() => document.querySelector('[data-testid="nav"]')?.dataset.counts === 'ready');
  const active = (await apiGet(page, '/api/v1/crises?status=active&limit=200')).items.length;
  assert.equal(await badge(page, 'nav-crises'), active);
  assert.equal(await badge(page, 'nav-group-messaging'), 0, 'nothing to review, nothing sent back');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

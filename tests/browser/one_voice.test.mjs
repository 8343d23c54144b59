// "One voice" end to end: an editor drafts a press release whose Arabic body contradicts an
// approved demo fact, sees the live finding with its span, fixes the figure, saves and submits;
// a reviewer of the same entity approves it in the review queue, schedules and publishes it; it
// is then in the entity's public Atom feed and on the shared calendar.
// And: two reviewers acting on one item at once give one success and one clear 412 notice.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, login, screenshot, apiGet, switchLanguage, useServerAndBrowser, networkTomorrow, openNav } from './harness.mjs';

const PASSWORD = 'sawt-demo-2026';
let server, browser;
useServerAndBrowser((s, b) => { server = s; browser = b; });

// Planned for tomorrow (the network's): a scheduled item whose planned time has passed is published
// by the server's worker at once (docs/messaging.md), and this test publishes it by hand.
const tomorrow = networkTomorrow;

/**
 * Signs two RTA members in (two browser contexts) and opens the same demo item, the first RTA item
 * in `state`, on #/<route>/<id> in both; resolves once both show `ready` (a data-testid).
 */
async function openTwice(users, state, route, ready) {
  const pages = [];
  for (const user of users) {
    const page = await newPage(browser);
    await login(page, user, PASSWORD, server.url);
    pages.push(page);
  }
  const rta = (await apiGet(pages[0], '/api/v1/entities')).items.find((e) => e.code === 'rta');
  const items = (await apiGet(pages[0], `/api/v1/content-items?state=${state}&entity_id=${rta.id}`)).items;
  assert.ok(items.length > 0, `the demo has an RTA item in ${state}`);
  for (const page of pages) {
    await page.goto(`${server.url}/#/${route}/${items[0].id}`);
    await page.getByTestId(ready).waitFor();
  }
  return pages;
}

test('an editor fixes a contradicted fact, a reviewer approves, the release is published', async () => {
  const editor = await newPage(browser);
  await login(editor, 'tourism.editor', PASSWORD, server.url);

  // The approved figure the draft will contradict: the demo's number of visitors (24.1 million).
  const facts = (await apiGet(editor, '/api/v1/facts?state=approved')).items;
  const visitors = facts.find((f) => f.key === 'tourism-visitors');
  assert.ok(visitors, 'the demo has the tourism-visitors fact');
  assert.equal(visitors.numeric_value, 24100000);
  const entities = (await apiGet(editor, '/api/v1/entities')).items;
  const tourism = entities.find((e) => e.code === 'tourism');

  const stamp = Date.now().toString(36);
  const titleAr = `الإمارة تستقبل زوارها ${stamp}`;
  const wrongBody = 'بلغ عدد الزوار 23 مليون زائر خلال العام الماضي، وتواصل الإمارة تطوير وجهاتها.';
  const rightBody = `بلغ عدد الزوار ${visitors.value_ar} زائر خلال العام الماضي، وتواصل الإمارة تطوير وجهاتها.`;

  await (await openNav(editor, 'content')).click();
  await editor.getByTestId('content-new').click();
  await editor.getByTestId('editor').waitFor();
  assert.equal(await editor.getByTestId('editor-owner').inputValue(), String(tourism.id));
  await editor.getByTestId('editor-kind').selectOption('social_post');
  assert.equal(await editor.getByTestId('editor-importance').inputValue(), 'normal');
  await editor.getByTestId('editor-kind').selectOption('press_release');
  // A press release is high importance unless the author says otherwise; the audience is chosen.
  assert.equal(await editor.getByTestId('editor-importance').inputValue(), 'high');
  assert.equal(await editor.getByTestId('editor-audience').inputValue(), 'public');
  await editor.getByTestId('editor-audience').selectOption('visitors');
  await editor.locator('[data-testid="editor-theme"][value="tourism"]').check();
  await editor.getByTestId('editor-date').fill(tomorrow());
  await editor.getByTestId('editor-title-ar').fill(titleAr);
  await editor.getByTestId('editor-body-ar').fill(wrongBody);
  await editor.getByTestId('editor-title-en').fill(`The emirate welcomes its visitors ${stamp}`);
  await editor.getByTestId('editor-body-en').fill(`Visitor numbers reached ${visitors.value_en} last year.`);

  // The live check finds the contradicted figure; its span is highlighted in the Arabic body.
  const factFinding = editor.locator('[data-testid="finding"][data-kind="fact"][data-reason="messaging.alignment.fact_contradicted"]');
  await factFinding.waitFor();
  assert.equal(await factFinding.getAttribute('data-severity'), 'error');
  // The server words the finding in the page's digits (Arabic-Indic in Arabic by default).
  assert.match(await factFinding.getByTestId('finding-message').textContent(), /٢٤٫١ مليون/);
  const mark = editor.locator('[data-testid="highlight-body_ar"] mark[data-severity="error"]');
  assert.equal((await mark.textContent()).trim(), '23 مليون');

  // Choosing the finding selects its span in the textarea.
  await factFinding.locator('button.finding-button').click();
  const selected = await editor.evaluate(() => {
    const el = document.activeElement;
    return el.dataset.testid + ':' + el.value.slice(el.selectionStart, el.selectionEnd);
  });
  assert.equal(selected, 'editor-body-ar:23 مليون');
  await screenshot(editor, 'editor-finding-ar');

  // One click puts the approved figure in place, in the draft's own words; the finding goes away.
  const fix = factFinding.getByTestId('finding-fix');
  assert.match(await fix.textContent(), /24\.1 مليون/);
  await fix.click();
  assert.equal(await editor.getByTestId('editor-body-ar').inputValue(), rightBody);
  await factFinding.waitFor({ state: 'detached' });
  assert.equal(await editor.locator('[data-testid="finding"][data-kind="fact"]').count(), 0);

  // Save (the server's report agrees), then submit for review.
  await editor.getByTestId('editor-save').click();
  await editor.waitForFunction(() => /^#\/editor\/\d+$/.test(location.hash));
  const id = (await editor.evaluate(() => location.hash)).split('/').pop();
  const saved = await apiGet(editor, `/api/v1/content-items/${id}`);
  assert.equal(saved.importance, 'high');
  assert.equal(saved.audience, 'visitors');
  await editor.locator('[data-testid="editor-status"]:not(:empty)').waitFor();
  assert.equal(await editor.locator('[data-testid="finding"][data-kind="fact"]').count(), 0);
  await editor.getByTestId('workflow-in_review').click();
  await editor.locator('.page-head [data-testid="state"][data-state="in_review"]').waitFor();
  assert.equal(await editor.getByTestId('editor-readonly').count(), 1, 'an item in review is read-only');
  // No step is left to the editor, and the step just taken is still confirmed.
  await editor.getByTestId('workflow-none').waitFor();
  assert.match(await editor.getByTestId('workflow-status').textContent(), /قيد المراجعة/);
  await switchLanguage(editor, 'en');
  await editor.locator('[data-testid="versions"] [data-testid="diff-view"]').waitFor();
  await screenshot(editor, 'editor-submitted-en');
  assert.deepEqual(editor.problems, []);

  // A reviewer of the same entity finds it in the queue, oldest first, and approves it.
  const reviewer = await newPage(browser, { locale: 'en' });
  await login(reviewer, 'tourism.reviewer', PASSWORD, server.url);
  await (await openNav(reviewer, 'review')).click();
  const row = reviewer.locator(`[data-testid="review-item"][data-id="${id}"]`);
  await row.waitFor();
  await screenshot(reviewer, 'review-queue-ar');
  await row.locator('a').click();
  await reviewer.getByTestId('review-item-view').waitFor();
  assert.equal(await reviewer.getByTestId('review-title').textContent(), titleAr);
  assert.equal(await reviewer.locator('[data-testid="finding"][data-kind="fact"]').count(), 0);
  await reviewer.locator('[data-testid="versions"] [data-testid="diff-view"]').waitFor();
  await reviewer.getByTestId('workflow-comment').fill('ممتاز، جاهز للنشر.');
  await reviewer.getByTestId('workflow-approved').click();
  await reviewer.locator('.page-head [data-testid="state"][data-state="approved"]').waitFor();
  assert.match(await reviewer.getByTestId('workflow-status').textContent(), /\S/);
  await switchLanguage(reviewer, 'en');
  await reviewer.getByTestId('workflow-scheduled').waitFor();
  await screenshot(reviewer, 'review-approved-en');

  // Schedule and publish (reviewers may publish for their entity).
  await reviewer.getByTestId('workflow-scheduled').click();
  await reviewer.locator('.page-head [data-testid="state"][data-state="scheduled"]').waitFor();
  // Scheduling says when the item will go out.
  assert.match(await reviewer.getByTestId('workflow-status').textContent(), /will be published on/);
  // Publishing before the planned time asks first; "wait" changes nothing.
  await reviewer.getByTestId('workflow-published').click();
  await reviewer.getByTestId('publish-early').waitFor();
  assert.match(await reviewer.getByTestId('publish-early').textContent(), /before/);
  await reviewer.getByTestId('publish-early-cancel').click();
  await reviewer.getByTestId('publish-early').waitFor({ state: 'detached' });
  assert.equal(await reviewer.locator('.page-head [data-testid="state"]').getAttribute('data-state'), 'scheduled');
  await reviewer.getByTestId('workflow-published').click();
  await reviewer.getByTestId('publish-early-confirm').click();
  await reviewer.locator('.page-head [data-testid="state"][data-state="published"]').waitFor();
  assert.deepEqual(reviewer.problems, []);

  // The public Atom feed of the entity carries it.
  const feed = await fetch(`${server.url}/feeds/entities/${tourism.code}.atom`);
  assert.equal(feed.status, 200);
  const xml = await feed.text();
  assert.ok(xml.includes(titleAr), 'the published release is in the entity feed');

  // calendar: the release is on the calendar in the week it is planned for.
  await reviewer.goto(`${server.url}/#/calendar/week/${tomorrow()}`);
  await reviewer.getByTestId('calendar').waitFor();
  const planned = reviewer.locator(`[data-testid="calendar-item"][data-uid="content-${id}"]`);
  await planned.first().waitFor();
  assert.match(await planned.first().textContent(), new RegExp(stamp));
  assert.equal(await planned.first().getAttribute('data-source'), 'content_item');
  assert.deepEqual(reviewer.problems, []);
});

test('two reviewers acting at once: one succeeds, the other gets a clear 412 notice', async () => {
  const [first, second] = await openTwice(['rta.reviewer', 'rta.director'], 'in_review', 'review', 'workflow-approved');
  await first.getByTestId('workflow-approved').click();
  await first.locator('.page-head [data-testid="state"][data-state="approved"]').waitFor();

  // The second reviewer still sees the old version and asks for changes: refused with 412.
  await second.getByTestId('workflow-comment').fill('يرجى مراجعة الأرقام.');
  await second.getByTestId('workflow-changes_requested').click();
  const notice = second.getByTestId('workflow-conflict');
  await notice.waitFor();
  assert.equal(await notice.getAttribute('role'), 'alert');
  assert.match(await notice.textContent(), /[\u0600-\u06ff]/);
  await screenshot(second, 'review-conflict-ar');
  await second.getByTestId('workflow-conflict-reload').click();
  await second.locator('.page-head [data-testid="state"][data-state="approved"]').waitFor();
  await switchLanguage(second, 'en');
  await second.getByTestId('workflow').waitFor();
  await screenshot(second, 'review-after-conflict-en');

  assert.deepEqual(first.problems, []);
  // The refused request is logged by Chromium as a failed resource load; nothing else may be.
  assert.deepEqual(second.problems.filter((p) => !/status of 412/.test(p)), []);
});

test('saving a draft someone else saved meanwhile shows the conflict notice and reloads', async () => {
  const [a, b] = await openTwice(['rta.editor', 'rta.director'], 'draft', 'editor', 'editor-save');
  await a.getByTestId('editor-title-en').fill('Saved first');
  await a.getByTestId('editor-save').click();
  await a.locator('[data-testid="editor-status"]:not(:empty)').waitFor();

  await b.getByTestId('editor-title-en').fill('Saved second');
  await b.getByTestId('editor-save').click();
  await b.getByTestId('editor-conflict').waitFor();
  assert.equal(await b.getByTestId('editor-conflict').getAttribute('role'), 'alert');
  await b.getByTestId('editor-conflict-reload').click();
  await b.waitForFunction(() => document.querySelector('[data-testid="editor-title-en"]')?.value === 'Saved first');
  assert.deepEqual(a.problems, []);
  assert.deepEqual(b.problems.filter((p) => !/status of 412/.test(p)), []);
});

test('an empty draft is not called aligned: the check asks for text first', async () => {
  const page = await newPage(browser, { locale: 'en' });
  await login(page, 'tourism.editor', PASSWORD, server.url);
  await page.evaluate(() => { location.hash = '#/editor/new'; });
  const status = page.getByTestId('alignment-status');
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-testid="alignment-status"]');
    return el && el.textContent.trim() !== '' && !/…|\.\.\./.test(el.textContent);
  });
  assert.match(await status.textContent(), /لا نص بعد|Nothing written yet/);
  assert.doesNotMatch(await status.textContent(), /agrees|متوافقة/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

/** A write with the page's session (the CSRF token from /api/v1/me). */
function apiWrite(page, method, apiPath, body, ifMatch) {
  return page.evaluate(async ({ method, apiPath, body, ifMatch }) => {
    const me = await (await fetch('/api/v1/me')).json();
    const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token };
    if (ifMatch) headers['If-Match'] = ifMatch;
    const r = await fetch(apiPath, { method, headers, body: JSON.stringify(body) });
    return { status: r.status, etag: r.headers.get('etag'), json: await r.json().catch(() => null) };
  }, { method, apiPath, body, ifMatch });
}

test('a contradicted figure blocks the step until a reason is written; an entity can forbid the override', async () => {
  const editor = await newPage(browser, { locale: 'en' });
  await login(editor, 'tourism.editor', PASSWORD, server.url);
  await switchLanguage(editor, 'en');
  const tourism = (await apiGet(editor, '/api/v1/entities')).items.find((e) => e.code === 'tourism');
  const made = await apiWrite(editor, 'POST', '/api/v1/content-items', {
    kind: 'press_release', owner_entity_id: tourism.id, themes: ['tourism'], channels: ['website'],
    title_ar: `زوار ${Date.now().toString(36)}`, title_en: 'Visitors', body_ar: 'بلغ عدد الزوار 30 مليون زائر خلال العام.', body_en: '',
  });
  assert.equal(made.status, 201, JSON.stringify(made.json));
  await editor.evaluate((id) => { location.hash = `#/editor/${id}`; }, made.json.id);
  await editor.getByTestId('workflow-in_review').click();
  const override = editor.getByTestId('workflow-override');
  await override.waitFor();
  assert.match(await override.textContent(), /error findings/);
  // An empty reason is not sent.
  await editor.getByTestId('workflow-override-go').click();
  assert.equal(await editor.getByTestId('workflow-override-reason').getAttribute('aria-invalid'), 'true');
  await editor.getByTestId('workflow-override-reason').fill('The new figure is confirmed by the Director General today.');
  await editor.getByTestId('workflow-override-go').click();
  await editor.locator('.page-head [data-testid="state"][data-state="in_review"]').waitFor();
  await screenshot(editor, 'override-submitted-en');

  // The tourism director forbids overrides for the entity: approving over the error is refused.
  const director = await newPage(browser, { locale: 'en' });
  await login(director, 'tourism.director', PASSWORD, server.url);
  await switchLanguage(director, 'en');
  const settingsPath = `/api/v1/entities/${tourism.id}/review-settings`;
  const settings = await apiWrite(director, 'GET', settingsPath);
  const saved = await apiWrite(director, 'PUT', settingsPath, { maker_checker: false, forbid_error_override: true }, settings.etag);
  assert.equal(saved.status, 200, JSON.stringify(saved.json));
  try {
    await director.evaluate((id) => { location.hash = `#/review/${id}`; }, made.json.id);
    await director.getByTestId('workflow-approved').click();
    await director.getByTestId('workflow-override-reason').fill('Approved anyway');
    await director.getByTestId('workflow-override-go').click();
    await director.waitForFunction(() => /does not allow/.test(document.querySelector('[data-testid="workflow-error"]')?.textContent || ''));
    assert.equal((await apiGet(director, `/api/v1/content-items/${made.json.id}`)).state, 'in_review');
  } finally {
    const now = await apiWrite(director, 'GET', settingsPath);
    await apiWrite(director, 'PUT', settingsPath, { maker_checker: settings.json.maker_checker, forbid_error_override: false }, now.etag);
  }
  assert.deepEqual(editor.problems.filter((p) => !/status of 409/.test(p)), []);
  assert.deepEqual(director.problems.filter((p) => !/status of 409/.test(p)), []);
});

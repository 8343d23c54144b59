// Webhook subscribers of crisis statements and the crisis report, end to end, in Arabic on a 390 px
// phone and in English on a 1440 px laptop.
//
// Subscribers: the network admin opens them from the crises page, is told beside the field what is
// missing and what the server refuses (in the page's language), registers one at
// http://127.0.0.1:9/hook (nothing listens there, and the server's address policy refuses loopback
// anyway: no delivery leaves the machine) and sees its signing secret once — read-only, "whsec_…",
// with the warning — and no more once the page is drawn anew; the list shows it; the admin pauses
// it, rotates its secret (a cancelled confirmation changes nothing; a confirmed one shows the new
// secret once) and removes it behind a confirmation. Only network admins see the way there.
//
// Report: a drill declared through the API, whose statement two approvers publish, with a
// subscriber that receives drills. Its room's report says "not yet" in words before anything is
// published, then the statements, approval time, reach, the webhook delivery and the statement's
// row, in the page's digits; "print" prints the report alone. The subscriber's deliveries page
// shows the delivery, filters by state and sends it again. No horizontal overflow, no serious
// axe-core finding and no page errors on the way.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  newPage, login, screenshot, useServerAndBrowser, openNav, apiGet, apiSend, switchLanguage, axeProblems, overflows, chooseAction, settled, go, PHONE, LAPTOP,
} from './harness.mjs';

let server, browser;
useServerAndBrowser((s, b) => { server = s; browser = b; });

const PASSWORD = 'sawt-demo-2026';
const HOOK_URL = 'http://127.0.0.1:9/hook';
const ARABIC = /[\u0600-\u06ff]/;
const ARABIC_DIGIT = /[\u0660-\u0669]/;
const RUNS = [
  { lang: 'ar', viewport: PHONE, device: 'phone', name: 'غرفة أخبار الإذاعة' },
  { lang: 'en', viewport: LAPTOP, device: 'laptop', name: 'Radio newsroom' },
];

/** A signed-in page in `lang`. */
async function signIn(user, password, { lang, viewport }) {
  const page = await newPage(browser, { locale: lang, viewport });
  await login(page, user, password, server.url);
  await switchLanguage(page, lang);
  return page;
}

/** The text is in the page's language: Arabic letters in Arabic, none in English. */
function inLanguage(text, lang, what) {
  assert.ok(text.trim(), `${what} is empty`);
  if (lang === 'ar') assert.match(text, ARABIC, what);
  else assert.doesNotMatch(text, ARABIC, what);
}

/** Layout and accessibility at this point of the page, and a screenshot. */
async function checkPage(page, shot, what) {
  assert.equal(await overflows(page), false, `${what} scrolls sideways`);
  assert.deepEqual(await axeProblems(page), [], what);
  await screenshot(page, shot);
}

// The registration the server refuses is a 400 answered to the form on purpose.
const problems = (page) => page.problems.filter((p) => !/status of 400/.test(p));

for (const { lang, viewport, device, name } of RUNS) {
  test(`the network admin registers, pauses, rotates and removes a webhook subscriber (${lang}, ${device})`, async () => {
    const page = await signIn('admin', 'admin-demo', { lang, viewport });
    await (await openNav(page, 'crises')).click();
    await page.getByTestId('crisis-list').waitFor();
    await page.getByTestId('crisis-webhooks-link').click();
    await page.getByTestId('webhook-form').waitFor();
    await settled(page);
    assert.equal(await page.evaluate(() => location.hash), '#/crisis-webhooks');
    assert.equal(await page.getByTestId('nav-crises').getAttribute('aria-current'), 'page', 'the crises entry is current');

    // Nothing typed: the name is asked for beside its field.
    await page.getByTestId('webhook-register').click();
    assert.equal(await page.locator('#webhook-name').getAttribute('aria-invalid'), 'true');
    inLanguage(await page.locator('#webhook-name-error').textContent(), lang, 'the missing name');
    // An address the server refuses: its problem, in the page's language, beside the URL.
    await page.getByTestId('webhook-name').fill(name);
    await page.getByTestId('webhook-url').fill('ftp://127.0.0.1/hook');
    await page.getByTestId('webhook-register').click();
    await page.locator('#webhook-url[aria-invalid="true"]').waitFor();
    inLanguage(await page.locator('#webhook-url-error').textContent(), lang, "the server's refusal");

    await page.getByTestId('webhook-url').fill(HOOK_URL);
    await page.getByTestId('webhook-drills').check();
    await page.getByTestId('webhook-register').click();
    await page.getByTestId('webhook-secret-panel').waitFor();
    const field = page.getByTestId('webhook-secret');
    const secret = await field.inputValue();
    assert.match(secret, /^whsec_/);
    assert.notEqual(await field.getAttribute('readonly'), null, 'read-only');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'webhook-secret', 'focus on the secret, described by the warning');
    inLanguage(await page.getByTestId('webhook-secret-warning').textContent(), lang, 'the warning');
    inLanguage(await page.getByTestId('webhooks-status').textContent(), lang, 'the registration status');
    assert.equal(await page.getByTestId('webhook-name').inputValue(), '', 'the form is ready for the next one');
    await page.getByTestId('webhook-copy').click();
    await page.locator('[data-testid="webhook-copy-status"]:not(:empty)').waitFor();

    const row = page.getByTestId('webhook-item').filter({ hasText: name });
    await row.waitFor();
    const id = await row.getAttribute('data-id');
    assert.equal(await row.getAttribute('data-active'), 'true');
    assert.equal(await row.getByTestId('webhook-url-text').textContent(), HOOK_URL);
    inLanguage(await row.getByTestId('webhook-drills-text').textContent(), lang, 'drills included');
    assert.equal(await row.locator('[data-testid="webhook-counts"] li[data-state="delivered"]').getAttribute('data-count'), '0');
    if (lang === 'ar') assert.match(await row.getByTestId('webhook-counts').textContent(), /٠/, 'counts in the page digits');
    const listed = await apiGet(page, '/api/v1/crisis-webhooks');
    assert.ok(listed.items.some((x) => String(x.id) === id));
    assert.ok(!JSON.stringify(listed).includes(secret), 'the list never carries the secret');
    await checkPage(page, `crisis-webhooks-secret-${lang}-${device}`, `the page with the secret (${lang})`);

    // Drawn anew, the secret is not shown again.
    await go(page, '#/crises');
    await go(page, '#/crisis-webhooks');
    await row.waitFor();
    assert.equal(await page.getByTestId('webhook-secret-panel').count(), 0, 'the secret is shown once');

    // Paused.
    await row.getByTestId('webhook-pause').click();
    await page.locator(`[data-testid="webhook-item"][data-id="${id}"][data-active="false"]`).waitFor();
    assert.match(await page.getByTestId('webhooks-status').textContent(), new RegExp(name));
    assert.equal((await apiGet(page, `/api/v1/crisis-webhooks/${id}`)).active, false);
    assert.equal(await row.getByTestId('webhook-resume').count(), 1);

    // Rotated: a cancelled confirmation changes nothing, a confirmed one shows the new secret once.
    await chooseAction(row, 'webhook-rotate');
    await page.getByTestId('webhook-rotate-dialog').waitFor();
    assert.deepEqual(await axeProblems(page), [], `the rotation dialog (${lang})`);
    await page.getByTestId('webhook-rotate-dialog-cancel').click();
    assert.equal(await page.getByTestId('webhook-secret-panel').count(), 0);
    await chooseAction(row, 'webhook-rotate');
    await page.getByTestId('webhook-rotate-dialog-confirm').click();
    await page.getByTestId('webhook-secret-panel').waitFor();
    const rotated = await page.getByTestId('webhook-secret').inputValue();
    assert.match(rotated, /^whsec_/);
    assert.notEqual(rotated, secret, 'a new secret');
    inLanguage(await page.getByTestId('webhooks-status').textContent(), lang, 'the rotation status');
    await checkPage(page, `crisis-webhooks-rotated-${lang}-${device}`, `the page after rotating (${lang})`);

    // Removed, behind a confirmation: the row and the secret go.
    await chooseAction(row, 'webhook-remove');
    await page.getByTestId('webhook-remove-dialog-confirm').click();
    await page.locator(`[data-testid="webhook-item"][data-id="${id}"]`).waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('webhook-secret-panel').count(), 0);
    assert.match(await page.getByTestId('webhooks-status').textContent(), new RegExp(name));
    assert.ok(!(await apiGet(page, '/api/v1/crisis-webhooks')).items.some((x) => String(x.id) === id));
    await checkPage(page, `crisis-webhooks-${lang}-${device}`, `the list (${lang})`);
    assert.deepEqual(problems(page), []);
    await page.context().close();
  });
}

test('only network admins find the webhook subscribers', async () => {
  const page = await signIn('police.director', PASSWORD, { lang: 'ar', viewport: PHONE });
  await go(page, '#/crises');
  await page.getByTestId('crisis-list').waitFor();
  assert.equal(await page.getByTestId('crisis-webhooks-link').count(), 0);
  await go(page, '#/crisis-webhooks');
  await page.getByTestId('webhooks-refused').waitFor();
  assert.equal(await page.getByTestId('webhook-form').count(), 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

let crisisId = null;
let statementId = null;
let hookId = null;

test('a drill with a subscriber that receives drills: before anything is published, the report says "not yet"', async () => {
  const page = await signIn('admin', 'admin-demo', { lang: 'ar', viewport: PHONE });
  const hook = await apiSend(page, 'POST', '/api/v1/crisis-webhooks', { name: 'شبكة صفارات الإنذار', url: HOOK_URL, include_drills: true });
  assert.equal(hook.status, 201, JSON.stringify(hook.body));
  assert.match(hook.body.secret, /^whsec_/);
  hookId = String(hook.body.id);

  const members = (await apiGet(page, '/api/v1/members?limit=200')).items;
  const member = (login) => {
    const found = members.find((m) => m.login === login);
    assert.ok(found, `${login} is a member`);
    return found.id;
  };
  const police = (await apiGet(page, '/api/v1/entities?limit=200')).items.find((e) => e.code === 'police');
  const declared = await apiSend(page, 'POST', '/api/v1/crises', {
    kind: 'drill', crisis_type: 'weather', severity: 'moderate', lead_entity_id: police.id,
    title_ar: 'تمرين: عاصفة رملية', title_en: 'Drill: sandstorm',
    roles: [{ account_id: member('police.director'), role: 'lead' }, { account_id: member('police.reviewer'), role: 'approver' }],
  });
  assert.equal(declared.status, 201, JSON.stringify(declared.body));
  crisisId = String(declared.body.id);

  await go(page, `#/crises/${crisisId}`);
  const report = page.getByTestId('crisis-section-report');
  await report.getByTestId('report-metrics').waitFor();
  assert.equal(await page.locator('#crisis-report-heading').textContent(), 'تقرير الأزمة');
  for (const key of ['first_statement', 'approval', 'duration']) {
    const value = report.getByTestId(`report-${key}`).locator('.report-value');
    assert.equal(await value.locator('[data-none="true"]').count(), 1, `${key} is not known yet`);
    assert.match(await value.textContent(), ARABIC, `${key} in words`);
  }
  assert.equal(await report.getByTestId('report-statements').locator('.report-value').textContent(), '٠');
  assert.match(await report.getByTestId('report-statements').textContent(), /لا تحديثات/);
  assert.equal(await report.locator('[data-testid="report-statement-list"] tr').count(), 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('two approvers publish its statement: the report shows it in the page digits and prints alone', async () => {
  assert.ok(crisisId, 'the drill was declared');
  const admin = await signIn('admin', 'admin-demo', { lang: 'ar', viewport: PHONE });
  const base = `/api/v1/crises/${crisisId}/statements`;
  const drafted = await apiSend(admin, 'POST', base, {
    title_ar: 'تمرين: تنبيه من عاصفة رملية', title_en: 'Drill: sandstorm warning',
    body_ar: 'تمرين: يُتوقع انخفاض مدى الرؤية على الطرق الخارجية.', body_en: 'Drill: visibility is expected to drop on the outer roads.',
    channels: ['website'],
  });
  assert.equal(drafted.status, 201, JSON.stringify(drafted.body));
  statementId = String(drafted.body.id);
  let submitted = await apiSend(admin, 'POST', `${base}/${statementId}/submit`, {});
  if (submitted.status === 422) submitted = await apiSend(admin, 'POST', `${base}/${statementId}/submit`, { override_reason: 'تمرين.' });
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  for (const approver of ['police.reviewer', 'police.director']) {
    const page = await newPage(browser);
    await login(page, approver, PASSWORD, server.url);
    const approved = await apiSend(page, 'POST', `${base}/${statementId}/approve`, {});
    assert.equal(approved.status, 200, `${approver}: ${JSON.stringify(approved.body)}`);
    await page.context().close();
  }
  assert.equal((await apiGet(admin, `${base}/${statementId}`)).status, 'published');

  await go(admin, `#/crises/${crisisId}`);
  const report = admin.getByTestId('crisis-section-report');
  const row = report.locator(`[data-testid="report-statement"][data-id="${statementId}"]`);
  await row.waitFor();
  const value = (key) => report.getByTestId(`report-${key}`).locator('.report-value');
  assert.equal(await value('first_statement').locator('[data-none]').count(), 0, 'the first statement is known');
  assert.match(await value('first_statement').textContent(), ARABIC);
  assert.equal(await value('statements').textContent(), '١');
  assert.equal(await value('approval').locator('[data-none]').count(), 0);
  assert.equal(await value('reach').textContent(), '١', 'the police');
  assert.match(await report.getByTestId('report-reach').textContent(), /منشور واحد على القنوات/, 'an Arabic plural form');
  const deliveries = report.getByTestId('report-delivery-counts');
  const count = async (state) => Number(await deliveries.locator(`li[data-state="${state}"]`).getAttribute('data-count').catch(() => '0'));
  assert.equal(await count('delivered') + await count('pending') + await count('failed'), 1, 'one delivery to the subscriber');
  assert.match(await deliveries.textContent(), /١/);
  assert.match(await report.getByTestId('report-tasks').textContent(), /٠/);
  assert.equal(await value('duration').locator('[data-none="true"]').count(), 1, 'still active');
  assert.match(await row.textContent(), ARABIC_DIGIT, 'the publication time in the page digits');
  assert.ok((await row.getByTestId('report-approval-minutes').textContent()).trim());
  await checkPage(admin, 'crisis-report-ar-phone', 'the room with its report (ar)');

  // "Print the report": the browser's print, with the report alone and no navigation.
  await admin.evaluate(() => { window.print = () => { window.sawtPrinted = (window.sawtPrinted || 0) + 1; }; });
  await report.getByTestId('report-print').click();
  assert.equal(await admin.evaluate(() => window.sawtPrinted), 1);
  assert.equal(await admin.evaluate(() => document.documentElement.classList.contains('print-crisis-report')), true);
  await admin.emulateMedia({ media: 'print' });
  assert.equal(await admin.locator('header.topbar').isVisible(), false, 'no navigation on paper');
  assert.equal(await admin.getByTestId('crisis-section-statements').isVisible(), false, 'the report alone');
  assert.equal(await admin.getByTestId('crisis-title').isVisible(), true, "the crisis's title heads it");
  assert.equal(await report.getByTestId('report-metrics').isVisible(), true);
  assert.equal(await report.getByTestId('report-print').isVisible(), false);
  await admin.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.equal(await admin.evaluate(() => document.documentElement.classList.contains('print-crisis-report')), false);
  await admin.emulateMedia({ media: 'screen' });
  assert.deepEqual(admin.problems, []);
  await admin.context().close();
});

test("the subscriber's deliveries: the statement's delivery, filtered by state and sent again (ar, phone)", async () => {
  assert.ok(hookId && statementId, 'a statement was published to the subscriber');
  const page = await signIn('admin', 'admin-demo', { lang: 'ar', viewport: PHONE });
  // Once the first attempt has failed, the page says why in words, with the detail under it.
  for (let i = 0; i < 150; i += 1) {
    const listed = await apiGet(page, `/api/v1/crisis-webhooks/${hookId}/deliveries`);
    if (listed.items?.[0]?.attempts >= 1) break;
    await new Promise((resolve) => { setTimeout(resolve, 100); });
  }
  await go(page, '#/crisis-webhooks');
  const hookRow = page.locator(`[data-testid="webhook-item"][data-id="${hookId}"]`);
  await hookRow.waitFor();
  await hookRow.getByTestId('webhook-deliveries-link').click();
  await page.getByTestId('webhook-deliveries').waitFor();
  await settled(page);
  assert.equal(await page.evaluate(() => location.hash), `#/crisis-webhooks/${hookId}`);
  const item = page.getByTestId('delivery-item').first();
  await item.waitFor();
  const state = await item.getAttribute('data-state');
  assert.ok(['pending', 'failed'].includes(state), `nothing is delivered to ${HOOK_URL} (${state})`);
  assert.match(await item.textContent(), ARABIC_DIGIT, 'the statement and times in the page digits');
  const why = item.getByTestId('delivery-error');
  // This server's address policy keeps webhooks off loopback (the default for a deployment).
  assert.equal(await why.locator('.webhook-failure-reason').textContent(), 'العنوان محظور بسياسة العناوين', 'the reason in Arabic');
  assert.match(await why.locator('.webhook-failure-detail').textContent(), /^address refused by the webhook address policy/, 'the detail as sawt said it');
  await checkPage(page, 'crisis-webhook-deliveries-ar-phone', 'the deliveries (ar)');

  await item.getByTestId('delivery-send').click();
  await page.locator('[data-testid="deliveries-status"]:not(:empty)').waitFor();
  inLanguage(await page.getByTestId('deliveries-status').textContent(), 'ar', 'sent again');
  assert.equal(await page.getByTestId('delivery-item').first().getAttribute('data-state'), 'pending', 'due again now');

  // The state filter, labelled by the vocabulary: nothing was delivered.
  const filter = page.getByTestId('delivery-filter-state');
  assert.match(await filter.locator('option[value="delivered"]').textContent(), /وصل/);
  await filter.selectOption('delivered');
  await page.locator('p[data-testid="deliveries-list"]').waitFor();
  inLanguage(await page.getByTestId('deliveries-list').textContent(), 'ar', 'none in this state');
  await filter.selectOption('');
  await page.getByTestId('delivery-item').first().waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the report and the deliveries in English on a laptop', async () => {
  assert.ok(crisisId && hookId, 'the drill and its subscriber exist');
  const page = await signIn('admin', 'admin-demo', { lang: 'en', viewport: LAPTOP });
  await go(page, `#/crises/${crisisId}`);
  const report = page.getByTestId('crisis-section-report');
  await report.locator(`[data-testid="report-statement"][data-id="${statementId}"]`).waitFor();
  assert.equal(await page.locator('#crisis-report-heading').textContent(), 'Crisis report');
  assert.equal(await report.getByTestId('report-statements').locator('.report-value').textContent(), '1');
  assert.match(await report.getByTestId('report-statements').textContent(), /0 updates, 0 cancellations/);
  assert.match(await report.getByTestId('report-reach').textContent(), /1 channel item\b/);
  assert.doesNotMatch(await report.textContent(), ARABIC_DIGIT);
  assert.match(await report.getByTestId('report-duration').textContent(), /Not yet/);
  await checkPage(page, 'crisis-report-en-laptop', 'the room with its report (en)');

  await go(page, `#/crisis-webhooks/${hookId}`);
  await page.getByTestId('delivery-item').first().waitFor();
  inLanguage(await page.getByTestId('delivery-item').first().getByTestId('delivery-state').textContent(), 'en', 'the state label');
  await checkPage(page, 'crisis-webhook-deliveries-en-laptop', 'the deliveries (en)');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

// Crisis statements end to end, Arabic first: a public alerts page is open (no sign-in) before
// anything happens; the police director declares a drill whose room names police.reviewer as
// approver and police.spokesperson as spokesperson (the director leads); the spokesperson drafts
// from the heavy-rain template and requests approval in one flow; the reviewer approves, then the
// director, which publishes it; the public page shows it at the top without a reload, marked as a
// drill with its severity, and its CAP link answers 200 with a CAP 1.2 document (validated with
// xmllint against src/crisis/cap-1.2.xsd when xmllint is there). The room with its statements and
// the public page fit a 390 px phone in Arabic and English with no serious axe-core finding.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ROOT, newPage, login, screenshot, useServerAndBrowser, apiGet, apiSend, switchLanguage, axeProblems, overflows, chooseAction, PHONE,
} from './harness.mjs';

let server, browser;
useServerAndBrowser((s, b) => { server = s; browser = b; });

const PASSWORD = 'sawt-demo-2026';
const AREA_AR = 'الطريق الساحلي';
const AREA_EN = 'the coastal road';
const ARABIC_DIGIT = /[\u0660-\u0669]/;

let crisisId = null;
let statementId = null;
let publicPage = null;

/** A new page signed in as `user` on the drill's room. */
async function openRoom(user, options) {
  assert.ok(crisisId, 'the drill was declared');
  const page = await newPage(browser, options);
  await login(page, user, PASSWORD, server.url);
  await page.evaluate((id) => { location.hash = `#/crises/${id}`; }, crisisId);
  await page.getByTestId('crisis-room').waitFor();
  await page.getByTestId('crisis-section-statements').waitFor();
  return { page, room: page.getByTestId('crisis-room') };
}

const statementCard = (page) => page.locator(`[data-testid="statement"][data-id="${statementId}"]`);

test('the public alerts page opens without signing in and listens', async () => {
  publicPage = await newPage(browser);
  await publicPage.goto(`${server.url}/alerts.html`);
  await publicPage.locator('[data-testid="alerts-live"][data-live="true"]').waitFor();
  await publicPage.locator('[data-testid="alerts-list"], [data-testid="alerts-empty"]').first().waitFor();
  assert.equal(await publicPage.evaluate(() => document.documentElement.lang), 'ar');
  assert.equal(await publicPage.getByTestId('login-form').count(), 0, 'no sign-in asked');
  assert.equal(await publicPage.getByTestId('alerts-atom').getAttribute('href'), '/api/v1/public/alerts');
  // A marker that a reload would lose: new statements must arrive in place.
  await publicPage.evaluate(() => { window.sawtStillHere = true; });
});

test('the director declares a drill with its room: the reviewer approves, the spokesperson speaks', async () => {
  const page = await newPage(browser);
  await login(page, 'police.director', PASSWORD, server.url);
  const members = (await apiGet(page, '/api/v1/members?limit=200')).items;
  const id = (login) => {
    const found = members.find((m) => m.login === login);
    assert.ok(found, `${login} is a member`);
    return found.id;
  };
  const police = (await apiGet(page, '/api/v1/entities?limit=200')).items.find((e) => e.code === 'police');
  const declared = await apiSend(page, 'POST', '/api/v1/crises', {
    kind: 'drill', crisis_type: 'weather', severity: 'severe', lead_entity_id: police.id,
    title_ar: 'تمرين: أمطار غزيرة', title_en: 'Drill: heavy rain',
    roles: [
      { account_id: id('police.director'), role: 'lead' },
      { account_id: id('police.reviewer'), role: 'approver' },
      { account_id: id('police.spokesperson'), role: 'spokesperson' },
    ],
  });
  assert.equal(declared.status, 201, JSON.stringify(declared.body));
  crisisId = String(declared.body.id);
  assert.equal(declared.body.required_approvals, 2, 'the two-person rule by default');
  assert.deepEqual(page.problems, []);
});

test('the spokesperson drafts from the heavy-rain template and requests approval in one flow', async () => {
  const { page, room } = await openRoom('police.spokesperson');
  await page.getByTestId('statement-from-template').click();
  const template = page.getByTestId('statement-template');
  await template.waitFor();
  const templates = (await apiGet(page, '/api/v1/crisis-templates')).items;
  const rain = templates.find((x) => x.code === 'heavy-rain-holding');
  assert.equal(await template.inputValue(), String(rain.id), "the crisis type's template comes first");
  for (const [name, ar, en] of [['area', AREA_AR, AREA_EN], ['time', 'الساعة السادسة صباحًا', '6 a.m.']]) {
    await page.locator(`[data-testid="statement-value"][data-name="${name}"][data-lang="ar"]`).fill(ar);
    await page.locator(`[data-testid="statement-value"][data-name="${name}"][data-lang="en"]`).fill(en);
  }
  await page.getByTestId('statement-fill').click();
  await page.waitForFunction((area) => document.querySelector('#statement-title_ar')?.value.includes(area), AREA_AR);
  assert.match(await page.getByTestId('statement-title_en').inputValue(), /the coastal road/);
  assert.doesNotMatch(await page.getByTestId('statement-body_en').inputValue(), /\{\{|[\u0600-\u06ff]/, 'English values in the English text');
  // The filled texts stay editable.
  await page.getByTestId('statement-instruction_ar').fill('ابتعدوا عن الأودية حتى إشعار آخر.');
  await page.getByTestId('statement-instruction_en').fill('Keep away from wadis until further notice.');

  await page.getByTestId('statement-submit').click();
  // Should the one-voice check report errors, the findings and a reason are asked for first.
  const sent = room.locator('[data-testid="statement"][data-status="in_approval"]');
  const asked = page.getByTestId('statement-misaligned');
  await Promise.race([sent.waitFor(), asked.waitFor()]);
  if (await asked.count()) {
    assert.ok(await page.getByTestId('statement-form-findings').count());
    await page.getByTestId('statement-override').fill('تمرين: النص معتمد من غرفة الأزمة.');
    await page.getByTestId('statement-submit').click();
    await sent.waitFor();
  }
  statementId = await sent.first().getAttribute('data-id');
  const card = statementCard(page);
  assert.match(await card.getByTestId('statement-approvals').textContent(), /٠.*٢/, 'n of required in the page digits');
  assert.equal(await card.getByTestId('statement-approve').count(), 0, 'the author does not approve');
  assert.equal(await card.getByTestId('statement-withdraw').count(), 1, 'the author may withdraw');
  assert.equal(await page.getByTestId('statement-form').count(), 0, 'the form is done');
  assert.match(await page.getByTestId('crisis-statements-status').textContent(), /[\u0600-\u06ff]/);
  // Opened: the text and the one-voice check.
  await card.getByTestId('statement-open').click();
  await card.getByTestId('statement-findings').waitFor();
  assert.match(await card.getByTestId('statement-body').textContent(), new RegExp(AREA_AR));
  assert.deepEqual(page.problems, []);
});

test('the reviewer approves, then the director: the statement is published', async () => {
  assert.ok(statementId, 'a statement awaits approval');
  const reviewer = await openRoom('police.reviewer');
  await statementCard(reviewer.page).getByTestId('statement-approve').click();
  await reviewer.page.locator(`[data-testid="statement"][data-id="${statementId}"] [data-testid="statement-approvals"][data-count="1"]`).waitFor();
  assert.equal(await statementCard(reviewer.page).getAttribute('data-status'), 'in_approval');
  assert.equal(await statementCard(reviewer.page).getByTestId('statement-approve').count(), 0, 'once each');
  assert.deepEqual(reviewer.page.problems, []);

  const director = await openRoom('police.director');
  await statementCard(director.page).getByTestId('statement-approve').click();
  await director.page.locator(`[data-testid="statement"][data-id="${statementId}"][data-status="published"]`).waitFor();
  const card = statementCard(director.page);
  assert.match(await card.textContent(), ARABIC_DIGIT, 'the publication time in the page digits');
  assert.ok(await card.getByTestId('statement-cap').getAttribute('href'));
  // One voice on every channel: the drafted channels (the form's website and X) went out as a
  // content item of every involved entity, each linked from the card.
  const links = card.getByTestId('statement-items').locator('a');
  assert.ok(await links.count() >= 1, 'published as content items');
  assert.match(await links.first().getAttribute('href'), /^#\/editor\/\d+$/);
  assert.equal(await card.getByTestId('statement-update').count(), 1);
  assert.equal(await card.getByTestId('statement-cancel').count(), 1);
  await director.room.locator('[data-testid="timeline-entry"][data-kind="statement"]').waitFor();
  await screenshot(director.page, 'crisis-statements-ar');

  // "Update" starts a draft superseding it (left unsaved).
  await card.getByTestId('statement-update').click();
  assert.equal(await director.page.getByTestId('statement-form').getAttribute('data-msg-type'), 'update');
  await director.page.getByTestId('statement-form-cancel').click();
  assert.deepEqual(director.page.problems, []);
});

test('a blank draft is saved, edited, sent over a contradicted figure with a reason, and withdrawn', async () => {
  const { page, room } = await openRoom('police.spokesperson');
  await page.getByTestId('statement-blank').click();
  // The texts are required in both languages: the first missing one is named beside its field.
  await page.getByTestId('statement-save').click();
  assert.equal(await page.locator('#statement-title_ar').getAttribute('aria-invalid'), 'true');
  await page.getByTestId('statement-title_ar').fill('مسودة: إغلاق نفق الاتحاد');
  await page.getByTestId('statement-title_en').fill('Draft: Union tunnel closed');
  await page.getByTestId('statement-body_ar').fill('يُغلق النفق مؤقتًا بسبب تجمع المياه.');
  await page.getByTestId('statement-body_en').fill('The tunnel is closed for now because of standing water.');
  await page.getByTestId('statement-save').click();
  const draft = room.locator('[data-testid="statement"][data-status="draft"]');
  await draft.waitFor();
  const id = await draft.getAttribute('data-id');
  const card = room.locator(`[data-testid="statement"][data-id="${id}"]`);
  assert.equal(await page.getByTestId('statement-form').count(), 0);
  assert.equal(await draft.getByTestId('statement-approvals').count(), 0, 'no approvals before it is sent');

  // Edited: a figure that contradicts the approved fact (the demo's 24.1 million visitors).
  await draft.getByTestId('statement-edit').click();
  assert.equal(await page.getByTestId('statement-title_en').inputValue(), 'Draft: Union tunnel closed');
  await page.getByTestId('statement-title_en').fill('Draft: Union tunnel closed until noon');
  await page.getByTestId('statement-body_ar').fill('يُغلق النفق مؤقتًا. بلغ عدد الزوار 23 مليون زائر خلال العام الماضي.');
  await page.getByTestId('statement-submit').click();
  await page.getByTestId('statement-misaligned').waitFor();
  assert.ok(await page.locator('[data-testid="statement-form-findings"] [data-testid="statement-finding"][data-severity="error"]').count());
  assert.equal(await page.locator('#statement-override').getAttribute('aria-invalid'), 'true', 'the reason is asked for');
  assert.equal(await card.getAttribute('data-status'), 'draft', 'not sent without a reason');
  // Asking again without a reason is refused in the browser.
  await page.getByTestId('statement-submit').click();
  assert.equal(await page.locator('#statement-override').getAttribute('aria-invalid'), 'true');
  await page.getByTestId('statement-override').fill('تمرين: الرقم مقصود لاختبار التدقيق.');
  await page.getByTestId('statement-submit').click();
  await room.locator(`[data-testid="statement"][data-id="${id}"][data-status="in_approval"]`).waitFor();
  assert.match(await card.getByTestId('statement-override-reason').textContent(), /مقصود/);
  await switchLanguage(page, 'en');
  assert.match(await card.getByTestId('statement-title').textContent(), /until noon/);
  await switchLanguage(page, 'ar');

  await chooseAction(card, 'statement-withdraw');
  await page.getByTestId('statement-withdraw-dialog-cancel').click();
  assert.equal(await card.getAttribute('data-status'), 'in_approval', 'cancelling keeps it');
  await chooseAction(card, 'statement-withdraw');
  await page.getByTestId('statement-withdraw-dialog-confirm').click();
  await room.locator(`[data-testid="statement"][data-id="${id}"][data-status="withdrawn"]`).waitFor();
  // The one 422 is the server's crisis.statement_misaligned, which the form answered.
  assert.deepEqual(page.problems.filter((p) => !/status of 422/.test(p)), []);
});

test('the public page shows the statement live, as a drill, with its CAP document', async () => {
  assert.ok(statementId && publicPage, 'published, and the page was open');
  const item = publicPage.locator(`[data-testid="alert-item"][data-id="${statementId}"]`);
  await item.waitFor();
  assert.equal(await publicPage.evaluate(() => window.sawtStillHere), true, 'no reload');
  assert.equal(await publicPage.getByTestId('alert-item').first().getAttribute('data-id'), statementId, 'at the top');
  assert.equal(await item.getAttribute('data-kind'), 'drill');
  await item.getByTestId('alert-drill').waitFor();
  await item.getByTestId('alert-drill-note').waitFor();
  assert.equal(await item.getByTestId('alert-severity').getAttribute('data-severity'), 'severe');
  assert.match(await item.getByTestId('alert-severity').textContent(), /٣/);
  assert.match(await item.getByTestId('alert-title').textContent(), new RegExp(AREA_AR));
  assert.match(await publicPage.getByTestId('alerts-announce').textContent(), new RegExp(AREA_AR), 'said in the live region');

  const href = await item.getByTestId('alert-cap').getAttribute('href');
  const res = await fetch(new URL(href, server.url));
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /xml/);
  const xml = await res.text();
  assert.match(xml, /<status>Exercise<\/status>/);
  let xmllint = true;
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
  } catch {
    xmllint = false;
  }
  if (xmllint) {
    const file = path.join(os.tmpdir(), `sawt-cap-${statementId}-${process.pid}.xml`);
    fs.writeFileSync(file, xml);
    try {
      execFileSync('xmllint', ['--noout', '--schema', path.join(ROOT, 'src', 'crisis', 'cap-1.2.xsd'), file], { stdio: 'pipe' });
    } finally {
      fs.rmSync(file, { force: true });
    }
  }

  // In English, in place.
  await switchLanguage(publicPage, 'en');
  assert.match(await item.getByTestId('alert-drill').textContent(), /Drill/);
  assert.match(await item.getByTestId('alert-title').textContent(), /the coastal road/);
  await switchLanguage(publicPage, 'ar');
  await screenshot(publicPage, 'alerts-ar');
  assert.deepEqual(publicPage.problems, []);
});

for (const lang of ['ar', 'en']) {
  test(`the room with its statements and the public page fit a phone (${lang})`, async () => {
    assert.ok(statementId, 'a statement was published');
    const { page } = await openRoom('police.director', { locale: lang, viewport: PHONE });
    await switchLanguage(page, lang);
    await statementCard(page).getByTestId('statement-open').click();
    await statementCard(page).getByTestId('statement-findings').waitFor();
    await page.getByTestId('statement-from-template').click(); // the composer open too
    await page.getByTestId('statement-template').waitFor();
    assert.equal(await overflows(page), false, `the room scrolls sideways (${lang})`);
    assert.deepEqual(await axeProblems(page), [], `the room (${lang})`);
    await screenshot(page, `crisis-statements-${lang}-phone`);
    assert.deepEqual(page.problems, []);

    const alerts = await newPage(browser, { locale: lang, viewport: PHONE });
    await alerts.goto(`${server.url}/alerts.html`);
    await alerts.getByTestId('alerts-list').waitFor();
    await switchLanguage(alerts, lang);
    assert.equal(await overflows(alerts), false, `the alerts page scrolls sideways (${lang})`);
    assert.deepEqual(await axeProblems(alerts), [], `the alerts page (${lang})`);
    await screenshot(alerts, `alerts-${lang}-phone`);
    assert.deepEqual(alerts.problems, []);
  });
}

test('the login page links the public alerts page', async () => {
  const page = await newPage(browser, { viewport: PHONE });
  await page.goto(`${server.url}/`);
  await page.getByTestId('login-alerts').waitFor();
  assert.equal(await overflows(page), false);
  assert.deepEqual(await axeProblems(page), []);
  await page.getByTestId('login-alerts').click();
  await page.getByTestId('alerts-live').waitFor();
  assert.match(page.url(), /\/alerts\.html$/);
  assert.deepEqual(page.problems, []);
});

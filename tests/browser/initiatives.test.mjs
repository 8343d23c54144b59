// The initiative registry and the showcase, end to end in Arabic: an editor registers an
// initiative, the network admin finds it in the registry, the editor starts it, records a
// measured outcome and completes it, the admin features it and it shows among the best
// initiatives. No page errors on the way.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, login, screenshot, useServerAndBrowser, openNav } from './harness.mjs';

let server, browser;
useServerAndBrowser((s, b) => { server = s; browser = b; });

const TITLE_AR = 'مبادرة الشواطئ النظيفة';
const TITLE_EN = 'Clean Beaches';

async function openDetail(page, title) {
  await page.getByTestId('filter-q').fill(title);
  await page.getByTestId('filter-q').press('Enter');
  const row = page.getByTestId('initiative-item').filter({ hasText: title });
  await row.waitFor();
  await row.getByRole('link', { name: title }).click();
  await page.getByTestId('initiative-detail').waitFor();
}

test('an editor registers an initiative; it is completed with an outcome and showcased', async () => {
  const editor = await newPage(browser);
  await login(editor, 'municipality.editor', 'sawt-demo-2026', server.url);
  await (await openNav(editor, 'initiatives')).click();
  await editor.getByTestId('initiative-list').waitFor();
  assert.ok(await editor.getByTestId('initiative-item').count() >= 12, 'the demo registry is listed');

  // Register.
  await editor.getByTestId('initiative-new').click();
  const form = editor.getByTestId('initiative-form');
  await form.waitFor();
  await editor.getByTestId('field-title_ar').fill(TITLE_AR);
  await editor.getByTestId('field-title_en').fill(TITLE_EN);
  await editor.getByTestId('field-summary_ar').fill('حملة تطوعية لتنظيف الشواطئ العامة بمشاركة السكان.');
  await editor.getByTestId('field-start_date').fill('2026-11-01');
  await editor.getByTestId('field-end_date').fill('2026-11-30');
  await form.locator('#field-themes-happiness').check();
  await form.locator('#field-channels-instagram').check();
  await editor.getByTestId('initiative-save').click();
  const detail = editor.getByTestId('initiative-detail');
  await detail.waitFor();
  assert.equal(await detail.getByTestId('initiative-status').getAttribute('data-status'), 'planned');
  assert.match(await editor.getByTestId('initiative-message').textContent(), /[\u0600-\u06ff]/);

  // The central office sees it in the registry.
  const admin = await newPage(browser);
  await login(admin, 'admin', 'admin-demo', server.url);
  await (await openNav(admin, 'initiatives')).click();
  await admin.getByTestId('initiative-list').waitFor();
  await screenshot(admin, 'initiatives-list-ar');
  await openDetail(admin, TITLE_AR);
  assert.equal(await admin.locator('h1').textContent(), TITLE_AR);

  // The editor starts it, records a measured result and completes it.
  await editor.getByTestId('status-to-active').click();
  await editor.locator('[data-testid="initiative-status"][data-status="active"]').waitFor();
  await editor.getByTestId('outcomes-ar').fill('شارك ألف متطوع في تنظيف سبعة شواطئ.');
  await editor.getByTestId('outcomes-en').fill('A thousand volunteers cleaned seven beaches.');
  await editor.getByTestId('result-add').click();
  await editor.getByTestId('result-label_ar').fill('المتطوعون');
  await editor.getByTestId('result-label_en').fill('Volunteers');
  await editor.getByTestId('result-value').fill('١٠٠٠');
  await editor.getByTestId('outcomes-save').click();
  await editor.getByTestId('initiative-result').waitFor();
  assert.match(await editor.getByTestId('initiative-result').textContent(), /١٬?٠٠٠/);
  await editor.getByTestId('status-to-completed').click();
  await editor.locator('[data-testid="initiative-status"][data-status="completed"]').waitFor();
  assert.equal(await editor.getByTestId('showcase-submit').count(), 0, 'editors do not showcase');

  // The admin features it.
  await admin.reload();
  await admin.getByTestId('initiative-detail').waitFor();
  await admin.getByTestId('showcase-note').fill('مشاركة مجتمعية واسعة بنتائج مقيسة.');
  await admin.getByTestId('showcase-submit').click();
  await admin.getByTestId('showcase-citation').waitFor();
  await screenshot(admin, 'initiative-detail-ar');

  await (await openNav(admin, 'showcase')).click();
  const card = admin.getByTestId('showcase-card').filter({ hasText: TITLE_AR });
  await card.waitFor();
  assert.match(await card.textContent(), /مشاركة مجتمعية واسعة/);
  assert.ok(await admin.getByTestId('showcase-card').count() >= 4, 'the demo showcase and the new one');
  await screenshot(admin, 'showcase-ar');

  assert.deepEqual(editor.problems, []);
  assert.deepEqual(admin.problems, []);
});

// The communication strategy page (#/strategy), as the head of the office and an entity's editor
// use it, in Arabic and English, on a wide screen and a phone: the umbrella strategy, which
// entities serve each objective (the priority nobody serves stands out), the overdue activities
// and the KPIs with their status in words. No horizontal overflow; no serious axe findings.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, login, screenshot, switchLanguage, useServerAndBrowser, openNav, axeProblems, overflows } from './harness.mjs';

let server, browser;
useServerAndBrowser((s, b) => { server = s; browser = b; });

for (const [lang, viewport] of [['ar', { width: 1440, height: 900 }], ['en', { width: 390, height: 844 }]]) {
  test(`the head of the office reads the strategy (${lang}, ${viewport.width}px)`, async () => {
    const page = await newPage(browser, { locale: lang, viewport });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await login(page, 'admin', 'admin-demo', server.url);
    await switchLanguage(page, lang);
    await (await openNav(page, 'strategy')).click();
    await page.getByTestId('strategy-kpis').waitFor();

    const umbrella = await page.getByTestId('strategy-umbrella').textContent();
    assert.match(umbrella, lang === 'ar' ? /استراتيجية الاتصال الحكومي/ : /Government Communication Strategy/);

    // Every umbrella objective is listed; the one nobody serves says so in words.
    const rows = page.getByTestId('trace-row');
    assert.equal(await rows.count(), 8);
    const unserved = page.locator('[data-testid="trace-row"][data-served="false"]');
    assert.equal(await unserved.count(), 1);
    assert.equal(await unserved.getAttribute('data-code'), 'P2');
    assert.match(await unserved.getByTestId('trace-unserved').textContent(), lang === 'ar' ? /لا تخدمه أي جهة/ : /Served by no entity/);
    const o5 = await page.locator('[data-testid="trace-row"][data-code="O5"]').textContent();
    assert.match(o5, lang === 'ar' ? /القيادة العامة للشرطة/ : /General Command of Police/);

    // Each demo entity has one overdue activity.
    assert.equal(await page.getByTestId('overdue-row').count(), 12);
    assert.match(await page.locator('#overdue-title').textContent(), lang === 'ar' ? /١٢|12/ : /12 overdue activities/);

    // KPIs with their status in words: the municipality's satisfaction is off track.
    const municipality = page.locator('[data-testid="kpi-row"][data-code="municipality.satisfaction"]');
    assert.equal(await municipality.getAttribute('data-status'), 'off_track');
    assert.match(await municipality.textContent(), lang === 'ar' ? /خارج المسار/ : /Off track/);
    const network = page.locator('[data-testid="kpi-row"][data-code="network.content-published"]');
    assert.match(await network.textContent(), lang === 'ar' ? /يُحتسب آليًا/ : /computed/);

    assert.equal(await overflows(page), false, 'no horizontal scrolling');
    assert.deepEqual(await axeProblems(page), []);
    assert.deepEqual(errors, []);
    await screenshot(page, `strategy-${lang}-${viewport.width}`);
  });
}

test('an editor sees the strategy page too (every member reads the strategy)', async () => {
  const page = await newPage(browser);
  await login(page, 'police.editor', 'sawt-demo-2026', server.url);
  await (await openNav(page, 'strategy')).click();
  await page.getByTestId('strategy-trace').waitFor();
  assert.equal(await page.getByTestId('trace-row').count(), 8);
});

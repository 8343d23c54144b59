// A KPI's page (#/kpi/<id>) and the strategy tree (#/strategy), in Arabic on a phone and English on
// a wide screen: from the strategy page a KPI opens with its chart and table showing the demo's
// periods (the numbers the API answers), an editor of the entity records a measurement and sees
// it in the chart and the table, an ended period without a reason gets the server's problem
// beside the field; an umbrella objective opens onto the entity objectives that serve it; a
// computed KPI names its source and refreshes from it. No horizontal overflow; no serious axe findings.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, login, screenshot, switchLanguage, useServerAndBrowser, openNav, apiGet, axeProblems, overflows } from './harness.mjs';

let server, browser;
useServerAndBrowser((s, b) => { server = s; browser = b; });

/** Opens the KPI of the strategy page's row with this code; resolves to the KPI as the API has it. */
async function openKpi(page, code) {
  await (await openNav(page, 'strategy')).click();
  const link = page.locator(`[data-testid="kpi-row"][data-code="${code}"] [data-testid="kpi-link"]`);
  const id = (await link.getAttribute('href')).match(/^#\/kpi\/(\d+)$/)[1];
  await link.click();
  await page.getByTestId('kpi-chart').waitFor();
  return apiGet(page, `/api/v1/kpis/${id}`);
}

/** The chart's value points and the table's rows, as the page shows them. */
function readChart(page) {
  return page.evaluate(() => ({
    points: [...document.querySelectorAll('[data-testid="kpi-chart"] circle.chart-point')]
      .map((c) => ({ period: c.dataset.period, value: Number(c.dataset.value), x: Number(c.getAttribute('cx')) })),
    rows: [...document.querySelectorAll('[data-testid="kpi-chart-row"]')]
      .map((r) => ({ period: r.dataset.period, value: r.cells[1].dataset.value, text: r.textContent })),
  }));
}

test('an editor opens a KPI from the strategy page and records a measurement (en, 1440px)', async () => {
  const page = await newPage(browser, { locale: 'en', viewport: { width: 1440, height: 900 } });
  await login(page, 'police.editor', 'sawt-demo-2026', server.url);
  await switchLanguage(page, 'en');
  const kpi = await openKpi(page, 'police.satisfaction');
  assert.ok(kpi.periods.length >= 4, 'the demo measures several quarters');

  assert.equal(await page.getByTestId('kpi-title').textContent(), kpi.name_en);
  assert.match(await page.getByTestId('kpi-owner').textContent(), /General Command of Police/);
  assert.match(await page.getByTestId('kpi-source').textContent(), /by hand/);
  assert.equal(await page.locator('[data-testid="kpi-status"] [data-status]').getAttribute('data-status'), kpi.status);

  // The chart and its table show every period the API answers, with its figures.
  let shown = await readChart(page);
  assert.deepEqual(shown.rows.map((r) => r.period), kpi.periods.map((p) => p.period));
  assert.deepEqual(shown.points.map((p) => [p.period, p.value]),
    kpi.periods.filter((p) => p.value !== null).map((p) => [p.period, p.value]));
  const last = kpi.periods[kpi.periods.length - 1];
  assert.ok(shown.rows.at(-1).text.includes(`${last.value}%`), `the table shows ${last.value}%`);
  assert.ok(shown.rows.at(-1).text.includes(`${last.target}%`), `the table shows the target ${last.target}%`);
  // Left to right in English: time runs from the left.
  assert.ok(shown.points[0].x < shown.points.at(-1).x);

  // The current quarter has not ended: no reason is needed.
  await page.getByTestId('kpi-record-period').selectOption(last.period);
  await page.getByTestId('kpi-record-value').fill('93.5');
  await page.getByTestId('kpi-record-submit').click();
  await page.locator('[data-testid="kpi-message"]:not(:empty)').waitFor();
  shown = await readChart(page);
  assert.equal(shown.points.find((p) => p.period === last.period).value, 93.5);
  assert.ok(shown.rows.at(-1).text.includes('93.5%'));
  const after = await apiGet(page, `/api/v1/kpis/${kpi.id}`);
  assert.equal(after.periods.at(-1).value, 93.5);

  // An ended quarter needs a reason: the server's problem appears beside the reason field.
  const first = kpi.periods[0].period;
  await page.getByTestId('kpi-record-period').selectOption(first);
  await page.getByTestId('kpi-record-value').fill('70');
  await page.getByTestId('kpi-record-submit').click();
  const problem = page.locator('#kpi-record-reason-error:not(:empty)');
  await problem.waitFor();
  assert.match(await problem.textContent(), /ended/);
  assert.equal(await page.getByTestId('kpi-record-reason').getAttribute('aria-invalid'), 'true');
  assert.equal((await apiGet(page, `/api/v1/kpis/${kpi.id}`)).periods[0].value, kpi.periods[0].value, 'nothing recorded');

  assert.equal(await overflows(page), false, 'no horizontal scrolling');
  assert.deepEqual(await axeProblems(page), []);
  // The refused measurement is logged by the browser as a failed request (the server answers 400).
  assert.deepEqual(page.problems.filter((p) => !/status of 4(00|22)/.test(p)), []);
  await screenshot(page, 'kpi-en-1440');
});

test('the strategy tree opens onto entity objectives; a computed KPI refreshes from its source (ar, 390px)', async () => {
  const page = await newPage(browser, { locale: 'ar', viewport: { width: 390, height: 844 } });
  await login(page, 'admin', 'admin-demo', server.url);
  await switchLanguage(page, 'ar');
  await (await openNav(page, 'strategy')).click();
  await page.getByTestId('strategy-trace').waitFor();

  // O5 opens onto the entity objectives serving it, as the traceability answer lists them.
  const umbrella = (await apiGet(page, '/api/v1/strategies?scope=umbrella&status=active')).items[0];
  const trace = await apiGet(page, `/api/v1/strategies/${umbrella.id}/traceability`);
  const o5 = trace.objectives.find((o) => o.code === 'O5');
  const row = page.locator('[data-testid="trace-row"][data-code="O5"]');
  const leaves = row.getByTestId('trace-contribution');
  assert.equal(await leaves.first().isVisible(), false, 'closed at first');
  await row.getByTestId('trace-toggle').click();
  await leaves.first().waitFor();
  assert.equal(await leaves.count(), o5.contributions.length);
  const c = o5.contributions[0];
  const leaf = row.locator(`[data-testid="trace-contribution"][data-code="${c.code}"]`).first();
  assert.ok((await leaf.textContent()).includes(c.title_ar));
  assert.equal(await leaf.getAttribute('data-entity'), String(c.entity_id));
  assert.equal(await overflows(page), false, 'no horizontal scrolling (tree open)');
  await screenshot(page, 'strategy-tree-ar-390');

  // A computed KPI names its source; its figures are in Arabic-Indic digits, time runs from the right.
  const kpi = await openKpi(page, 'network.content-published');
  const sources = (await apiGet(page, '/api/v1/kpi-sources')).items;
  const source = sources.find((s) => s.code === kpi.source);
  assert.ok((await page.getByTestId('kpi-source').textContent()).includes(source.name_ar));
  const shown = await readChart(page);
  assert.deepEqual(shown.rows.map((r) => r.period), kpi.periods.map((p) => p.period));
  assert.ok(shown.points[0].x > shown.points.at(-1).x, 'the oldest period on the right');
  assert.doesNotMatch(shown.rows.map((r) => r.text).join(' '), /[0-9]/, 'Arabic-Indic digits only');
  assert.match(shown.rows.at(-1).text, /[٠-٩]/);

  await page.getByTestId('kpi-refresh').click();
  await page.locator('[data-testid="kpi-message"]:not(:empty)').waitFor();
  assert.match(await page.getByTestId('kpi-message').textContent(), /حُدّثت/);

  assert.equal(await overflows(page), false, 'no horizontal scrolling');
  assert.deepEqual(await axeProblems(page), []);
  assert.deepEqual(page.problems, []);
  await screenshot(page, 'kpi-ar-390');
});

// The icon set (web/js/icons.js) where the pages use it, in Arabic at 390 px and in English at
// 1440 px: every channel code the server declares (GET /api/v1/vocabularies "channels") has a
// drawing of its own, never the generic fallback, and a code the server adds later falls back
// without an error; the status chips and badges (content items, publications, initiatives, crises,
// their tasks and statements, webhook subscribers, assessments, activities) carry their state's
// icon; every icon is aria-hidden and not focusable, every button or link carrying one still has a
// name; no page scrolls sideways and axe-core finds nothing serious or critical.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  newPage, login, screenshot, useServerAndBrowser, apiGet, apiSend, switchLanguage, axeProblems, overflows, go, PHONE, LAPTOP, RUNS,
} from './harness.mjs';

let server, browser;
useServerAndBrowser((s, b) => { server = s; browser = b; });

// The drawing each status is shown with (the action leading to a state and the state share one).
const STATE_ICONS = {
  draft: 'edit',
  in_review: 'eye',
  changes_requested: 'undo',
  approved: 'check',
  scheduled: 'clock',
  published: 'publish',
  withdrawn: 'ban',
  manual: 'user',
  pending: 'hourglass',
  delivered: 'check',
  posted: 'publish',
  failed: 'failed',
  cancelled: 'ban',
  paused: 'pause',
  planned: 'calendar',
  active: 'play',
  completed: 'check',
  open: 'open',
  done: 'check',
  in_progress: 'play',
  blocked: 'warning',
  not_started: 'open',
  submitted: 'eye',
  returned: 'undo',
  reviewed: 'check',
  error: 'error',
  warning: 'warning',
  info: 'info',
};

async function signIn(user, password, { lang, viewport }) {
  const page = await newPage(browser, { locale: lang, viewport });
  await login(page, user, password, server.url);
  await switchLanguage(page, lang);
  return page;
}

/**
 * Every icon on the page is decoration (aria-hidden="true", focusable="false"), and every button,
 * link or menu item carrying one has a name of its own (its text, aria-label or aria-labelledby).
 * Resolves to the number of icons seen.
 */
async function iconsAreDecoration(page, what) {
  const report = await page.evaluate(() => {
    const icons = [...document.querySelectorAll('svg.icon')];
    const loud = icons.filter((svg) => svg.getAttribute('aria-hidden') !== 'true' || svg.getAttribute('focusable') !== 'false')
      .map((svg) => svg.getAttribute('class'));
    const nameOf = (el) => {
      const label = el.getAttribute('aria-label');
      if (label) return label;
      const by = el.getAttribute('aria-labelledby');
      if (by) return by.split(/\s+/).map((id) => document.getElementById(id)?.textContent || '').join(' ');
      return el.textContent;
    };
    const nameless = [...document.querySelectorAll('button, a, label, [role="menuitem"]')]
      .filter((el) => el.querySelector('svg.icon') && !nameOf(el).trim())
      .map((el) => el.dataset.testid || el.outerHTML.slice(0, 120));
    return { count: icons.length, loud, nameless };
  });
  assert.deepEqual(report.loud, [], `${what}: icons hidden from assistive technology`);
  assert.deepEqual(report.nameless, [], `${what}: controls with an icon keep a name`);
  return report.count;
}

/** No sideways scrolling, no serious axe finding, no page error. */
async function pageIsSound(page, what) {
  assert.equal(await overflows(page), false, `${what}: no sideways scrolling`);
  assert.deepEqual(await axeProblems(page), [], `${what}: axe`);
  assert.deepEqual(page.problems, [], `${what}: no page errors`);
}

/**
 * The state icons of the chips matched by `selector`: [{state, icon}], the state read from the
 * chip's own data attribute `attr` or from its closest `row` ancestor's data-state.
 */
function chipStates(page, selector, { attr = 'state', row = null } = {}) {
  return page.evaluate(({ selector, attr, row }) => [...document.querySelectorAll(selector)].map((chip) => {
    const holder = row ? chip.closest(row) : chip;
    const svg = chip.querySelector(':scope > svg.icon-state');
    return { state: holder?.dataset[attr] ?? null, icon: svg?.dataset.icon ?? null, stateOnIcon: svg?.dataset.state ?? null };
  }), { selector, attr, row });
}

/** Asserts that each chip shows its state's icon; `expected(state)` overrides the table (a vocabulary's own reading). */
function assertStates(chips, what, expected = (state) => STATE_ICONS[state]) {
  assert.ok(chips.length > 0, `${what}: there are chips`);
  for (const { state, icon, stateOnIcon } of chips) {
    assert.ok(state, `${what}: the chip says its state`);
    assert.equal(stateOnIcon, state, `${what}: the icon is the state's`);
    assert.equal(icon, expected(state), `${what}: ${state} is drawn as ${expected(state)}`);
  }
}

test('every channel of the vocabulary has a drawing of its own; an unknown one falls back', async () => {
  const page = await signIn('admin', 'admin-demo', { lang: 'en', viewport: LAPTOP });
  const vocabularies = await apiGet(page, '/api/v1/vocabularies');
  const channels = vocabularies.items.find((v) => v.name === 'channels').terms.map((term) => term.code);
  assert.ok(channels.length >= 18, `the server's channels: ${channels}`);
  const drawn = await page.evaluate(async (codes) => {
    const icons = await import('/js/icons.js');
    const future = icons.channelIcon('carrier_pigeon');
    const nothing = icons.channelIcon(undefined);
    return {
      names: Object.fromEntries(codes.map((code) => [code, icons.channelIconName(code)])),
      fallback: icons.CHANNEL_FALLBACK,
      future: { name: future.dataset.icon, fallback: future.classList.contains('icon-fallback'), hidden: future.getAttribute('aria-hidden') },
      nothing: nothing.dataset.icon,
      unknownState: icons.stateIcon('some_new_state').dataset.icon,
    };
  }, channels);
  for (const code of channels) {
    assert.ok(drawn.names[code], `${code} has a drawing`);
    assert.notEqual(drawn.names[code], drawn.fallback, `${code} is not drawn as the fallback`);
  }
  assert.equal(new Set(Object.values(drawn.names)).size, channels.length, `one drawing per channel: ${JSON.stringify(drawn.names)}`);
  assert.deepEqual(drawn.future, { name: drawn.fallback, fallback: true, hidden: 'true' }, 'a channel added later gets the generic drawing');
  assert.equal(drawn.nothing, drawn.fallback);
  assert.equal(drawn.unknownState, 'open', 'a status added later gets a neutral drawing');
  assert.deepEqual(page.problems, []);
});

for (const { lang, viewport, device } of RUNS) {
  test(`channels show their icons beside their labels (${lang}, ${device})`, async () => {
    const page = await signIn('admin', 'admin-demo', { lang, viewport });
    const vocabularies = await apiGet(page, '/api/v1/vocabularies');
    const channels = vocabularies.items.find((v) => v.name === 'channels').terms.map((term) => term.code);

    // The calendar entry form offers every channel.
    await go(page, '#/calendar');
    await page.getByTestId('calendar-new').click();
    await page.getByTestId('calendar-form').waitFor();
    const boxes = await page.evaluate(() => [...document.querySelectorAll('[data-testid="calendar-form-channel"]')].map((box) => {
      const svg = document.querySelector(`label[for="${box.id}"] svg.icon-channel`);
      return { code: box.value, channel: svg?.dataset.channel ?? null, icon: svg?.dataset.icon ?? null, fallback: !!svg?.classList.contains('icon-fallback') };
    }));
    const drawn = await page.evaluate(async (codes) => {
      const { channelIconName } = await import('/js/icons.js');
      return Object.fromEntries(codes.map((code) => [code, channelIconName(code)]));
    }, channels);
    assert.deepEqual(boxes.map((b) => b.code), channels, 'the form lists the vocabulary');
    for (const box of boxes) {
      assert.equal(box.channel, box.code, `${box.code}: its label carries its icon`);
      assert.equal(box.icon, drawn[box.code]);
      assert.equal(box.fallback, false, `${box.code}: not the fallback`);
    }
    const count = await iconsAreDecoration(page, `calendar form (${lang})`);
    assert.ok(count >= channels.length);
    await pageIsSound(page, `calendar form (${lang})`);
    await screenshot(page, `icons-calendar-form-${lang}-${device}`);

    // An initiative's channels as chips.
    const initiatives = await apiGet(page, '/api/v1/initiatives');
    const withChannels = initiatives.items.find((i) => i.channels.length >= 4);
    await go(page, `#/initiatives/${withChannels.id}`);
    await page.getByTestId('initiative-detail').waitFor();
    const chips = await page.locator('[data-testid="initiative-detail"] .chip .channel').evaluateAll((els) =>
      els.map((el) => ({ code: el.dataset.channel, icon: el.querySelector(':scope > svg.icon-channel')?.dataset.icon ?? null })));
    assert.deepEqual(chips.map((c) => c.code), withChannels.channels);
    for (const c of chips) assert.ok(c.icon && c.icon !== 'broadcast', `${c.code} drawn`);
    await iconsAreDecoration(page, `initiative (${lang})`);
    await pageIsSound(page, `initiative (${lang})`);
  });

  test(`status chips carry their state's icon, actions theirs (${lang}, ${device})`, async () => {
    const page = await signIn('admin', 'admin-demo', { lang, viewport });

    // Content items: every state of the demo's items.
    await go(page, '#/content');
    await page.getByTestId('content-list').waitFor();
    const content = await chipStates(page, '[data-testid="content-list"] [data-testid="state"]');
    assertStates(content, `content (${lang})`);
    assert.ok(new Set(content.map((c) => c.state)).size >= 6, 'most of the workflow states are there');
    assert.equal(await page.getByTestId('content-new').locator('svg.icon-add').count(), 1, 'new item: the plus');
    await iconsAreDecoration(page, `content (${lang})`);
    await pageIsSound(page, `content (${lang})`);
    await screenshot(page, `icons-content-${lang}-${device}`);

    // A published item: its publications (channel and state) and the workflow's steps.
    const published = (await apiGet(page, '/api/v1/content-items?state=published')).items[0];
    await go(page, `#/editor/${published.id}`);
    await page.locator('[data-testid="publication"]').first().waitFor();
    assertStates(await chipStates(page, '[data-testid="publication-state"]', { row: '[data-testid="publication"]' }), `publications (${lang})`);
    const pubChannels = await page.locator('[data-testid="publication"]').evaluateAll((rows) =>
      rows.map((row) => [row.dataset.channel, row.querySelector('.pub-channel .channel svg.icon-channel')?.dataset.channel ?? null]));
    for (const [channel, drawn] of pubChannels) assert.equal(drawn, channel, 'the publication names its channel with its icon');
    const withdraw = page.getByTestId('workflow-withdrawn');
    if (await withdraw.count()) assert.equal(await withdraw.locator('svg.icon-ban').count(), 1, 'withdraw: the struck circle');
    await iconsAreDecoration(page, `editor (${lang})`);
    await pageIsSound(page, `editor (${lang})`);
    await screenshot(page, `icons-editor-${lang}-${device}`);

    // Initiatives: planned, active, completed and cancelled.
    await go(page, '#/initiatives');
    await page.getByTestId('initiative-list').waitFor();
    const initiatives = await chipStates(page, '[data-testid="initiative-status"]', { attr: 'status' });
    assertStates(initiatives, `initiatives (${lang})`);
    assert.equal(new Set(initiatives.map((c) => c.state)).size, 4);
    await iconsAreDecoration(page, `initiatives (${lang})`);
    await pageIsSound(page, `initiatives (${lang})`);

    // A drill with a task and a statement: the crisis, task and statement statuses.
    const police = (await apiGet(page, '/api/v1/entities?limit=200')).items.find((e) => e.code === 'police');
    const declared = await apiSend(page, 'POST', '/api/v1/crises', {
      kind: 'drill', crisis_type: 'weather', severity: 'moderate', lead_entity_id: police.id,
      title_ar: 'تمرين: أيقونات الحالة', title_en: 'Drill: status icons',
    });
    assert.equal(declared.status, 201, JSON.stringify(declared.body));
    const me = await apiGet(page, '/api/v1/me');
    const task = await apiSend(page, 'POST', `/api/v1/crises/${declared.body.id}/tasks`, {
      title_ar: 'مهمة', title_en: 'A task', owner_account_id: me.account_id,
    });
    assert.equal(task.status, 201, JSON.stringify(task.body));
    const statement = await apiSend(page, 'POST', `/api/v1/crises/${declared.body.id}/statements`, {
      msg_type: 'alert', title_ar: 'بيان تجريبي', title_en: 'A trial statement', body_ar: 'نص البيان', body_en: 'The text',
      urgency: 'expected', certainty: 'likely', channels: ['website', 'x'],
    });
    assert.equal(statement.status, 201, JSON.stringify(statement.body));
    await go(page, '#/crises');
    await page.getByTestId('crisis-list').waitFor();
    assertStates(await chipStates(page, '[data-testid="crisis-status"]', { attr: 'status' }), `crises (${lang})`,
      (state) => (state === 'active' ? 'pulse' : 'archive'));
    assert.equal(await page.getByTestId('crisis-declare').locator('svg.icon-flag.icon-directional').count(), 1, 'declare: the flag');
    await iconsAreDecoration(page, `crises (${lang})`);
    await pageIsSound(page, `crises (${lang})`);

    await go(page, `#/crises/${declared.body.id}`);
    await page.getByTestId('crisis-room').waitFor();
    await page.locator('[data-testid="statement"]').first().waitFor();
    const taskChips = await page.evaluate(() => [...document.querySelectorAll('[data-testid="crisis-task"]')].map((row) => {
      const svg = row.querySelector('.chip > svg.icon-state');
      return { state: row.dataset.status, icon: svg?.dataset.icon ?? null, stateOnIcon: svg?.dataset.state ?? null };
    }));
    assertStates(taskChips, `tasks (${lang})`);
    assertStates(await chipStates(page, '[data-testid="statement-status"]', { attr: 'status' }), `statements (${lang})`);
    assert.equal(await page.getByTestId('task-done').locator('svg.icon-check').count(), 1, 'done: the tick');
    await iconsAreDecoration(page, `crisis room (${lang})`);
    await pageIsSound(page, `crisis room (${lang})`);
    await screenshot(page, `icons-crisis-room-${lang}-${device}`);

    // Webhook subscribers: active and paused.
    for (const [name, active] of [[`Icons hook ${lang} on`, true], [`Icons hook ${lang} off`, false]]) {
      const made = await apiSend(page, 'POST', '/api/v1/crisis-webhooks', { name, url: 'http://127.0.0.1:9/hook', include_drills: false });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      if (!active) {
        const paused = await apiSend(page, 'PATCH', `/api/v1/crisis-webhooks/${made.body.id}`, { active: false }, { 'If-Match': `"${made.body.version}"` });
        assert.equal(paused.status, 200, JSON.stringify(paused.body));
      }
    }
    await go(page, '#/crisis-webhooks');
    await page.getByTestId('webhooks-list').waitFor();
    const hooks = await page.evaluate(() => [...document.querySelectorAll('[data-testid="webhook-active"]')].map((chip) => ({
      state: chip.dataset.active === 'true' ? 'active' : 'paused', icon: chip.querySelector(':scope > svg.icon-state')?.dataset.icon ?? null,
      stateOnIcon: chip.querySelector(':scope > svg.icon-state')?.dataset.state ?? null,
    })));
    assertStates(hooks, `webhooks (${lang})`);
    assert.deepEqual([...new Set(hooks.map((x) => x.state))].sort(), ['active', 'paused']);
    await iconsAreDecoration(page, `webhooks (${lang})`);
    await pageIsSound(page, `webhooks (${lang})`);

    // Assessments on the heat map and the activity board's columns.
    await go(page, '#/compliance');
    await page.getByTestId('heatmap').waitFor();
    assertStates(await chipStates(page, '[data-testid="heatmap-status-word"]', { row: '[data-testid="heatmap-row"]', attr: 'status' }),
      `heat map (${lang})`);
    await iconsAreDecoration(page, `heat map (${lang})`);
    await pageIsSound(page, `heat map (${lang})`);

    await go(page, '#/activities');
    await page.getByTestId('activity-board').waitFor();
    const columns = await page.evaluate(() => [...document.querySelectorAll('[data-testid="board-column"]')].map((col) => {
      const svg = col.querySelector(':scope > h2 > svg.icon-state');
      return { state: col.dataset.status, icon: svg?.dataset.icon ?? null, stateOnIcon: svg?.dataset.state ?? null };
    }));
    assertStates(columns, `activity board (${lang})`);
    await iconsAreDecoration(page, `activity board (${lang})`);
    await pageIsSound(page, `activity board (${lang})`);
  });
}

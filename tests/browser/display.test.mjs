// Issue 11's display and polish items: Hijri dates (Umm al-Qura) beside the Gregorian ones as a
// preference of #/account, in the page's language and digits (the server's texts too), full in detail views and only where
// it fits in the calendar grid; the header as one row at 1440 px for every demo role in both
// languages (sign-out an icon with a name, the first name shown, the full name read out); search
// in the library and the fact sheet, members as a table filtered by entity and role, live search
// in the initiative registry, the Atom feeds
// linked with rel="alternate", people's names instead of logins, the self-hosted Arabic font, the
// not-found page for a record that is not there. axe-core finds nothing serious and nothing is
// wider than a 390 px phone.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, login, screenshot, switchLanguage, useServerAndBrowser, axeProblems, overflows, NETWORK_ZONE, PHONE } from './harness.mjs';

const PASSWORD = 'sawt-demo-2026';
const DESKTOP = { width: 1440, height: 900 };
const ARABIC_DIGIT = /[٠-٩]/;
const LATIN_DIGIT = /[0-9]/;

let server, browser;
useServerAndBrowser((s, b) => { server = s; browser = b; });

/** Goes to a page and waits until it has rendered (its h1 is there and nothing is busy). */
async function open(page, hash) {
  await page.evaluate((h) => { location.hash = h; }, hash);
  await page.waitForFunction((h) => location.hash === h && document.querySelector('main')?.getAttribute('aria-busy') === 'false'
    && document.querySelector('main h1') && !document.querySelector('[aria-busy="true"]'), hash);
}

/** Today in the network's zone as a Date at 00:00 UTC (how the UI holds calendar days). */
function networkToday() {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: NETWORK_ZONE }).format(new Date());
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/** Today's Umm al-Qura date as the UI should write it (day, month name, year) in lang and digits. */
function ummAlQura(lang, digits) {
  return new Intl.DateTimeFormat(`${lang}-u-ca-islamic-umalqura-nu-${digits}`, {
    timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric',
  }).format(networkToday());
}

const preview = (page) => page.getByTestId('pref-preview').textContent();

for (const lang of ['ar', 'en']) {
  test(`Hijri dates as a preference, in the page's language and digits (${lang})`, async () => {
    const page = await newPage(browser, { locale: lang, viewport: DESKTOP });
    await login(page, 'admin', 'admin-demo', server.url);
    await switchLanguage(page, lang);
    await open(page, '#/account');
    const box = page.getByTestId('pref-hijri');
    const own = lang === 'ar' ? 'arab' : 'latn';
    const other = own === 'arab' ? 'latn' : 'arab';
    const era = lang === 'ar' ? 'هـ' : 'AH';

    // Off by default: the Gregorian date only.
    assert.equal(await box.isChecked(), false);
    assert.equal(await page.getByTestId(`pref-digits-${own}`).isChecked(), true);
    assert.ok(!(await preview(page)).includes(era), await preview(page));

    // On: the Umm al-Qura date follows in brackets, in the language's own digits.
    await box.check();
    await page.waitForFunction((e) => document.querySelector('[data-testid="pref-preview"]').textContent.includes(e), era);
    const on = await preview(page);
    assert.ok(on.endsWith(`(${ummAlQura(lang, own)})`), `${on} ends with (${ummAlQura(lang, own)})`);
    assert.match(on, own === 'arab' ? ARABIC_DIGIT : LATIN_DIGIT);
    assert.doesNotMatch(on, own === 'arab' ? LATIN_DIGIT : ARABIC_DIGIT);
    assert.equal(await page.getByTestId('pref-hijri').isChecked(), true);
    assert.deepEqual(await axeProblems(page), []);
    await screenshot(page, `display-hijri-${lang}`);

    // The other digits: both dates change together.
    await page.getByTestId(`pref-digits-${other}`).check();
    await page.waitForFunction((d) => document.querySelector('[data-testid="pref-preview"]').textContent.includes(d), ummAlQura(lang, other));
    assert.doesNotMatch(await preview(page), other === 'arab' ? LATIN_DIGIT : ARABIC_DIGIT);
    assert.equal(await page.getByTestId(`pref-digits-${other}`).isChecked(), true);
    await page.getByTestId(`pref-digits-${own}`).check();
    await page.waitForFunction((d) => document.querySelector('[data-testid="pref-preview"]').textContent.includes(d), ummAlQura(lang, own));

    // Remembered on this device, like the digits.
    await page.reload();
    await open(page, '#/account');
    assert.equal(await page.getByTestId('pref-hijri').isChecked(), true);
    assert.ok((await preview(page)).includes(ummAlQura(lang, own)));

    // A detail view (the fact sheet's dates) shows both calendars in full.
    await open(page, '#/facts');
    const asOf = page.locator('[data-testid="fact-row"] td:nth-of-type(3)').first();
    await asOf.waitFor();
    assert.ok((await asOf.textContent()).includes(era), await asOf.textContent());

    // Texts the server writes follow the page too: a fact finding's "as of" day, both calendars.
    const finding = await page.evaluate(async () => {
      const { api } = await import('/js/api.js');
      const report = await api('/api/v1/alignment-checks', { method: 'POST', body: { text_ar: 'بلغ عدد الزوار 23 مليون زائر خلال العام.' } });
      return report.findings.find((f) => f.kind === 'fact');
    });
    assert.ok(finding, 'the contradicted figure is found');
    assert.ok(finding[`message_${lang}`].includes(` ${era})`), finding[`message_${lang}`]);

    // The calendar: the week's heading names the Hijri range; the grid's day heads show the Hijri
    // date small, their names say it in full.
    await open(page, '#/calendar');
    await page.getByTestId('calendar-view-week').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="calendar-hijri"]').length === 7);
    assert.ok((await page.getByTestId('calendar-period').textContent()).includes(era));
    const head = page.locator('[data-testid="calendar-day"]').first();
    assert.ok((await head.getAttribute('aria-label')).includes(era));
    assert.deepEqual(await axeProblems(page), []);
    assert.equal(await overflows(page), false);
    await page.getByTestId('calendar-view-month').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="calendar-hijri"]').length >= 28);
    assert.ok((await page.getByTestId('calendar-period').textContent()).includes(era));
    await screenshot(page, `display-hijri-calendar-${lang}`);

    // Nothing is wider than a phone with the longer dates.
    await page.setViewportSize(PHONE);
    for (const hash of ['#/account', '#/facts', '#/calendar', '#/library']) {
      await open(page, hash);
      assert.equal(await overflows(page), false, `${hash} overflows at 390 px`);
    }
    await page.setViewportSize(DESKTOP);

    // Off again: the Gregorian date alone, and the grid without the Hijri marks.
    await open(page, '#/account');
    await page.getByTestId('pref-hijri').uncheck();
    await page.waitForFunction((e) => !document.querySelector('[data-testid="pref-preview"]').textContent.includes(e), era);
    await open(page, '#/calendar');
    await page.locator('[data-testid="calendar-day"]').first().waitFor();
    assert.equal(await page.getByTestId('calendar-hijri').count(), 0);
    assert.ok(!(await page.getByTestId('calendar-period').textContent()).includes(era));
    assert.deepEqual(page.problems, []);
    await page.context().close();
  });
}

const ROLES = [['admin', 'admin-demo'], ['police.director', PASSWORD], ['police.editor', PASSWORD],
  ['police.reviewer', PASSWORD], ['police.spokesperson', PASSWORD], ['gco.analyst', PASSWORD]];

for (const lang of ['ar', 'en']) {
  test(`the header is one row at 1440 px for every demo role (${lang})`, async () => {
    const problems = [];
    for (const [user, password] of ROLES) {
      const page = await newPage(browser, { locale: lang, viewport: DESKTOP });
      await login(page, user, password, server.url);
      await switchLanguage(page, lang);
      await open(page, '#/home');
      // Bell and name are painted once the session's member record is in.
      await page.waitForFunction(() => document.querySelector('[data-testid="user-name"]')?.textContent.includes(' '));
      const layout = await page.evaluate(() => {
        const header = document.querySelector('header.topbar');
        const tops = [...header.children].map((el) => el.getBoundingClientRect())
          .map((r) => Math.round(r.top + r.height / 2));
        const items = [...document.querySelectorAll('.nav-list > li')].map((li) => Math.round(li.getBoundingClientRect().top));
        return { height: header.getBoundingClientRect().height, tops, items };
      });
      // One row: every part of the header (and every navigation entry) on the same line.
      if (layout.height > 72 || Math.max(...layout.tops) - Math.min(...layout.tops) > 8
        || Math.max(...layout.items) - Math.min(...layout.items) > 4) {
        problems.push(`${user}: ${JSON.stringify(layout)}`);
      }
      // Sign-out shows an icon; its name is the words.
      const logout = page.getByTestId('logout');
      assert.equal(await logout.getAttribute('aria-label'), lang === 'ar' ? 'تسجيل الخروج' : 'Sign out');
      assert.equal((await logout.textContent()).trim(), '');
      // The first name is shown, the full name is the text read out (and the tooltip).
      const name = page.getByTestId('user-name');
      const full = await name.getAttribute('title');
      assert.ok(full.split(' ').length >= 2, full);
      assert.equal(await name.locator('.user-name-full').textContent(), full);
      assert.equal(await name.locator('.user-name-short').isVisible(), true);
      if (user === 'admin') {
        assert.deepEqual(await axeProblems(page), []);
        await screenshot(page, `header-1440-${lang}`);
      }
      assert.deepEqual(page.problems, []);
      await page.context().close();
    }
    assert.deepEqual(problems, []);
  });
}

test('search in the library and the fact sheet, members by entity and role, live search in initiatives', async () => {
  const page = await newPage(browser, { locale: 'ar', viewport: DESKTOP });
  await login(page, 'admin', 'admin-demo', server.url);

  await open(page, '#/library');
  await page.getByTestId('key-message').first().waitFor();
  const all = await page.getByTestId('key-message').count();
  // Arabic letter variants fold: "الصحيه" (ha for ta marbuta) finds the health message.
  await page.getByTestId('library-search').fill('الرعايه الصحيه');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="key-message"]').length < n, all);
  const found = await page.getByTestId('key-message').count();
  assert.ok(found >= 1, 'the health message is found');
  assert.ok(ARABIC_DIGIT.test(await page.getByTestId('library-count').textContent()));
  await page.getByTestId('library-search').fill('كلمات لا توجد في أي رسالة');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="key-message"]').length === 0);
  await page.getByTestId('library-search').fill('');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="key-message"]').length === n, all);

  await open(page, '#/facts');
  await page.getByTestId('fact-row').first().waitFor();
  const facts = await page.getByTestId('fact-row').count();
  await page.getByTestId('facts-search').fill('hotel');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="fact-row"]').length < n, facts);
  const keys = await page.getByTestId('fact-row').evaluateAll((rows) => rows.map((r) => r.dataset.key));
  assert.ok(keys.length >= 1 && keys.every((k) => k.includes('hotel')), keys.join());
  // The approver is named, not shown as a login ("system" approved the demo's facts).
  const approver = page.locator('[data-testid="fact-row"] .person').first();
  assert.equal(await approver.textContent(), 'النظام (تلقائيًا)');

  // Members: a table filtered by entity (its departments included) and by role.
  await open(page, '#/members');
  await page.getByTestId('member-item').first().waitFor();
  const everyone = await page.getByTestId('member-item').count();
  const entities = (await page.evaluate(() => fetch('/api/v1/entities?limit=200').then((r) => r.json()))).items;
  const police = entities.find((e) => e.code === 'police');
  await page.getByTestId('member-filter-entity').selectOption(String(police.id));
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="member-item"]').length < n, everyone);
  const policeRoles = await page.locator('[data-testid="member-item"] [data-testid="member-roles"]').allTextContents();
  assert.ok(policeRoles.length >= 3 && policeRoles.every((r) => r.includes(police.name_ar)), policeRoles.join(' | '));
  await page.getByTestId('member-filter-role').selectOption('reviewer');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="member-item"]').length === 1);
  assert.match(await page.getByTestId('member-item').textContent(), /police\.reviewer/);
  await page.getByTestId('member-filter-entity').selectOption('');
  await page.getByTestId('member-filter-role').selectOption('');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="member-item"]').length === n, everyone);
  assert.deepEqual(await axeProblems(page), []);

  // Initiatives: the list follows the typing, no Enter needed; the box keeps what was typed.
  await open(page, '#/initiatives');
  await page.getByTestId('initiative-item').first().waitFor();
  const initiatives = await page.getByTestId('initiative-item').count();
  await page.getByTestId('filter-q').pressSequentially('Paperless', { delay: 20 });
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="initiative-item"]').length < n, initiatives);
  assert.equal(await page.getByTestId('initiative-item').count(), 1);
  assert.equal(await page.getByTestId('filter-q').inputValue(), 'Paperless');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'filter-q');
  assert.deepEqual(await axeProblems(page), []);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('Atom feeds are linked with rel="alternate"; the Arabic font is our own; a missing record is not found', async () => {
  const page = await newPage(browser, { locale: 'ar', viewport: DESKTOP });
  const fonts = [];
  page.on('request', (req) => { if (req.resourceType() === 'font') fonts.push(req.url()); });
  await login(page, 'admin', 'admin-demo', server.url);

  // index.html announces the government feed to feed readers.
  const head = await page.evaluate(() => [...document.querySelectorAll('link[rel="alternate"]')].map((l) => ({ href: l.getAttribute('href'), type: l.type })));
  assert.deepEqual(head[0], { href: '/feeds/government.atom', type: 'application/atom+xml' });
  const feed = await fetch(`${server.url}/feeds/government.atom`);
  assert.equal(feed.status, 200);

  await open(page, '#/content');
  const contentFeed = page.getByTestId('content-feed');
  assert.equal(await contentFeed.getAttribute('href'), '/feeds/government.atom');
  assert.equal(await contentFeed.getAttribute('rel'), 'alternate');
  assert.equal(await contentFeed.getAttribute('type'), 'application/atom+xml');

  // An entity's page links and announces its own feed; other pages withdraw it.
  const entities = (await page.evaluate(() => fetch('/api/v1/entities?limit=200').then((r) => r.json()))).items;
  const police = entities.find((e) => e.code === 'police');
  await open(page, `#/entities/${police.id}`);
  await page.getByTestId('entity-feed').waitFor();
  assert.equal(await page.getByTestId('entity-feed').getAttribute('href'), '/feeds/entities/police.atom');
  assert.equal(await page.locator('head link[data-page-feed]').getAttribute('href'), '/feeds/entities/police.atom');
  assert.equal((await fetch(`${server.url}/feeds/entities/police.atom`)).status, 200);
  await open(page, '#/home');
  assert.equal(await page.locator('head link[data-page-feed]').count(), 0);

  // The Arabic text is set in the font this server serves.
  await page.evaluate(() => document.fonts.ready);
  assert.ok(fonts.some((u) => u.startsWith(server.url) && /NotoSansArabic-(Regular|Bold)\.woff2$/.test(u)), fonts.join());
  assert.ok(fonts.every((u) => u.startsWith(server.url)), fonts.join());
  assert.equal(await page.evaluate(() => document.fonts.check('16px "sawt Arabic"', 'صوت')), true);

  // An address naming a record that does not exist: the not-found page, in the user's language.
  await page.evaluate(() => { location.hash = '#/editor/999999'; });
  await page.getByTestId('not-found').waitFor();
  assert.equal(await page.locator('main h1').textContent(), 'الصفحة غير موجودة');
  assert.deepEqual(page.problems.filter((p) => !/status of 404/.test(p)), []);
  await page.context().close();
});

// The "My account" page (#/account) as the demo editor of the police command:
// creates a read-only API token and sees its secret once, uses it from node (Bearer) and
// sees it refused after revoking it in the UI; changes the password (a wrong current password
// shows the server's Arabic problem detail, a mismatched confirmation is caught client-side),
// signs out and signs in with the new password; accepts an invitation to another entity.
// Screenshots in Arabic and English.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, login, screenshot, useServerAndBrowser, apiGet, openNav, chooseAction } from './harness.mjs';

const USER = 'police.editor';
const OLD_PASSWORD = 'sawt-demo-2026';
const NEW_PASSWORD = 'new-secret-2026-account';
const TOKEN_NAME = 'لوحة الرصد الإعلامي';

let server, browser;
useServerAndBrowser((s, b) => { server = s; browser = b; });

async function me(token) {
  const res = await fetch(`${server.url}/api/v1/me`, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
  });
  const body = await res.json().catch(() => null);
  return { status: res.status, body };
}

// Text content without the isolates (U+2068…U+2069) the UI puts around user-typed names.
const textOf = async (locator) => ((await locator.textContent()) || '').replace(/[\u2068\u2069]/g, '').trim();

test('account page: API token shown once, used and revoked; password changed', async () => {
  const page = await newPage(browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await login(page, USER, OLD_PASSWORD, server.url);

  // The header's navigation leads to the page.
  const navLink = page.getByTestId('nav-account');
  assert.equal(await textOf(navLink), 'حسابي');
  await navLink.click();
  await page.waitForFunction(() => location.hash === '#/account');
  const tokens = page.getByTestId('tokens-section');
  await tokens.waitFor();
  assert.equal(await navLink.getAttribute('aria-current'), 'page');
  assert.equal(await page.locator('h1').textContent(), 'حسابي');
  assert.equal(await textOf(page.getByTestId('account-login')), USER);
  assert.equal(await page.getByTestId('token-list-empty').count(), 1);
  assert.equal(await page.getByTestId('token-secret').count(), 0);

  // Password fields carry the autocomplete hints password managers rely on.
  assert.equal(await page.getByLabel('كلمة المرور الحالية').getAttribute('autocomplete'), 'current-password');
  assert.equal(await page.getByLabel('كلمة المرور الجديدة', { exact: true }).getAttribute('autocomplete'), 'new-password');
  assert.equal(await page.getByLabel('تأكيد كلمة المرور الجديدة').getAttribute('autocomplete'), 'new-password');

  // ---- create a read-only token --------------------------------------------------------------
  // An empty name is caught before any request.
  await page.getByTestId('token-create').click();
  const tokenError = page.locator('[role="alert"][data-testid="token-error"]');
  assert.match(await textOf(tokenError), /اسم/);

  await page.getByLabel('اسم الرمز').fill(TOKEN_NAME);
  assert.equal(await page.getByLabel('قراءة فقط').isChecked(), true, 'read only is the default');
  await page.getByTestId('token-create').click();

  const secretInput = page.getByTestId('token-secret');
  await secretInput.waitFor();
  const secret = await secretInput.inputValue();
  assert.match(secret, /^sawt_\S{20,}$/);
  assert.notEqual(await secretInput.getAttribute('readonly'), null, 'the secret field is read-only');
  assert.equal(await textOf(tokenError), '');
  // The warning that it will not be shown again, tied to the field for screen readers.
  const warning = page.getByTestId('token-secret-warning');
  assert.match(await textOf(warning), /لن يُعرض مرة أخرى/);
  assert.equal(await secretInput.getAttribute('aria-describedby'), await warning.getAttribute('id'));
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'token-secret', 'focus moves to the secret');

  // Copy button: the secret lands on the clipboard, a status message says so.
  await page.getByTestId('token-copy').click();
  const copyStatus = page.locator('[role="status"][data-testid="token-copy-status"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="token-copy-status"]')?.textContent.trim() !== '');
  assert.match(await textOf(copyStatus), /نُسخ/);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);

  // Listed as active, read only, created "now" in local time with Arabic-Indic digits.
  const row = page.getByTestId('token-item').filter({ hasText: TOKEN_NAME });
  assert.equal(await row.count(), 1);
  assert.equal(await row.getAttribute('data-status'), 'active');
  assert.equal(await textOf(row.getByTestId('token-scopes')), 'قراءة فقط');
  const created = row.locator('time').first();
  assert.match(await textOf(created), /[٠-٩]/);
  assert.doesNotMatch(await textOf(created), /[0-9]/);
  assert.ok(Math.abs(Date.parse(await created.getAttribute('datetime')) - Date.now()) < 120_000);
  assert.ok(!(await textOf(page.getByTestId('token-list'))).includes(secret), 'the list never shows the secret');
  await screenshot(page, 'account-ar');

  // The token works from outside the browser: GET /api/v1/me with Authorization: Bearer.
  const ok = await me(secret);
  assert.equal(ok.status, 200);
  assert.equal(ok.body.login, USER);
  assert.equal(ok.body.csrf_token, undefined, 'no CSRF token for bearer callers');
  // Read only: it may not create another token.
  const write = await fetch(`${server.url}/api/v1/tokens`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'x', scopes: ['read'] }),
  });
  assert.equal(write.status, 403);

  // Shown once: dismissed, it is gone, and it does not come back with a reload.
  await page.getByTestId('token-secret-done').click();
  assert.equal(await page.getByTestId('token-secret').count(), 0);
  await page.reload();
  await page.getByTestId('token-item').first().waitFor();
  assert.equal(await page.getByTestId('token-secret').count(), 0);
  assert.ok(!(await page.content()).includes(secret));

  // ---- revoke it in the UI, with a confirmation ----------------------------------------------
  // Behind the row's overflow menu, whose name says which token it acts on.
  const menuButton = row.getByTestId('token-menu');
  assert.match(await menuButton.getAttribute('aria-label'), new RegExp(TOKEN_NAME));
  assert.equal(await row.getByTestId('token-revoke').isVisible(), false);
  // Cancelling keeps it.
  await chooseAction(row, 'token-revoke');
  const dialog = page.getByRole('dialog', { name: 'إبطال رمز الوصول؟' });
  await dialog.waitFor();
  assert.match(await textOf(dialog), new RegExp(TOKEN_NAME));
  await dialog.getByTestId('revoke-cancel').click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await row.getAttribute('data-status'), 'active');
  assert.equal((await me(secret)).status, 200);
  // Confirming revokes it.
  await chooseAction(row, 'token-revoke');
  await dialog.waitFor();
  await dialog.getByTestId('revoke-confirm').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="token-item"]')?.dataset.status === 'revoked');
  assert.match(await textOf(page.getByTestId('tokens-status')), new RegExp(`أُبطل الرمز «${TOKEN_NAME}»`));
  assert.equal(await row.getByTestId('token-revoke').count(), 0);
  assert.equal(await row.getByTestId('token-menu').count(), 0);
  assert.match(await textOf(row.getByTestId('token-status')), /مُبطَل/);

  const refused = await me(secret);
  assert.equal(refused.status, 401);

  // ---- change the password ---------------------------------------------------------------------
  const current = page.getByTestId('password-current');
  const next = page.getByTestId('password-new');
  const confirm = page.getByTestId('password-confirm');
  const passwordError = page.locator('[role="alert"][data-testid="password-error"]');
  const passwordStatus = page.locator('[role="status"][data-testid="password-status"]');

  // A mismatched confirmation never reaches the server.
  await current.fill(OLD_PASSWORD);
  await next.fill(NEW_PASSWORD);
  await confirm.fill(`${NEW_PASSWORD}x`);
  await page.getByTestId('password-submit').click();
  assert.match(await textOf(passwordError), /لا يطابق/);
  assert.equal(await confirm.getAttribute('aria-invalid'), 'true');

  // A wrong current password: the server's problem detail, in Arabic.
  await current.fill('not-my-password');
  await confirm.fill(NEW_PASSWORD);
  const wrong = page.waitForResponse((r) => r.url().endsWith('/api/v1/me/password'));
  await page.getByTestId('password-submit').click();
  assert.equal((await wrong).status(), 400);
  await page.waitForFunction(() => /الحالية/.test(document.querySelector('[data-testid="password-error"]').textContent));
  assert.equal(await textOf(passwordError), 'كلمة المرور الحالية غير صحيحة.');
  assert.equal(await current.getAttribute('aria-invalid'), 'true');
  assert.equal(await textOf(passwordStatus), '');
  await screenshot(page, 'account-password-error-ar');

  // The right one.
  await current.fill(OLD_PASSWORD);
  const right = page.waitForResponse((r) => r.url().endsWith('/api/v1/me/password'));
  await page.getByTestId('password-submit').click();
  assert.equal((await right).status(), 204);
  await page.waitForFunction(() => document.querySelector('[data-testid="password-status"]').textContent.trim() !== '');
  assert.match(await textOf(passwordStatus), /تم تغيير كلمة المرور/);
  assert.equal(await textOf(passwordError), '');
  assert.equal(await current.inputValue(), '', 'the form is cleared');

  // ---- English, Latin digits --------------------------------------------------------------------
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.dir === 'ltr');
  assert.equal(await page.locator('h1').textContent(), 'My account');
  assert.equal(await textOf(page.getByTestId('nav-account')), 'My account');
  assert.equal(await textOf(row.getByTestId('token-scopes')), 'Read only');
  assert.match(await textOf(row.locator('time').first()), /[0-9]/);
  assert.match(await textOf(passwordStatus), /password has been changed/);
  await screenshot(page, 'account-en');
  // Back to Arabic, then sign out.
  await page.getByTestId('lang-switch').click();
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');

  // ---- sign out; the old password no longer works, the new one does ---------------------------
  await page.getByTestId('logout').click();
  await page.getByTestId('login-form').waitFor();
  await assert.rejects(login(page, USER, OLD_PASSWORD), /login failed/);
  await login(page, USER, NEW_PASSWORD);
  assert.equal(await page.getByTestId('nav').count(), 1);

  // The failed calls above were expected (400 wrong password, 401 old password).
  const unexpected = page.problems.filter((p) => !/status of 400/.test(p));
  assert.deepEqual(unexpected, []);
});

test('account page in English: revoking is announced and the dialog can be dismissed with Escape', async () => {
  const page = await newPage(browser, { locale: 'en' });
  await page.goto(server.url);
  await page.evaluate(() => window.sawt.setLang('en'));
  await login(page, 'gco.editor', OLD_PASSWORD);
  await page.getByTestId('nav-account').click();
  await page.getByTestId('token-form').waitFor();

  await page.getByLabel('Token name').fill('Newsroom integration');
  await page.getByLabel('Read and write').check();
  await page.getByLabel('Expiry date (optional)').fill('2099-12-31');
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = await page.getByTestId('token-secret').inputValue();
  assert.match(await textOf(page.getByTestId('token-secret-warning')), /will not be shown again/);
  const row = page.getByTestId('token-item').first();
  assert.equal(await textOf(row.getByTestId('token-scopes')), 'Read and write');
  const expires = row.locator('time').nth(1);
  assert.match(await expires.getAttribute('datetime'), /^2099-12-3[01]T/);
  assert.match(await textOf(expires), /2099|2100/);
  assert.equal((await me(secret)).status, 200);

  // Escape closes the confirmation and keeps the token; focus returns to the menu's button.
  await row.getByRole('button', { name: /More actions for the token/ }).click();
  await row.getByRole('menuitem', { name: 'Revoke' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke this API token?' });
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'token-menu');
  assert.equal(await row.getAttribute('data-status'), 'active');

  // The digits switch reformats the dates (Arabic-Indic digits in English too).
  await page.getByTestId('digits-switch').click();
  await page.waitForFunction(() => /[٠-٩]/.test(document.querySelector('[data-testid="token-item"] time')?.textContent || ''));
  // The secret is still there after the re-render (until dismissed or the page is left).
  assert.equal(await page.getByTestId('token-secret').inputValue(), secret);

  // Leaving the page forgets it.
  await (await openNav(page, 'members')).click();
  await page.getByTestId('member-list').waitFor();
  await page.getByTestId('nav-account').click();
  await page.getByTestId('token-item').first().waitFor();
  assert.equal(await page.getByTestId('token-secret').count(), 0);
  assert.deepEqual(page.problems, []);
});

/** Signs in from node; resolves {cookie, csrf} for further API calls. */
async function apiSession(login, password) {
  const res = await fetch(`${server.url}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  assert.equal(res.status, 201, `${login} signs in`);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  return { cookie, csrf: (await res.json()).csrf_token };
}

test('a member created by an administrator changes the temporary password first', async () => {
  const admin = await apiSession('admin', 'admin-demo');
  const LOGIN = 'first.timer';
  const TEMPORARY = 'temporary-given-2026';
  const created = await fetch(`${server.url}/api/v1/members`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf },
    body: JSON.stringify({
      login: LOGIN, password: TEMPORARY, name_ar: 'عضو جديد', name_en: 'New member', email: 'first.timer@example.org',
    }),
  });
  assert.equal(created.status, 201);

  const page = await newPage(browser);
  await login(page, LOGIN, TEMPORARY, server.url);
  // Straight to the password form, with the reason; no token or sign-out-everywhere sections.
  await page.waitForFunction(() => location.hash === '#/account');
  const forcedNote = page.getByTestId('password-forced');
  await forcedNote.waitFor();
  assert.match(await textOf(forcedNote), /كلمة مرور مؤقتة/);
  assert.match(await textOf(page.getByTestId('password-note')), /يُبطل جميع رموز الوصول/);
  assert.equal(await page.getByTestId('tokens-section').count(), 0);
  assert.equal(await page.getByTestId('everywhere-section').count(), 0);
  // Another page leads back here.
  await (await openNav(page, 'entities')).click();
  await page.waitForFunction(() => location.hash === '#/account');
  await screenshot(page, 'account-forced-change-ar');

  // The policy's answer for a password containing the login, in Arabic.
  await page.getByTestId('password-current').fill(TEMPORARY);
  await page.getByTestId('password-new').fill(`my-${LOGIN}-2026`);
  await page.getByTestId('password-confirm').fill(`my-${LOGIN}-2026`);
  await page.getByTestId('password-submit').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="password-error"]').textContent.trim() !== '');
  assert.equal(await textOf(page.getByTestId('password-error')), 'كلمة المرور يجب ألا تتضمن اسم الدخول.');

  await page.getByTestId('password-current').fill(TEMPORARY);
  await page.getByTestId('password-new').fill('a-password-of-my-own-77');
  await page.getByTestId('password-confirm').fill('a-password-of-my-own-77');
  await page.getByTestId('password-submit').click();
  await page.waitForFunction(() => location.hash === '#/entities');
  await page.getByTestId('entity-tree').waitFor();
  const unexpected = page.problems.filter((p) => !/status of 400/.test(p));
  assert.deepEqual(unexpected, []);
});

test('sign out everywhere ends this and every other session and the API tokens', async () => {
  const other = await apiSession('health.editor', OLD_PASSWORD);
  const page = await newPage(browser, { locale: 'en' });
  await page.goto(server.url);
  await page.evaluate(() => window.sawt.setLang('en'));
  await login(page, 'health.editor', OLD_PASSWORD);
  await page.getByTestId('nav-account').click();
  await page.getByLabel('Token name').fill('Dashboard');
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = await page.getByTestId('token-secret').inputValue();
  assert.equal((await me(secret)).status, 200);
  assert.match(await textOf(page.getByTestId('password-note')), /revokes all your API tokens/);

  // A second step confirms; cancelling keeps everything.
  await page.getByTestId('everywhere').click();
  await page.getByTestId('everywhere-cancel').click();
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'everywhere');
  await page.getByTestId('everywhere').click();
  await screenshot(page, 'account-sign-out-everywhere-en');
  await page.getByTestId('everywhere-confirm').click();
  await page.getByTestId('login-form').waitFor();

  assert.equal((await me(secret)).status, 401);
  const otherMe = await fetch(`${server.url}/api/v1/me`, { headers: { Cookie: other.cookie } });
  assert.equal(otherMe.status, 401);
  // Signing in again works.
  await login(page, 'health.editor', OLD_PASSWORD);
  assert.deepEqual(page.problems.filter((p) => !/status of 401/.test(p)), []);
});

test('an invitation to another entity waits on the account page until the member accepts it', async () => {
  // The RTA's director offers the tourism editor a role: the editor belongs to an entity beyond
  // the director's authority, so it is an invitation, not a role.
  const director = await apiSession('rta.director', OLD_PASSWORD);
  const editor = await apiSession('tourism.editor', OLD_PASSWORD);
  const meAnswer = await (await fetch(`${server.url}/api/v1/me`, { headers: { Cookie: editor.cookie } })).json();
  const entities = await (await fetch(`${server.url}/api/v1/entities?limit=200`, { headers: { Cookie: editor.cookie } })).json();
  const rta = entities.items.find((e) => e.code === 'rta');
  const offered = await fetch(`${server.url}/api/v1/memberships`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: director.cookie, 'X-CSRF-Token': director.csrf },
    body: JSON.stringify({ member_id: meAnswer.account_id, entity_id: rta.id, role: 'reviewer' }),
  });
  assert.equal(offered.status, 201);
  assert.equal((await offered.json()).status, 'invited');

  const page = await newPage(browser);
  await login(page, 'tourism.editor', OLD_PASSWORD, server.url);
  await page.getByTestId('nav-account').click();
  const section = page.getByTestId('invitations-section');
  await section.waitFor();
  assert.match(await textOf(page.getByTestId('invitation')), /مراجع/);
  await screenshot(page, 'account-invitation-ar');
  await page.getByTestId('invitation-accept').click();
  await page.getByTestId('invitations-status').filter({ hasText: 'قُبلت الدعوة' }).waitFor();
  const roles = (await apiGet(page, '/api/v1/me')).roles;
  assert.ok(roles.some((r) => r.entity_id === rta.id && r.role === 'reviewer'), JSON.stringify(roles));
  assert.deepEqual(page.problems, []);
});

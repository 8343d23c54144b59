// "My account" page (#/account): how numbers and dates are shown (the digits and the Hijri dates
// beside the Gregorian ones, remembered on this device by i18n.js and applied at once), change the password (PUT /api/v1/me/password; it also revokes
// every API token, as the page says before the change), manage the caller's API tokens (GET/POST
// /api/v1/tokens, DELETE /api/v1/tokens/{id}) and sign out everywhere (DELETE /api/v1/sessions).
// While an administrator-given password must be replaced (session.mustChangePassword) the page
// shows only the password form, and afterwards moves on to the application.
//
// A new token's secret is kept only in this module's state while the page is open: it is shown
// once, in a read-only field with a copy button, and forgotten when dismissed or when the user
// leaves the page. Typed values, messages and the secret survive a language or digit switch
// (which re-renders the page in place).

import { api, listAll } from '../api.js';
import { h, replace, copyFromInput } from '../dom.js';
import { actionMenu } from '../menu.js';
import { t, formatDateTime, formatNumber, currentDigits, setDigits, showsHijri, setHijri } from '../i18n.js';
import { formatDay, today } from '../days.js';
import { icon, stateIcon } from '../icons.js';

export const modules = ['account', 'network']; // network: role names in invitations
export const titleKey = 'account.title';

// The server's rule (auth.weak_password); shown as a hint, enforced by the server.
const PASSWORD_MIN = 10;
const PASSWORD_MAX = 256;

const state = {
  tokens: null, // the caller's tokens, newest first
  invitations: [], // roles offered to the caller that wait for acceptance: { membership, entityName }
  secret: null, // { id, name, token } of the token just created, until dismissed
  // Messages are functions so that texts of ours follow a language switch; a server's problem
  // detail stays in the language it was answered in.
  msg: { passwordError: null, passwordStatus: null, tokenError: null, tokensStatus: null, copyStatus: null,
    invitationsStatus: null },
};
let mainEl = null;
let ctxRef = null;
let view = {}; // stable containers of the tokens section, for in-place updates

export async function render(main, args, ctx) {
  mainEl = main;
  ctxRef = ctx;
  if (ctx.changedPage) {
    state.secret = null;
    for (const k of Object.keys(state.msg)) state.msg[k] = null;
  }
  if (ctx.session.mustChangePassword) {
    state.tokens = null;
  } else if (!state.tokens || ctx.changedPage) {
    [state.tokens, state.invitations] = await Promise.all([listAll('/api/v1/tokens').then(sortTokens), loadInvitations()]);
  }
  paint();
}

// ---- painting --------------------------------------------------------------------------------

function paint() {
  const main = mainEl;
  const kept = keepInputs(main);
  main.dataset.page = 'account';
  view = {};
  const login = ctxRef?.session?.member?.login || '';
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', { id: 'account-title', tabindex: '-1' }, t('account.title')),
      login ? h('p', { class: 'muted' }, `${t('account.login_label')}: `, h('bdi', { dir: 'ltr', dataset: { testid: 'account-login' } }, login)) : null),
    h('div', { class: 'account-grid' },
      forced() || (state.invitations.length === 0 && !state.msg.invitationsStatus) ? null : invitationsSection(),
      forced() ? null : displaySection(),
      passwordSection(),
      forced() ? null : tokensSection(),
      forced() ? null : everywhereSection()));
  restoreInputs(main, kept);
}

function forced() {
  return ctxRef?.session?.mustChangePassword === true;
}

function message(id, role, cls, testid, fn) {
  return h('div', { id, class: cls, role, dataset: { testid } }, fn ? fn() : '');
}

function setMessage(name, fn) {
  state.msg[name] = fn;
}

// ---- display ---------------------------------------------------------------------------------
// The digits and the Hijri dates: kept by i18n.js (localStorage, like the language), applied as soon
// as they are chosen (the whole page is drawn again, as on a language switch).

function displaySection() {
  const digits = currentDigits();
  const digitChoice = (value) => h('div', { class: 'choice' },
    h('input', {
      id: `pref-digits-${value}`, type: 'radio', name: 'pref-digits', value, checked: digits === value,
      dataset: { testid: `pref-digits-${value}` },
      onchange: (e) => { if (e.currentTarget.checked) setDigits(value); },
    }),
    h('label', { for: `pref-digits-${value}` }, t(`account.display.digits_${value}`)));
  const hijri = h('input', {
    id: 'pref-hijri', type: 'checkbox', checked: showsHijri(), 'aria-describedby': 'pref-hijri-hint',
    dataset: { testid: 'pref-hijri' },
    onchange: (e) => setHijri(e.currentTarget.checked),
  });
  return h('section', { class: 'card account-card', 'aria-labelledby': 'display-heading', dataset: { testid: 'display-section' } },
    h('h2', { id: 'display-heading' }, t('account.display.heading')),
    h('p', { class: 'muted' }, t('account.display.intro')),
    h('fieldset', { class: 'field choice-group' },
      h('legend', {}, t('account.display.digits')),
      digitChoice('arab'),
      digitChoice('latn')),
    h('div', { class: 'field' },
      h('div', { class: 'choice' }, hijri, h('label', { for: 'pref-hijri' }, t('account.display.hijri'))),
      h('p', { id: 'pref-hijri-hint', class: 'hint' }, t('account.display.hijri_hint'))),
    h('p', { class: 'pref-preview' }, t('account.display.preview'), ' ',
      h('time', { datetime: today(), dataset: { testid: 'pref-preview' } }, formatDay(today(), { dateStyle: 'long' }))));
}

// ---- password --------------------------------------------------------------------------------

function passwordSection() {
  const field = (id, labelKey, autocomplete, testid, extra = {}) => h('div', { class: 'field' },
    h('label', { for: id }, t(labelKey)),
    h('input', {
      id, name: id, type: 'password', autocomplete, required: true, dir: 'ltr', maxlength: PASSWORD_MAX,
      'aria-describedby': ['password-error', extra.hint].filter(Boolean).join(' '),
      dataset: { testid },
    }),
    extra.hint ? h('p', { id: extra.hint, class: 'hint' }, t('account.password.hint', { min: PASSWORD_MIN, max: PASSWORD_MAX })) : null);

  const form = h('form', { class: 'account-form', novalidate: true, dataset: { testid: 'password-form' } },
    field('current-password', 'account.password.current', 'current-password', 'password-current'),
    field('new-password', 'account.password.new', 'new-password', 'password-new', { hint: 'new-password-hint' }),
    field('confirm-password', 'account.password.confirm', 'new-password', 'password-confirm'),
    message('password-error', 'alert', 'form-error', 'password-error', state.msg.passwordError),
    message('password-status', 'status', 'form-status', 'password-status', state.msg.passwordStatus),
    h('button', { type: 'submit', class: 'primary', dataset: { testid: 'password-submit' } }, icon('lock'), t('account.password.submit')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    changePassword(form).catch(ctxRef.notify);
  });
  return h('section', { class: 'card account-card', 'aria-labelledby': 'password-heading', dataset: { testid: 'password-section' } },
    h('h2', { id: 'password-heading' }, t('account.password.heading')),
    forced() ? h('p', { class: 'warning', role: 'alert', dataset: { testid: 'password-forced' } }, t('account.password.forced')) : null,
    h('p', { class: 'muted', dataset: { testid: 'password-note' } }, t('account.password.revokes_tokens')),
    form);
}

async function changePassword(form) {
  const current = form.querySelector('#current-password');
  const next = form.querySelector('#new-password');
  const confirm = form.querySelector('#confirm-password');
  const error = form.querySelector('#password-error');
  const status = form.querySelector('#password-status');
  const fail = (fn, input) => {
    setMessage('passwordError', fn);
    error.textContent = fn();
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.select();
      input.focus();
    }
  };
  for (const input of [current, next, confirm]) input.removeAttribute('aria-invalid');
  setMessage('passwordError', null);
  setMessage('passwordStatus', null);
  error.textContent = '';
  status.textContent = '';

  if (!current.value) return fail(() => t('account.password.missing_current'), current);
  if (!next.value) return fail(() => t('account.password.missing_new'), next);
  if (confirm.value !== next.value) return fail(() => t('account.password.mismatch'), confirm);

  const submit = form.querySelector('button[type="submit"]');
  submit.disabled = true;
  form.setAttribute('aria-busy', 'true');
  try {
    await api('/api/v1/me/password', { method: 'PUT', body: { current_password: current.value, new_password: next.value } });
    form.reset();
    if (forced()) {
      // Done with the temporary password: on to the application.
      ctxRef.session.mustChangePassword = false;
      location.hash = '#/entities';
      return;
    }
    state.tokens = sortTokens(await listAll('/api/v1/tokens')); // all revoked now
    paintTokens();
    setMessage('passwordStatus', () => t('account.password.changed'));
    status.textContent = t('account.password.changed');
  } catch (err) {
    if (err.name === 'AbortError') return;
    const detail = err.message;
    const input = { current_password: current, new_password: next }[err.field] || null;
    fail(() => detail, input);
  } finally {
    submit.disabled = false;
    form.removeAttribute('aria-busy');
  }
}

// ---- invitations -----------------------------------------------------------------------------
// An entity admin who lacks authority over all of the caller's roles can only offer a role: it
// counts once the caller accepts it here (POST /api/v1/memberships/{id}/accept) and can be
// declined (DELETE /api/v1/memberships/{id}).

async function loadInvitations() {
  const me = ctxRef?.session?.member?.account_id ?? ctxRef?.session?.member?.id;
  if (!me) return [];
  const mine = await listAll('/api/v1/memberships', { member_id: me });
  const offered = mine.filter((m) => m.status === 'invited');
  if (offered.length === 0) return [];
  const entities = new Map((await listAll('/api/v1/entities')).map((e) => [e.id, e]));
  return offered.map((membership) => ({ membership, entity: entities.get(membership.entity_id) }));
}

function invitationsSection() {
  const status = message('invitations-status', 'status', 'form-status', 'invitations-status', state.msg.invitationsStatus);
  return h('section', { class: 'card account-card', 'aria-labelledby': 'invitations-heading', dataset: { testid: 'invitations-section' } },
    h('h2', { id: 'invitations-heading' }, t('account.invitations.heading')),
    h('p', { class: 'muted' }, t('account.invitations.intro')),
    h('ul', { class: 'invitation-list' }, state.invitations.map(({ membership, entity }) =>
      h('li', { dataset: { testid: 'invitation', membership: String(membership.id) } },
        h('span', {}, t('account.invitations.item', {
          role: t(`network.role.${membership.role}`),
          entity: entity ? (entity[`name_${document.documentElement.lang === 'en' ? 'en' : 'ar'}`] || entity.code) : `#${membership.entity_id}`,
        })),
        h('span', { class: 'dialog-actions' },
          h('button', { type: 'button', dataset: { testid: 'invitation-accept' },
            onclick: (e) => answerInvitation(membership, true, e.currentTarget, status).catch(ctxRef.notify) },
          icon('check'), t('account.invitations.accept')),
          h('button', { type: 'button', class: 'link-button', dataset: { testid: 'invitation-decline' },
            onclick: (e) => answerInvitation(membership, false, e.currentTarget, status).catch(ctxRef.notify) },
          t('account.invitations.decline')))))),
    status);
}

async function answerInvitation(membership, accept, button, status) {
  button.disabled = true;
  try {
    if (accept) {
      await api(`/api/v1/memberships/${membership.id}/accept`, { method: 'POST', body: {} });
    } else {
      await api(`/api/v1/memberships/${membership.id}`, { method: 'DELETE' });
    }
  } catch (err) {
    button.disabled = false;
    if (err.name === 'AbortError') return;
    status.textContent = err.message;
    return;
  }
  state.invitations = state.invitations.filter((i) => i.membership.id !== membership.id);
  setMessage('invitationsStatus', () => t(accept ? 'account.invitations.accepted' : 'account.invitations.declined'));
  // A new role changes what the navigation and the pages offer: reload with the new session.
  if (accept) document.dispatchEvent(new CustomEvent('sawt:session-changed'));
  paint();
}

// ---- sign out everywhere ---------------------------------------------------------------------

function everywhereSection() {
  const status = message('everywhere-error', 'alert', 'form-error', 'everywhere-error', null);
  const confirmRow = h('div', { class: 'dialog-actions', hidden: true, dataset: { testid: 'everywhere-confirm-row' } },
    h('button', {
      type: 'button', class: 'danger', dataset: { testid: 'everywhere-confirm' },
      onclick: (e) => signOutEverywhere(e.currentTarget, status).catch(ctxRef.notify),
    }, icon('logout'), t('account.everywhere.confirm')),
    h('button', {
      type: 'button', class: 'link-button', dataset: { testid: 'everywhere-cancel' },
      onclick: () => {
        confirmRow.hidden = true;
        start.hidden = false;
        start.focus();
      },
    }, t('account.everywhere.cancel')));
  const start = h('button', {
    type: 'button', dataset: { testid: 'everywhere' },
    onclick: () => {
      start.hidden = true;
      confirmRow.hidden = false;
      confirmRow.querySelector('button').focus();
    },
  }, icon('logout'), t('account.everywhere.button'));
  return h('section', { class: 'card account-card', 'aria-labelledby': 'everywhere-heading', dataset: { testid: 'everywhere-section' } },
    h('h2', { id: 'everywhere-heading' }, t('account.everywhere.heading')),
    h('p', { class: 'muted' }, t('account.everywhere.intro')),
    start,
    confirmRow,
    status);
}

async function signOutEverywhere(button, status) {
  button.disabled = true;
  try {
    await api('/api/v1/sessions', { method: 'DELETE' });
    // This session ended too: back to the sign-in page.
    document.dispatchEvent(new CustomEvent('sawt:unauthenticated'));
  } catch (err) {
    if (err.name === 'AbortError') return;
    status.textContent = err.message;
    button.disabled = false;
  }
}

// ---- API tokens ------------------------------------------------------------------------------

function tokensSection() {
  view.secretSlot = h('div', { class: 'secret-slot' }, state.secret ? secretPanel() : null);
  view.listSlot = h('div', { class: 'token-list-slot' }, tokenTable());
  view.count = h('span', { class: 'count' }, formatNumber(state.tokens.length));
  view.tokensStatus = message('tokens-status', 'status', 'form-status', 'tokens-status', state.msg.tokensStatus);
  return h('section', { class: 'card account-card', 'aria-labelledby': 'tokens-heading', dataset: { testid: 'tokens-section' } },
    h('h2', { id: 'tokens-heading' }, t('account.tokens.heading')),
    h('p', { class: 'muted' }, withCode(t('account.tokens.intro'), '{header}', 'Authorization: Bearer')),
    view.secretSlot,
    tokenForm(),
    h('h3', { id: 'token-list-heading', tabindex: '-1' }, t('account.tokens.list_heading'), ' ', view.count),
    view.tokensStatus,
    view.listSlot);
}

/** Repaints the secret panel and the token list in place (the rest of the page stays). */
function paintTokens() {
  replace(view.secretSlot, state.secret ? secretPanel() : null);
  replace(view.listSlot, tokenTable());
  view.count.textContent = formatNumber(state.tokens.length);
}

function secretPanel() {
  const { name, token } = state.secret;
  const input = h('input', {
    id: 'token-secret', type: 'text', readonly: true, dir: 'ltr', class: 'code', spellcheck: 'false',
    autocomplete: 'off', 'aria-describedby': 'token-secret-warning', dataset: { testid: 'token-secret' },
  });
  input.value = token;
  input.addEventListener('focus', () => input.select());
  const copyStatus = message('token-copy-status', 'status', 'hint', 'token-copy-status', state.msg.copyStatus);
  return h('div', { class: 'secret-panel', role: 'region', 'aria-labelledby': 'token-secret-heading', dataset: { testid: 'token-secret-panel' } },
    h('h3', { id: 'token-secret-heading' }, t('account.secret.heading', { name: isolate(name) })),
    h('p', { id: 'token-secret-warning', class: 'warning', dataset: { testid: 'token-secret-warning' } }, t('account.secret.warning')),
    h('label', { for: 'token-secret' }, t('account.secret.label')),
    h('div', { class: 'copy-row' },
      input,
      h('button', {
        type: 'button', dataset: { testid: 'token-copy' },
        onclick: () => copySecret(input, copyStatus),
      }, icon('copy'), t('account.secret.copy'))),
    copyStatus,
    h('button', {
      type: 'button', class: 'link-button', dataset: { testid: 'token-secret-done' },
      onclick: () => {
        state.secret = null;
        setMessage('copyStatus', null);
        paintTokens();
        mainEl.querySelector('#token-name')?.focus();
      },
    }, t('account.secret.done')));
}

async function copySecret(input, status) {
  const ok = await copyFromInput(input);
  const fn = ok ? () => t('account.secret.copied') : () => t('account.secret.copy_failed');
  setMessage('copyStatus', fn);
  status.textContent = fn();
}

function tokenForm() {
  const today = localDate(new Date());
  const form = h('form', { class: 'account-form token-form', novalidate: true, 'aria-labelledby': 'token-form-heading', dataset: { testid: 'token-form' } },
    h('h3', { id: 'token-form-heading' }, t('account.tokens.create_heading')),
    h('div', { class: 'field' },
      h('label', { for: 'token-name' }, t('account.tokens.name')),
      h('input', {
        id: 'token-name', name: 'name', type: 'text', required: true, maxlength: 200, autocomplete: 'off', dir: 'auto',
        'aria-describedby': 'token-name-hint token-error', dataset: { testid: 'token-name' },
      }),
      h('p', { id: 'token-name-hint', class: 'hint' }, t('account.tokens.name_hint'))),
    h('fieldset', { class: 'field choice-group' },
      h('legend', {}, t('account.tokens.access')),
      radio('token-scope-read', 'read', 'account.tokens.scope_read', true),
      radio('token-scope-write', 'read write', 'account.tokens.scope_read_write', false)),
    h('div', { class: 'field' },
      h('label', { for: 'token-expiry' }, t('account.tokens.expiry')),
      h('input', {
        id: 'token-expiry', name: 'expires', type: 'date', min: today,
        'aria-describedby': 'token-expiry-hint token-error', dataset: { testid: 'token-expiry' },
      }),
      h('p', { id: 'token-expiry-hint', class: 'hint' }, t('account.tokens.expiry_hint'))),
    message('token-error', 'alert', 'form-error', 'token-error', state.msg.tokenError),
    h('button', { type: 'submit', class: 'primary', dataset: { testid: 'token-create' } }, icon('key'), t('account.tokens.create')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    createToken(form).catch(ctxRef.notify);
  });
  return form;
}

function radio(id, value, labelKey, checked) {
  return h('div', { class: 'choice' },
    h('input', { id, type: 'radio', name: 'scopes', value, checked, dataset: { testid: id } }),
    h('label', { for: id }, t(labelKey)));
}

async function createToken(form) {
  const nameInput = form.querySelector('#token-name');
  const expiryInput = form.querySelector('#token-expiry');
  const error = form.querySelector('#token-error');
  const fail = (fn, input) => {
    setMessage('tokenError', fn);
    error.textContent = fn();
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    }
  };
  nameInput.removeAttribute('aria-invalid');
  expiryInput.removeAttribute('aria-invalid');
  setMessage('tokenError', null);
  error.textContent = '';

  const name = nameInput.value.trim();
  if (!name) return fail(() => t('account.tokens.missing_name'), nameInput);
  const scopes = (form.querySelector('input[name="scopes"]:checked')?.value || 'read').split(' ');
  const body = { name, scopes };
  if (expiryInput.value) {
    // The end of the chosen day in the browser's time zone, sent as UTC.
    const [y, m, d] = expiryInput.value.split('-').map(Number);
    const end = new Date(y, m - 1, d, 23, 59, 59);
    if (Number.isNaN(end.getTime()) || end.getTime() <= Date.now()) return fail(() => t('account.tokens.bad_expiry'), expiryInput);
    body.expires_at = end.toISOString();
  }

  const submit = form.querySelector('button[type="submit"]');
  submit.disabled = true;
  form.setAttribute('aria-busy', 'true');
  try {
    const created = await api('/api/v1/tokens', { method: 'POST', body });
    state.secret = { id: created.id, name: created.name ?? name, token: created.token };
    setMessage('copyStatus', null);
    setMessage('tokensStatus', null);
    const { token, ...listed } = created; // the list never holds the secret
    state.tokens = sortTokens([...state.tokens.filter((x) => x.id !== created.id), listed]);
    form.reset();
    view.tokensStatus.textContent = '';
    paintTokens();
    const secret = mainEl.querySelector('#token-secret');
    secret?.focus(); // its description is the "shown once" warning
  } catch (err) {
    if (err.name === 'AbortError') return;
    const detail = err.message;
    const input = { name: nameInput, expires_at: expiryInput }[err.field] || null;
    fail(() => detail, input);
  } finally {
    submit.disabled = false;
    form.removeAttribute('aria-busy');
  }
}

function tokenTable() {
  if (state.tokens.length === 0) {
    return h('p', { class: 'empty-state', dataset: { testid: 'token-list-empty' } }, t('account.tokens.empty'));
  }
  const now = Date.now();
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'data token-table', 'aria-labelledby': 'token-list-heading', dataset: { testid: 'token-list' } },
      h('thead', {}, h('tr', {},
        ['name', 'access', 'created', 'expires', 'status'].map((c) => h('th', { scope: 'col' }, t(`account.tokens.col_${c}`))),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('account.tokens.col_actions'))))),
      h('tbody', {}, state.tokens.map((tok) => {
        const status = tokenStatus(tok, now);
        return h('tr', { class: status === 'active' ? null : 'inactive', dataset: { testid: 'token-item', id: String(tok.id), status } },
          h('th', { scope: 'row' }, h('bdi', { dir: 'auto' }, tok.name)),
          h('td', { dataset: { testid: 'token-scopes' } }, scopeLabel(tok.scopes)),
          h('td', {}, timeEl(tok.created_at)),
          h('td', {}, tok.expires_at ? timeEl(tok.expires_at) : h('span', { class: 'muted' }, t('account.tokens.never'))),
          h('td', { dataset: { testid: 'token-status' } },
            h('span', { class: `chip status-${status}` }, stateIcon(status, 'token'), t(`account.tokens.status_${status}`)),
            status === 'revoked' && tok.revoked_at
              ? h('span', { class: 'hint status-when' }, t('account.tokens.revoked_on', { date: formatDateTime(tok.revoked_at) }))
              : null),
          h('td', { class: 'actions' }, status === 'active'
            ? actionMenu({
              label: t('account.tokens.menu_label', { name: isolate(tok.name) }),
              testid: 'token-menu',
              items: [{ label: t('account.tokens.revoke'), danger: true, testid: 'token-revoke', icon: 'ban', onSelect: (opener) => confirmRevoke(tok, opener) }],
            })
            : null));
      }))));
}

function tokenStatus(tok, now) {
  if (tok.revoked_at) return 'revoked';
  if (tok.expires_at && Date.parse(tok.expires_at) <= now) return 'expired';
  return 'active';
}

function scopeLabel(scopes = []) {
  if (scopes.includes('write')) return t('account.tokens.scope_read_write');
  if (scopes.includes('read')) return t('account.tokens.scope_read');
  return scopes.join(', ');
}

function timeEl(iso) {
  return h('time', { datetime: iso }, formatDateTime(iso));
}

function confirmRevoke(tok, opener) {
  mainEl.querySelector('dialog.confirm-dialog')?.remove();
  const cancel = h('button', { type: 'submit', value: 'cancel', autofocus: true, dataset: { testid: 'revoke-cancel' } }, t('account.revoke.cancel'));
  const dialog = h('dialog', {
    class: 'confirm-dialog', 'aria-labelledby': 'revoke-title', 'aria-describedby': 'revoke-body', dataset: { testid: 'revoke-dialog' },
  },
  h('form', { method: 'dialog' },
    h('h2', { id: 'revoke-title' }, t('account.revoke.title')),
    h('p', { id: 'revoke-body' }, t('account.revoke.body', { name: isolate(tok.name) })),
    h('div', { class: 'dialog-actions' },
      h('button', { type: 'submit', value: 'confirm', class: 'danger', dataset: { testid: 'revoke-confirm' } }, t('account.revoke.confirm')),
      cancel)));
  dialog.addEventListener('close', () => {
    const confirmed = dialog.returnValue === 'confirm';
    dialog.remove();
    if (confirmed) revoke(tok).catch(ctxRef.notify);
    else if (opener.isConnected) opener.focus();
  });
  mainEl.append(dialog);
  dialog.showModal();
  cancel.focus();
}

async function revoke(tok) {
  setMessage('tokensStatus', null);
  view.tokensStatus.textContent = '';
  let done = false;
  try {
    await api(`/api/v1/tokens/${encodeURIComponent(tok.id)}`, { method: 'DELETE' });
    done = true;
    if (state.secret?.id === tok.id) state.secret = null;
  } catch (err) {
    // e.g. revoked meanwhile in another tab: say so, and show the list as it is now.
    ctxRef.notify(err);
  }
  state.tokens = sortTokens(await listAll('/api/v1/tokens'));
  if (!mainEl.isConnected || mainEl.dataset.page !== 'account') return;
  paintTokens();
  mainEl.querySelector('#token-list-heading')?.focus();
  if (done) {
    const fn = () => t('account.tokens.revoked', { name: isolate(tok.name) });
    setMessage('tokensStatus', fn);
    view.tokensStatus.textContent = fn();
  }
}

// ---- helpers ---------------------------------------------------------------------------------

/** A user-typed name for a sentence: isolated (FSI…PDI) so its direction cannot reorder the text around it. */
function isolate(name) {
  return `\u2068${name}\u2069`;
}

/** text with its placeholder replaced by a left-to-right <code> element (kept whole in RTL text). */
function withCode(text, placeholder, code) {
  const at = text.indexOf(placeholder);
  if (at < 0) return text;
  return [text.slice(0, at), h('code', { dir: 'ltr' }, code), text.slice(at + placeholder.length)];
}

function sortTokens(list) {
  return [...list].sort((a, b) => Number(b.id) - Number(a.id));
}

/** YYYY-MM-DD of a Date in the browser's time zone (the value format of <input type=date>). */
function localDate(d) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** What the user typed or chose (and where the focus was), so a re-render can put it back. */
function keepInputs(main) {
  const values = new Map();
  for (const el of main.querySelectorAll('input[id]')) {
    if (el.id === 'token-secret' || el.id.startsWith('pref-')) continue; // come from state
    values.set(el.id, el.type === 'radio' || el.type === 'checkbox' ? el.checked : el.value);
  }
  return { values, focus: main.contains(document.activeElement) ? document.activeElement.id : '' };
}

function restoreInputs(main, kept) {
  for (const [id, v] of kept.values) {
    const el = main.querySelector(`#${CSS.escape(id)}`);
    if (!el) continue;
    if (typeof v === 'boolean') el.checked = v;
    else el.value = v;
  }
  if (kept.focus) main.querySelector(`#${CSS.escape(kept.focus)}`)?.focus();
}

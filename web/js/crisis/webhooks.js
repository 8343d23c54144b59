// Webhook subscribers of crisis statements (docs/crisis.md "Webhook subscribers"), for the network's
// administrators (permission crisis.webhooks; the crises page links here for them):
//
// #/crisis-webhooks: the subscribers (GET /api/v1/crisis-webhooks) with their address, whether they
// are active and receive drills, their deliveries by state and their last error; registering one
// (POST; name, URL, include drills), pausing and resuming it (PATCH active, If-Match), rotating its
// secret and removing it (POST …/rotate-secret, DELETE, each behind a confirmation). The signing
// secret a registration or a rotation answers is shown once, in a read-only field with a copy button
// and the warning that it will not be shown again; it lives only in this module's state, and is
// forgotten when dismissed or when the page is drawn anew (a language switch keeps it).
//
// #/crisis-webhooks/<id>: one subscriber and its deliveries, newest first (GET …/deliveries?state=,
// the state chosen from the vocabulary crisis_webhook_delivery_states, "show more" following
// next_cursor); a pending, failed or cancelled one is sent again with "send now"
// (POST …/deliveries/{delivery_id}/redeliver).
//
// The server's refusals (bilingual problem details, in the page's language) are shown beside the
// field they name or in the section's alert region; what was done is said in a status region.

import { api, etag } from '../api.js';
import { h, replace, confirmDialog, copyFromInput } from '../dom.js';
import { actionMenu } from '../menu.js';
import { t, formatNumber, formatDateTime } from '../i18n.js';
import { loadVocabularies, vocabularyOptions } from '../reference.js';
import { can } from '../permissions.js';
import { inputField, selectField, showFieldProblem, conflictNotice } from '../fields.js';
import { person } from '../people.js';
import { icon, stateIcon } from '../icons.js';
import { label } from './shared.js';

export const modules = ['crisis'];
export const titleKey = 'crisis.webhooks.title';

const BASE = '/api/v1/crisis-webhooks';
const STATES = 'crisis_webhook_delivery_states';
const ERRORS = 'crisis_webhook_errors';

/**
 * Why the last attempt failed: the reason in the reader's language (the server's error code),
 * then the technical detail as the receiver or the network said it, for whoever runs the receiver.
 */
function failure(code, detail, testid) {
  return h('span', { class: 'webhook-failure', dataset: testid ? { testid } : {} },
    code ? h('span', { class: 'webhook-failure-reason' }, label(ERRORS, code)) : null,
    h('bdi', { dir: 'ltr', class: 'hint code webhook-failure-detail' }, detail));
}
const MAX_ATTEMPTS = 30; // the worker's limit (docs/crisis.md "Delivery")
const RESENDABLE = new Set(['pending', 'failed', 'cancelled']);

const state = {
  items: null, // the subscribers, oldest first
  secret: null, // { id, name, secret, rotated }: answered once, shown until dismissed
  draft: { name: '', url: '', include_drills: false },
  note: null, // { ok, text: () => string, field? } after the last write on the list
  copy: null, // () => the copy button's outcome
  conflict: false, // a 412: the subscriber changed meanwhile
  detail: null, // { id, hook, filter, items, cursor, note }
};
let mainEl = null;
let ctxRef = null;

export async function render(main, args, ctx) {
  mainEl = main;
  ctxRef = ctx;
  main.dataset.page = 'crisis-webhooks';
  if (!can('crisis.webhooks')) return paintRefused();
  await loadVocabularies();
  const [id] = args;
  if (!ctx.relang) {
    // Drawn anew (not a language switch): a secret shown before is not shown again.
    Object.assign(state, { secret: null, note: null, copy: null, conflict: false });
  }
  if (id) {
    const same = state.detail?.id === id;
    if (!ctx.relang || !same) await loadDetail(id, same ? state.detail.filter : '');
    return paintDetail();
  }
  if (!ctx.relang || !state.items) await loadList();
  return paintList();
}

const isolate = (name) => `\u2068${name}\u2069`;
/** text with its placeholder replaced by a left-to-right <code> (kept whole in right-to-left text). */
function withCode(text, placeholder, code) {
  const at = text.indexOf(placeholder);
  if (at < 0) return text;
  return [text.slice(0, at), h('code', { dir: 'ltr' }, code), text.slice(at + placeholder.length)];
}
/** Whether this page is still the one shown (a write may answer after the person has moved on). */
const here = () => /^#\/crisis-webhooks(?:[/?]|$)/.test(location.hash);
const when = (iso) => h('time', { datetime: iso }, formatDateTime(iso));
const path = (id) => `${BASE}/${encodeURIComponent(id)}`;

function paintRefused() {
  replace(mainEl,
    h('p', {}, h('a', { href: '#/crises' }, t('crisis.back'))),
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, t('crisis.webhooks.title'))),
    h('p', { class: 'empty-state', dataset: { testid: 'webhooks-refused' } }, t('crisis.webhooks.refused')));
}

function regions(note, testid) {
  return [
    h('div', { class: 'form-status', role: 'status', dataset: { testid: `${testid}-status` } }, note?.ok ? note.text() : ''),
    h('div', { class: 'form-error', role: 'alert', dataset: { testid: `${testid}-error` } }, note && !note.ok && !note.shown ? note.text() : ''),
  ];
}

// ---- the list ----------------------------------------------------------------------------------

async function loadList() {
  const answer = await api(BASE);
  state.items = answer?.items || [];
}

function paintList() {
  if (!here()) return;
  replace(mainEl,
    h('p', {}, h('a', { href: '#/crises' }, t('crisis.back'))),
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1' }, t('crisis.webhooks.title')),
      h('p', { class: 'muted' }, t('crisis.webhooks.lead'))),
    state.secret ? secretPanel() : null,
    h('div', { class: 'webhooks-layout' },
      registerForm(),
      h('section', { class: 'webhooks-list', 'aria-labelledby': 'webhooks-list-heading', dataset: { testid: 'webhooks-section' } },
        h('h2', { id: 'webhooks-list-heading', tabindex: '-1' }, t('crisis.webhooks.list.heading')),
        h('p', { class: 'muted', dataset: { testid: 'webhooks-count' } }, t('crisis.webhooks.count', { count: state.items.length })),
        ...regions(state.note?.field ? null : state.note, 'webhooks'),
        state.conflict ? conflictNotice('webhooks-conflict', () => reloadList()) : null,
        listTable())));
}

async function reloadList(focus = '#webhooks-list-heading') {
  state.conflict = false;
  try {
    await loadList();
  } catch (err) {
    ctxRef.notify(err);
  }
  paintList();
  mainEl.querySelector(focus)?.focus();
}

function listTable() {
  if (!state.items.length) return h('p', { class: 'empty-state', dataset: { testid: 'webhooks-list' } }, t('crisis.webhooks.empty'));
  const cols = ['name', 'url', 'status', 'drills', 'deliveries', 'last_error', 'actions'];
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'data webhooks-table', 'aria-labelledby': 'webhooks-list-heading', dataset: { testid: 'webhooks-list' } },
      h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col' }, t(`crisis.webhooks.col.${c}`))))),
      h('tbody', {}, state.items.map((hook) => h('tr', {
        class: hook.active ? null : 'inactive', dataset: { testid: 'webhook-item', id: String(hook.id), active: String(hook.active) },
      },
      h('th', { scope: 'row' }, h('a', { href: `#/crisis-webhooks/${hook.id}`, dataset: { testid: 'webhook-name-link' } }, h('bdi', {}, hook.name))),
      h('td', { class: 'webhook-url' }, h('bdi', { dir: 'ltr', class: 'code', dataset: { testid: 'webhook-url-text' } }, hook.url)),
      h('td', {}, activeChip(hook)),
      h('td', { dataset: { testid: 'webhook-drills-text' } }, t(hook.include_drills ? 'crisis.webhooks.drills_yes' : 'crisis.webhooks.drills_no')),
      h('td', {}, deliveryCounts(hook.deliveries)),
      h('td', { class: 'webhook-error' }, hook.deliveries?.last_error
        ? failure(hook.deliveries.last_error_code, hook.deliveries.last_error, 'webhook-last-error')
        : h('span', { class: 'muted' }, t('crisis.webhooks.no_error'))),
      h('td', { class: 'row-action' }, h('div', { class: 'webhook-actions' }, actions(hook))))))));
}

function activeChip(hook) {
  return h('span', { class: `chip ${hook.active ? 'status-active' : 'webhook-paused'}`, dataset: { testid: 'webhook-active', active: String(hook.active) } },
    stateIcon(hook.active ? 'active' : 'paused'), t(hook.active ? 'crisis.webhooks.active' : 'crisis.webhooks.paused'));
}

function deliveryCounts(d = {}) {
  return [
    h('ul', { class: 'report-counts', dataset: { testid: 'webhook-counts' } },
      ['delivered', 'pending', 'failed', 'cancelled'].filter((s) => s !== 'cancelled' || d[s] > 0).map((s) =>
        h('li', { dataset: { state: s, count: String(d[s] ?? 0) } }, h('span', { class: 'state-label' }, stateIcon(s), label(STATES, s)), ' ', h('strong', {}, formatNumber(d[s] ?? 0))))),
    d.last_delivered_at ? h('p', { class: 'hint' }, t('crisis.webhooks.last_delivered'), ' ', when(d.last_delivered_at)) : null,
  ];
}

function actions(hook) {
  const name = isolate(hook.name);
  return [
    h('button', {
      type: 'button', dataset: { testid: hook.active ? 'webhook-pause' : 'webhook-resume' },
      'aria-label': t(hook.active ? 'crisis.webhooks.pause_named' : 'crisis.webhooks.resume_named', { name }),
      onclick: () => setActive(hook, !hook.active),
    }, icon(hook.active ? 'pause' : 'play'), t(hook.active ? 'crisis.webhooks.pause' : 'crisis.webhooks.resume')),
    h('a', { href: `#/crisis-webhooks/${hook.id}`, 'aria-label': t('crisis.webhooks.deliveries_named', { name }), dataset: { testid: 'webhook-deliveries-link' } },
      t('crisis.webhooks.deliveries_link')),
    // Rotating the secret breaks the subscriber until it learns the new one; removing ends it.
    actionMenu({
      label: t('crisis.webhooks.menu_label', { name }),
      testid: 'webhook-menu',
      items: [
        { label: t('crisis.webhooks.rotate'), testid: 'webhook-rotate', icon: 'key', onSelect: (opener) => rotate(hook, opener) },
        { label: t('crisis.webhooks.remove'), danger: true, testid: 'webhook-remove', icon: 'delete', onSelect: (opener) => remove(hook, opener) },
      ],
    }),
  ];
}

/**
 * Runs a write on a subscriber of the list, then `done(answer)`; says what happened in the list's
 * status region, or the server's refusal in its alert region (a 412 offers a reload; a 404 — removed
 * meanwhile — reloads the list).
 */
async function act(call, doneText, done) {
  state.note = null;
  state.conflict = false;
  try {
    done(await call());
    state.note = { ok: true, text: doneText };
  } catch (err) {
    if (err.name === 'AbortError') return false;
    if (err.status === 412) state.conflict = true;
    else state.note = { ok: false, text: () => err.message };
    if (err.status === 404) await loadList().catch(ctxRef.notify);
    paintList();
    mainEl.querySelector('#webhooks-list-heading')?.focus();
    return false;
  }
  return true;
}

const replaceItem = (answer) => {
  const { secret, ...listed } = answer; // the list never holds a secret
  state.items = state.items.some((x) => x.id === listed.id)
    ? state.items.map((x) => (x.id === listed.id ? listed : x)) : [...state.items, listed];
};

async function setActive(hook, active) {
  const name = isolate(hook.name);
  const ok = await act(() => api(path(hook.id), { method: 'PATCH', headers: { 'If-Match': etag(hook.version) }, body: { active } }),
    () => t(active ? 'crisis.webhooks.resumed_done' : 'crisis.webhooks.paused_done', { name }), replaceItem);
  if (!ok) return;
  paintList();
  // The same row's other button now; focus stays on the row.
  mainEl.querySelector(`[data-testid="webhook-item"][data-id="${hook.id}"] [data-testid="${active ? 'webhook-pause' : 'webhook-resume'}"]`)?.focus();
}

async function rotate(hook, opener) {
  const name = isolate(hook.name);
  const confirmed = await confirmDialog({
    title: t('crisis.webhooks.rotate_title', { name }), body: t('crisis.webhooks.rotate_body'),
    confirm: t('crisis.webhooks.rotate_confirm'), cancel: t('crisis.cancel'), testid: 'webhook-rotate-dialog', danger: true, opener,
  });
  if (!confirmed) return;
  const ok = await act(() => api(`${path(hook.id)}/rotate-secret`, { method: 'POST', headers: { 'If-Match': etag(hook.version) }, body: {} }),
    () => t('crisis.webhooks.rotated_done', { name }), (answer) => {
      state.secret = { id: answer.id, name: answer.name, secret: answer.secret, rotated: true };
      state.copy = null;
      replaceItem(answer);
    });
  if (!ok) return;
  paintList();
  mainEl.querySelector('#webhook-secret')?.focus(); // its description is the "shown once" warning
}

async function remove(hook, opener) {
  const name = isolate(hook.name);
  const confirmed = await confirmDialog({
    title: t('crisis.webhooks.remove_title', { name }), body: t('crisis.webhooks.remove_body'),
    confirm: t('crisis.webhooks.remove_confirm'), cancel: t('crisis.cancel'), testid: 'webhook-remove-dialog', danger: true, opener,
  });
  if (!confirmed) return;
  const ok = await act(() => api(path(hook.id), { method: 'DELETE', headers: { 'If-Match': etag(hook.version) } }),
    () => t('crisis.webhooks.removed_done', { name }), () => {
      state.items = state.items.filter((x) => x.id !== hook.id);
      if (state.secret?.id === hook.id) state.secret = null;
    });
  if (!ok) return;
  paintList();
  mainEl.querySelector('#webhooks-list-heading')?.focus();
}

// ---- registering -------------------------------------------------------------------------------

function registerForm() {
  const d = state.draft;
  const fields = {
    name: inputField('webhook-name', t('crisis.webhooks.field.name'), {
      value: d.name, maxlength: 200, required: true, dir: 'auto', autocomplete: 'off', error: true, dataset: { testid: 'webhook-name' },
    }),
    url: inputField('webhook-url', t('crisis.webhooks.field.url'), {
      type: 'url', value: d.url, maxlength: 2000, required: true, dir: 'ltr', autocomplete: 'off', spellcheck: 'false', inputmode: 'url',
      hint: t('crisis.webhooks.field.url_hint'), error: true, dataset: { testid: 'webhook-url' },
    }),
  };
  fields.name.input.addEventListener('input', () => { d.name = fields.name.input.value; });
  fields.url.input.addEventListener('input', () => { d.url = fields.url.input.value; });
  const drills = h('input', {
    type: 'checkbox', id: 'webhook-drills', checked: d.include_drills, 'aria-describedby': 'webhook-drills-hint', dataset: { testid: 'webhook-drills' },
  });
  drills.addEventListener('change', () => { d.include_drills = drills.checked; });
  const general = h('div', { class: 'form-error', role: 'alert', dataset: { testid: 'webhook-form-error' } });
  const form = h('form', { class: 'card webhook-form', novalidate: true, 'aria-labelledby': 'webhook-form-heading', dataset: { testid: 'webhook-form' } },
    h('h2', { id: 'webhook-form-heading' }, t('crisis.webhooks.register.heading')),
    general,
    fields.name.field,
    fields.url.field,
    h('div', { class: 'field' },
      h('div', { class: 'choice' }, drills, h('label', { for: 'webhook-drills' }, t('crisis.webhooks.field.include_drills'))),
      h('p', { id: 'webhook-drills-hint', class: 'hint' }, t('crisis.webhooks.field.include_drills_hint'))),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'primary', dataset: { testid: 'webhook-register' } }, icon('add'), t('crisis.webhooks.register.submit'))));
  // A refusal of the last registration stays beside its field across a language switch.
  if (state.note?.field) state.note.shown = !!showFieldProblem({ field: state.note.field, message: state.note.text() }, fields, general);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    register(form, fields, general).catch(ctxRef.notify);
  });
  return form;
}

async function register(form, fields, general) {
  const d = state.draft;
  general.textContent = '';
  for (const f of Object.values(fields)) {
    f.error.textContent = '';
    f.input.removeAttribute('aria-invalid');
  }
  const missing = ['name', 'url'].find((k) => !d[k].trim());
  if (missing) {
    showFieldProblem({ field: missing, message: t('crisis.form.missing', { field: t(`crisis.webhooks.field.${missing}`) }) }, fields, general)?.focus();
    return;
  }
  const submit = form.querySelector('button[type="submit"]');
  submit.disabled = true;
  try {
    const created = await api(BASE, { method: 'POST', body: { name: d.name.trim(), url: d.url.trim(), include_drills: d.include_drills } });
    state.secret = { id: created.id, name: created.name, secret: created.secret, rotated: false };
    state.copy = null;
    state.conflict = false;
    state.draft = { name: '', url: '', include_drills: false };
    replaceItem(created);
    const name = isolate(created.name);
    state.note = { ok: true, text: () => t('crisis.webhooks.registered', { name }) };
    paintList();
    mainEl.querySelector('#webhook-secret')?.focus(); // its description is the "shown once" warning
  } catch (err) {
    if (err.name === 'AbortError') return;
    const detail = err.message;
    const field = String(err.field || '').replace(/^\//, '');
    state.note = { ok: false, text: () => detail, field: field || 'general' };
    const control = showFieldProblem(err, fields, general);
    state.note.shown = true;
    (control || general).focus?.();
  } finally {
    submit.disabled = false;
  }
}

function secretPanel() {
  const { name, secret, rotated } = state.secret;
  const input = h('input', {
    id: 'webhook-secret', type: 'text', readonly: true, dir: 'ltr', class: 'code', spellcheck: 'false', autocomplete: 'off',
    'aria-describedby': 'webhook-secret-warning', dataset: { testid: 'webhook-secret' },
  });
  input.value = secret;
  input.addEventListener('focus', () => input.select());
  const status = h('div', { class: 'hint', role: 'status', dataset: { testid: 'webhook-copy-status' } }, state.copy ? state.copy() : '');
  return h('div', { class: 'secret-panel', role: 'region', 'aria-labelledby': 'webhook-secret-heading', dataset: { testid: 'webhook-secret-panel' } },
    h('h2', { id: 'webhook-secret-heading' }, t(rotated ? 'crisis.webhooks.secret.heading_rotated' : 'crisis.webhooks.secret.heading', { name: isolate(name) })),
    h('p', { id: 'webhook-secret-warning', class: 'warning', dataset: { testid: 'webhook-secret-warning' } },
      withCode(t('crisis.webhooks.secret.warning'), '{header}', 'X-Sawt-Signature')),
    h('label', { for: 'webhook-secret' }, t('crisis.webhooks.secret.label')),
    h('div', { class: 'copy-row' },
      input,
      h('button', { type: 'button', dataset: { testid: 'webhook-copy' }, onclick: () => copySecret(input, status) }, icon('copy'), t('crisis.webhooks.secret.copy'))),
    status,
    h('button', {
      type: 'button', class: 'link-button', dataset: { testid: 'webhook-secret-done' },
      onclick: () => {
        state.secret = null;
        state.copy = null;
        paintList();
        mainEl.querySelector('#webhooks-list-heading')?.focus();
      },
    }, t('crisis.webhooks.secret.done')));
}

async function copySecret(input, status) {
  const ok = await copyFromInput(input);
  state.copy = () => t(ok ? 'crisis.webhooks.secret.copied' : 'crisis.webhooks.secret.copy_failed');
  status.textContent = state.copy();
}

// ---- one subscriber's deliveries ---------------------------------------------------------------

async function loadDetail(id, filter) {
  const [hook, page] = await Promise.all([api(path(id)), api(`${path(id)}/deliveries`, { query: { state: filter, limit: 50 } })]);
  state.detail = { id, hook, filter, items: page?.items || [], cursor: page?.next_cursor || null, note: null };
}

async function reloadDeliveries(focus) {
  const d = state.detail;
  try {
    await loadDetail(d.id, d.filter);
  } catch (err) {
    if (err.name !== 'AbortError') ctxRef.notify(err);
    return;
  }
  paintDetail();
  if (focus) mainEl.querySelector(focus)?.focus();
}

function paintDetail() {
  if (!here()) return;
  const { hook } = state.detail;
  const fact = (key, value) => [h('dt', {}, t(key)), h('dd', {}, value)];
  replace(mainEl,
    h('p', {}, h('a', { href: '#/crisis-webhooks', dataset: { testid: 'webhook-back' } }, t('crisis.webhooks.back'))),
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1', dataset: { testid: 'webhook-title' } }, h('bdi', {}, hook.name)),
      activeChip(hook)),
    h('dl', { class: 'facts', dataset: { testid: 'webhook-facts' } },
      fact('crisis.webhooks.col.url', h('bdi', { dir: 'ltr', class: 'code webhook-url' }, hook.url)),
      fact('crisis.webhooks.col.drills', t(hook.include_drills ? 'crisis.webhooks.drills_yes' : 'crisis.webhooks.drills_no')),
      fact('crisis.webhooks.field.created', [person(hook.created_by), ' · ', when(hook.created_at)]),
      fact('crisis.webhooks.col.deliveries', deliveryCounts(hook.deliveries)),
      fact('crisis.webhooks.col.last_error', hook.deliveries?.last_error
        ? failure(hook.deliveries.last_error_code, hook.deliveries.last_error) : t('crisis.webhooks.no_error'))),
    deliveriesSection());
}

function deliveriesSection() {
  const d = state.detail;
  const filter = selectField('delivery-filter-state', t('crisis.webhooks.deliveries.state'),
    [{ value: '', label: t('crisis.webhooks.deliveries.all') }, ...vocabularyOptions(STATES)], d.filter,
    { dataset: { testid: 'delivery-filter-state' } });
  filter.select.addEventListener('change', () => {
    d.filter = filter.select.value;
    reloadDeliveries('#delivery-filter-state');
  });
  return h('section', { class: 'card webhook-deliveries', 'aria-labelledby': 'webhook-deliveries-heading', dataset: { testid: 'webhook-deliveries' } },
    h('h2', { id: 'webhook-deliveries-heading', tabindex: '-1' }, t('crisis.webhooks.deliveries.heading')),
    h('p', { class: 'muted' }, t('crisis.webhooks.deliveries.lead', { attempts: MAX_ATTEMPTS })),
    h('form', { class: 'filters', role: 'search', onsubmit: (e) => e.preventDefault() }, filter.field),
    ...regions(d.note, 'deliveries'),
    deliveriesTable(),
    d.cursor ? h('p', {}, h('button', { type: 'button', dataset: { testid: 'deliveries-more' }, onclick: () => more() }, t('crisis.webhooks.deliveries.more'))) : null);
}

function deliveriesTable() {
  const d = state.detail;
  if (!d.items.length) {
    return h('p', { class: 'empty-state', dataset: { testid: 'deliveries-list' } },
      t(d.filter ? 'crisis.webhooks.deliveries.empty_filtered' : 'crisis.webhooks.deliveries.empty'));
  }
  const cols = ['statement', 'state', 'attempts', 'last_status', 'last_error', 'next_attempt', 'delivered', 'action'];
  const none = (key) => h('span', { class: 'muted' }, t(`crisis.webhooks.deliveries.${key}`));
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'data deliveries-table', 'aria-labelledby': 'webhook-deliveries-heading', dataset: { testid: 'deliveries-list' } },
      h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col' }, t(`crisis.webhooks.deliveries.col.${c}`))))),
      h('tbody', {}, d.items.map((x) => {
        const number = formatNumber(x.statement_id, { useGrouping: false });
        return h('tr', { dataset: { testid: 'delivery-item', id: String(x.id), state: x.state } },
          h('th', { scope: 'row' }, h('span', {},
            t('crisis.webhooks.deliveries.statement', { id: number }),
            h('span', { class: 'hint status-when' }, t('crisis.webhooks.deliveries.queued'), ' ', when(x.created_at)))),
          h('td', {}, h('span', { class: `chip pub-state pub-state-${x.state}`, dataset: { testid: 'delivery-state' } }, stateIcon(x.state), label(STATES, x.state))),
          h('td', { dataset: { testid: 'delivery-attempts' } }, formatNumber(x.attempts)),
          h('td', {}, x.last_status === null ? none('no_answer') : formatNumber(x.last_status, { useGrouping: false })),
          h('td', { class: 'webhook-error' }, x.last_error ? failure(x.last_error_code, x.last_error, 'delivery-error') : none('none')),
          h('td', {}, x.state === 'pending' && x.next_attempt_at ? when(x.next_attempt_at) : none('none')),
          h('td', {}, x.delivered_at ? when(x.delivered_at) : none('not_delivered')),
          h('td', { class: 'row-action' }, RESENDABLE.has(x.state) ? h('button', {
            type: 'button', dataset: { testid: 'delivery-send' }, 'aria-label': t('crisis.webhooks.deliveries.send_now_named', { id: number }),
            onclick: () => redeliver(x, number),
          }, icon('send'), t('crisis.webhooks.deliveries.send_now')) : null));
      }))));
}

async function more() {
  const d = state.detail;
  try {
    const page = await api(`${path(d.id)}/deliveries`, { query: { state: d.filter, limit: 50, cursor: d.cursor } });
    d.items = [...d.items, ...(page?.items || [])];
    d.cursor = page?.next_cursor || null;
  } catch (err) {
    if (err.name !== 'AbortError') ctxRef.notify(err);
    return;
  }
  paintDetail();
  mainEl.querySelector('#webhook-deliveries-heading')?.focus();
}

async function redeliver(x, number) {
  const d = state.detail;
  d.note = null;
  try {
    const answer = await api(`${path(d.id)}/deliveries/${encodeURIComponent(x.id)}/redeliver`, { method: 'POST', body: {} });
    d.items = d.items.map((y) => (y.id === answer.id ? answer : y));
    d.note = { ok: true, text: () => t('crisis.webhooks.deliveries.sent_now', { id: number }) };
  } catch (err) {
    if (err.name === 'AbortError') return;
    d.note = { ok: false, text: () => err.message };
    // Delivered meanwhile (409) or changed (412): show the deliveries as they are now.
    if (err.status === 409 || err.status === 412) {
      const note = d.note;
      await reloadDeliveries();
      state.detail.note = note;
    }
  }
  paintDetail();
  mainEl.querySelector('#webhook-deliveries-heading')?.focus();
}

// Notification settings (#/notifications, reached from the bell's panel; marked as "My account"):
// for each kind of notification the server knows (GET /api/v1/notifications/preferences, labelled
// from the `notification_kinds` vocabulary), whether it shows in the application and whether it
// comes by e-mail; saved with PUT of the same body. A refused save shows the server's problem
// beside the table (fields.js showFieldProblem), the checkbox it names marked invalid. Choices not
// yet saved survive a language or digit switch.

import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { showFieldProblem } from '../fields.js';
import { loadVocabularies, codes } from '../reference.js';
import { kindLabel } from '../notifications.js';
import { icon } from '../icons.js';

export const modules = ['notifications'];
export const titleKey = 'notifications.prefs.title';

const CHANNELS = ['in_app', 'email'];

const state = {
  kinds: null, // [{kind, in_app, email}] as shown (edits included)
  unavailable: false,
  // Messages are functions, so our words follow a language switch (a problem's detail stays as answered).
  msg: { status: null, error: null },
  problem: null, // the last refused save: ApiError
};

let mainEl = null;
let ctxRef = null;

export async function render(main, args, ctx) {
  mainEl = main;
  ctxRef = ctx;
  if (ctx.changedPage || !state.kinds) {
    state.msg = { status: null, error: null };
    state.problem = null;
    await load();
  }
  paint();
}

async function load() {
  state.unavailable = false;
  await loadVocabularies();
  if (codes('notification_kinds').length === 0) {
    // A server without the notifications module (it declares the vocabulary): nothing to ask.
    state.kinds = [];
    state.unavailable = true;
    return;
  }
  try {
    const answer = await api('/api/v1/notifications/preferences');
    state.kinds = (answer?.kinds || []).map((k) => ({ kind: k.kind, in_app: !!k.in_app, email: !!k.email }));
  } catch (err) {
    if (err.status !== 404) throw err;
    state.kinds = [];
    state.unavailable = true;
  }
}

function paint() {
  const main = mainEl;
  main.dataset.page = 'notifications';
  const head = h('div', { class: 'page-head' },
    h('h1', { tabindex: '-1' }, t('notifications.prefs.title')),
    h('a', { href: '#/account', dataset: { testid: 'prefs-back' } }, t('notifications.prefs.back')));
  if (state.unavailable || state.kinds.length === 0) {
    replace(main, head, h('p', { class: 'empty-state', dataset: { testid: 'prefs-empty' } },
      t(state.unavailable ? 'notifications.prefs.unavailable' : 'notifications.prefs.empty')));
    return;
  }
  const errorSlot = h('p', { id: 'prefs-error', class: 'field-error', dataset: { testid: 'prefs-field-error' } });
  const general = h('div', { class: 'form-error', role: 'alert', dataset: { testid: 'prefs-error' } }, state.msg.error ? state.msg.error() : '');
  const status = h('div', { class: 'form-status', role: 'status', dataset: { testid: 'prefs-status' } }, state.msg.status ? state.msg.status() : '');
  const boxes = new Map(); // "kind/channel" -> checkbox
  const rows = state.kinds.map((entry, index) => {
    const label = kindLabel(entry.kind);
    const cells = CHANNELS.map((channel) => {
      const box = h('input', {
        type: 'checkbox', id: `prefs-${index}-${channel}`, 'aria-label': t(`notifications.prefs.${channel}_for`, { kind: label }),
        'aria-describedby': 'prefs-error', dataset: { testid: `prefs-${channel}` },
        onchange: (e) => {
          entry[channel] = e.currentTarget.checked;
          e.currentTarget.removeAttribute('aria-invalid');
        },
      });
      box.checked = entry[channel];
      boxes.set(`${index}/${channel}`, box);
      return h('td', { class: 'prefs-check' }, box);
    });
    return h('tr', { dataset: { testid: 'prefs-row', kind: entry.kind } }, h('th', { scope: 'row' }, label), cells);
  });
  const submit = h('button', { type: 'submit', class: 'primary', dataset: { testid: 'prefs-save' } }, icon('save'), t('notifications.prefs.save'));
  const form = h('form', { class: 'prefs-form', novalidate: true, dataset: { testid: 'prefs-form' } },
    h('div', { class: 'table-wrap' },
      h('table', { class: 'data prefs-table', dataset: { testid: 'prefs-table' } },
        h('caption', { class: 'visually-hidden' }, t('notifications.prefs.title')),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, t('notifications.prefs.kind')),
          CHANNELS.map((channel) => h('th', { scope: 'col', class: 'prefs-check' }, t(`notifications.prefs.${channel}`))))),
        h('tbody', {}, rows))),
    errorSlot, general, status,
    h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    save(form, submit, { errorSlot, general, status, boxes }).catch(ctxRef.notify);
  });
  replace(main, head, h('p', { class: 'muted' }, t('notifications.prefs.intro')), form);
  if (state.problem) showProblem(state.problem, { errorSlot, general, boxes });
}

/** The checkbox a problem's field path names ("kinds[2].email", "/kinds/2/email"), if any. */
function namedBox(field, boxes) {
  const m = String(field || '').match(/kinds\D*(\d+)\D*(in_app|email)?/);
  if (!m) return null;
  return boxes.get(`${m[1]}/${m[2] || 'in_app'}`) || null;
}

function showProblem(err, { errorSlot, general, boxes }) {
  const control = namedBox(err.field, boxes) || boxes.values().next().value;
  showFieldProblem(err, { kinds: { error: errorSlot, control } }, general);
}

async function save(form, submit, { errorSlot, general, status, boxes }) {
  state.msg = { status: null, error: null };
  state.problem = null;
  errorSlot.textContent = '';
  general.textContent = '';
  for (const box of boxes.values()) box.removeAttribute('aria-invalid');
  status.textContent = t('notifications.prefs.saving');
  submit.disabled = true;
  form.setAttribute('aria-busy', 'true');
  try {
    const answer = await api('/api/v1/notifications/preferences', {
      method: 'PUT', body: { kinds: state.kinds.map(({ kind, in_app, email }) => ({ kind, in_app, email })) },
    });
    // The server's answer is what counts; the form stays in place (and focus on its button).
    for (const k of Array.isArray(answer?.kinds) ? answer.kinds : []) {
      const index = state.kinds.findIndex((x) => x.kind === k.kind);
      if (index < 0) continue;
      for (const channel of CHANNELS) {
        state.kinds[index][channel] = !!k[channel];
        const box = boxes.get(`${index}/${channel}`);
        if (box) box.checked = !!k[channel];
      }
    }
    state.msg.status = () => t('notifications.prefs.saved');
    status.textContent = state.msg.status();
  } catch (err) {
    if (err.name === 'AbortError') return;
    status.textContent = '';
    state.problem = err;
    showProblem(err, { errorSlot, general, boxes });
  } finally {
    submit.disabled = false;
    form.removeAttribute('aria-busy');
  }
}

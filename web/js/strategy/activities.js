// The activity board (#/activities[?entity_id=&overdue=true&cancelled=true]): the activities that
// carry out the entities' strategies, in one column per status (planned, in progress, blocked, done;
// cancelled behind a toggle) with their counts. Each card: its title in the page's language, the
// entity, who is responsible, the due day, progress (a progressbar with its number), "overdue" in
// words, the RACI and dependencies when the server gives them, and its evidence files (download;
// attach and remove for its writers, behind a disclosure). Those who may plan the
// entity's activities (strategy.activities.write) change a card's status and progress (a select and
// a number, If-Match; the card moves to its column and a polite status says so) and add activities
// (the server's 422 shown beside its field). A 409/412 reloads the board with a message.
// Reads GET /api/v1/activities and /api/v1/strategies?entity_id=; writes POST/PATCH /api/v1/activities,
// POST /api/v1/activities/{id}/evidence and DELETE /api/v1/activity-evidence/{id}.

import { api, listAll, etag } from '../api.js';
import { h, replace } from '../dom.js';
import { t, pick, compare } from '../i18n.js';
import { loadReference, reference, entityName, termLabel, codes } from '../reference.js';
import { can, entitiesWhere } from '../permissions.js';
import { session } from '../session.js';
import { inputField, selectField, showFieldProblem } from '../fields.js';
import { formatDay, today } from '../days.js';
import { icon, stateIcon } from '../icons.js';
import { evidenceItems, fileInput, sendFiles, confirmRemoval } from './evidence.js';

export const modules = ['strategy'];
export const titleKey = 'strategy.board.title';

const COLUMNS = ['planned', 'in_progress', 'blocked', 'done'];
const WRITE = 'strategy.activities.write';

const state = {
  entityId: '', // '' = every entity the caller may see
  overdue: false,
  cancelled: false,
  items: null,
  message: null, // () => text for the polite status
  error: null, // () => text for the alert
  formOpen: false,
  focusId: null, // the card whose status select gets focus after a repaint
  objectives: new Map(), // entity id -> objectives of its strategies
  evidenceOpen: null, // the card whose evidence stays open after a repaint
};
let root = null;

// ---- data ----------------------------------------------------------------------------------------

/** The entities the filter offers: all for network admins, otherwise the caller's own (and those it plans). */
function filterEntities() {
  const all = (reference().entities || []).slice().sort((a, b) => compare(pick(a, 'name'), pick(b, 'name')));
  if (session.networkAdmin) return all;
  const own = new Set((session.memberships || []).map((m) => String(m.entity_id)));
  for (const e of entitiesWhere(WRITE, all)) own.add(String(e.id));
  const mine = all.filter((e) => own.has(String(e.id)));
  return mine.length ? mine : all;
}

function defaultEntity() {
  const ids = new Set(filterEntities().map((e) => String(e.id)));
  return (session.memberships || []).map((m) => String(m.entity_id)).find((id) => ids.has(id)) || '';
}

async function loadItems() {
  state.items = await listAll('/api/v1/activities', {
    entity_id: state.entityId || null,
    overdue: state.overdue ? 'true' : null,
  });
}

/** Keeps the filters in the address (bookmarkable) without a new navigation. */
function writeHash() {
  const q = new URLSearchParams();
  if (state.entityId) q.set('entity_id', state.entityId);
  if (state.overdue) q.set('overdue', 'true');
  if (state.cancelled) q.set('cancelled', 'true');
  const hash = `#/activities${q.toString() ? `?${q}` : ''}`;
  if (location.hash !== hash) history.replaceState(history.state, '', hash);
}

async function objectivesOf(entityId) {
  const key = String(entityId);
  if (!state.objectives.has(key)) {
    const answer = await api('/api/v1/strategies', { query: { entity_id: key } });
    const list = [];
    for (const s of answer?.items || []) {
      if (String(s.entity_id) !== key) continue;
      for (const o of s.objectives || []) list.push(o);
    }
    state.objectives.set(key, list);
  }
  return state.objectives.get(key);
}

// ---- page ----------------------------------------------------------------------------------------

export async function render(main, args, ctx) {
  await loadReference(ctx.changedPage);
  main.dataset.page = 'activities';
  root = main;
  if (ctx.changedPage || !state.items) {
    const q = ctx.query || new URLSearchParams();
    const offered = new Set(filterEntities().map((e) => String(e.id)));
    const asked = q.get('entity_id');
    state.entityId = asked && (offered.has(asked) || session.networkAdmin) ? asked : defaultEntity();
    state.overdue = q.get('overdue') === 'true';
    state.cancelled = q.get('cancelled') === 'true';
    state.message = null;
    state.error = null;
    state.formOpen = false;
    state.objectives.clear();
    await loadItems();
  }
  paint();
}

function paint() {
  const main = root;
  const status = h('div', { class: 'form-status', role: 'status', dataset: { testid: 'board-status' } }, state.message ? state.message() : '');
  const error = h('div', { class: 'form-error', role: 'alert', dataset: { testid: 'board-error' } }, state.error ? state.error() : '');
  const writable = entitiesWhere(WRITE, reference().entities || []);
  replace(main,
    h('div', { class: 'page-head' },
      h('h1', { tabindex: '-1' }, t('strategy.board.title')),
      h('a', { class: 'back-link', href: '#/strategy' }, t('strategy.board.to_strategy'))),
    filters(),
    status, error,
    writable.length ? newActivity(writable) : null,
    board());
  if (state.focusId !== null) {
    main.querySelector(`[data-testid="activity-card"][data-id="${state.focusId}"] select`)?.focus();
    state.focusId = null;
  }
}

function filters() {
  const entities = filterEntities();
  const options = [
    ...(session.networkAdmin || entities.length > 1 ? [{ value: '', label: t('strategy.board.all_entities') }] : []),
    ...entities.map((e) => ({ value: String(e.id), label: pick(e, 'name') })),
  ];
  const entity = selectField('board-entity', t('strategy.board.entity'), options, state.entityId, { dataset: { testid: 'board-entity' } });
  entity.select.addEventListener('change', () => refilter({ entityId: entity.select.value }));
  const overdue = h('input', { type: 'checkbox', id: 'board-overdue', checked: state.overdue, dataset: { testid: 'board-overdue' } });
  overdue.addEventListener('change', () => refilter({ overdue: overdue.checked }));
  const cancelled = h('input', { type: 'checkbox', id: 'board-cancelled', checked: state.cancelled, dataset: { testid: 'board-cancelled' } });
  cancelled.addEventListener('change', () => {
    state.cancelled = cancelled.checked;
    writeHash();
    paint();
  });
  return h('div', { class: 'filters', role: 'group', 'aria-label': t('strategy.board.filters') },
    entity.field,
    h('div', { class: 'choice' }, overdue, h('label', { for: 'board-overdue' }, t('strategy.board.overdue_only'))),
    h('div', { class: 'choice' }, cancelled, h('label', { for: 'board-cancelled' }, t('strategy.board.show_cancelled'))));
}

async function refilter(change) {
  Object.assign(state, change);
  state.message = null;
  state.error = null;
  writeHash();
  try {
    await loadItems();
  } catch (err) {
    state.error = () => err.message;
  }
  const id = document.activeElement?.id;
  paint();
  if (id) document.getElementById(id)?.focus();
}

function board() {
  const items = state.items || [];
  const columns = state.cancelled ? [...COLUMNS, 'cancelled'] : COLUMNS;
  const byDue = (a, b) => String(a.due_date).localeCompare(String(b.due_date)) || compare(pick(a, 'title'), pick(b, 'title'));
  return h('div', { class: 'activity-board', dataset: { testid: 'activity-board' } },
    columns.map((s) => {
      const mine = items.filter((a) => a.status === s).sort(byDue);
      const id = `board-col-${s}`;
      return h('section', { class: `board-column status-${s}`, 'aria-labelledby': id, dataset: { testid: 'board-column', status: s, count: String(mine.length) } },
        h('h2', { id }, stateIcon(s), t('strategy.board.column', { status: termLabel('activity_statuses', s), count: mine.length })),
        mine.length
          ? h('ul', { class: 'board-cards' }, mine.map((a) => h('li', {}, card(a))))
          : h('p', { class: 'muted board-empty' }, t('strategy.board.empty')));
    }));
}

// ---- a card --------------------------------------------------------------------------------------

/** A person or activity reference as the server may give it: a login, an id, or a record. */
function personText(v) {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(personText).filter(Boolean).join(t('strategy.list_separator'));
  if (typeof v === 'object') return pick(v, 'name') || pick(v, 'title') || v.login || String(v.id ?? '');
  return String(v);
}

function countOf(v) {
  if (Array.isArray(v)) return v.length;
  return typeof v === 'number' ? v : 0;
}

function raciLine(a) {
  const parts = [];
  for (const role of ['accountable', 'consulted', 'informed']) {
    const text = personText(a[role]);
    if (text) parts.push(h('span', { class: 'raci-part' }, h('span', { class: 'raci-role' }, t(`strategy.board.raci_${role}`)), ' ', h('bdi', {}, text)));
  }
  if (!parts.length) return null;
  return h('p', { class: 'card-raci', dataset: { testid: 'activity-raci' } }, parts);
}

function dependencyLine(a) {
  const waiting = countOf(a.waiting_on);
  const depends = countOf(a.depends_on);
  if (!waiting && !depends) return null;
  return h('p', { class: 'card-deps' },
    waiting ? h('span', { class: 'badge waiting-badge', dataset: { testid: 'activity-waiting' } }, icon('hourglass'), t('strategy.board.waiting_on', { count: waiting })) : null,
    !waiting && depends ? h('span', { class: 'muted' }, t('strategy.board.depends_on', { count: depends })) : null);
}

function progressBar(a) {
  const value = Math.max(0, Math.min(100, Number(a.progress) || 0));
  const text = t('strategy.percent', { value });
  const bar = h('div', {
    class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(value),
    'aria-valuetext': text, 'aria-label': t('strategy.board.progress_of', { title: pick(a, 'title') }), dataset: { testid: 'activity-progress' },
  }, h('span', { class: 'progress-fill' }));
  bar.firstChild.style.setProperty('inline-size', `${value}%`);
  return h('div', { class: 'progress-row' }, bar, h('span', { class: 'progress-text', 'aria-hidden': 'true' }, text));
}

function card(a) {
  const titleId = `activity-${a.id}-title`;
  return h('article', {
    class: `activity-card${a.overdue ? ' overdue' : ''}`, 'aria-labelledby': titleId,
    dataset: { testid: 'activity-card', id: String(a.id), status: a.status, overdue: String(!!a.overdue) },
  },
  h('h3', { id: titleId }, pick(a, 'title')),
  a.overdue ? h('p', { class: 'overdue-line' }, h('span', { class: 'badge overdue-badge', dataset: { testid: 'activity-overdue' } }, icon('clock'), t('strategy.board.overdue'))) : null,
  h('dl', { class: 'card-facts' },
    h('div', {}, h('dt', {}, t('strategy.activity.entity')), h('dd', {}, entityName(a.entity_id))),
    h('div', {}, h('dt', {}, t('strategy.board.responsible')),
      h('dd', {}, a.owner_login ? h('bdi', {}, a.owner_login) : t('strategy.board.unassigned'))),
    h('div', {}, h('dt', {}, t('strategy.activity.due')), h('dd', { dataset: { testid: 'activity-due' } }, formatDay(a.due_date)))),
  raciLine(a),
  dependencyLine(a),
  progressBar(a),
  evidenceBlock(a),
  can(WRITE, a.entity_id) ? followUp(a) : null);
}

/** The activity's evidence files behind a disclosure (open after a change), and for its writers an upload. */
function evidenceBlock(a) {
  const files = a.evidence || [];
  const writable = can(WRITE, a.entity_id);
  if (!files.length && !writable) return null;
  const onRemove = writable ? (e, opener) => removeEvidence(a, e, opener) : null;
  return h('details', { class: 'card-evidence', open: state.evidenceOpen === a.id, dataset: { testid: 'activity-evidence' } },
    h('summary', {}, t('strategy.board.evidence', { count: files.length })),
    h('ul', { class: 'evidence-list' }, evidenceItems(files, { href: (e) => `/api/v1/activity-evidence/${e.id}`, onRemove })),
    writable ? fileInput(`act-${a.id}-evidence`, t('strategy.board.attach', { title: pick(a, 'title') }), (input) => attach(a, input)) : null);
}

/** The activity as the server now has it replaces the card's (after its files changed). */
async function reloadActivity(a, message) {
  const fresh = await api(`/api/v1/activities/${a.id}`);
  const index = state.items.findIndex((x) => x.id === a.id);
  if (index >= 0) state.items[index] = fresh;
  state.evidenceOpen = a.id;
  state.error = null;
  state.message = message;
  paint();
}

async function attach(a, input) {
  if (!input.files.length) return;
  const status = root.querySelector('[data-testid="board-status"]');
  const alert = root.querySelector('[data-testid="board-error"]');
  alert.textContent = '';
  const errors = [];
  const done = await sendFiles(input, `/api/v1/activities/${a.id}/evidence`, {}, {
    say: (text) => { status.textContent = text; },
    fail: (err) => { errors.push(err.message); alert.textContent = errors.join(' '); },
  });
  if (!done.length) return;
  const names = done.join(t('strategy.list_separator'));
  try {
    await reloadActivity(a, () => t('strategy.board.attached', { names, title: pick(a, 'title') }));
    if (errors.length) {
      state.error = () => errors.join(' ');
      paint();
    }
  } catch (err) {
    state.error = () => err.message;
    paint();
  }
}

async function removeEvidence(a, e, opener) {
  if (!await confirmRemoval(t('strategy.board.remove_evidence_body', { name: e.file_name, title: pick(a, 'title') }), opener)) return;
  try {
    await api(`/api/v1/activity-evidence/${e.id}`, { method: 'DELETE' });
    await reloadActivity(a, () => t('strategy.evidence.removed', { name: e.file_name }));
  } catch (err) {
    state.error = () => err.message;
    paint();
  }
}

/** Status and progress of one activity, saved with If-Match. */
function followUp(a) {
  const base = `act-${a.id}`;
  const title = pick(a, 'title');
  const status = selectField(`${base}-status`, t('strategy.activity.status'),
    codes('activity_statuses').map((c) => ({ value: c, label: termLabel('activity_statuses', c) })), a.status,
    { error: true, dataset: { testid: 'activity-status' } });
  const progress = inputField(`${base}-progress`, t('strategy.board.progress_percent'), {
    type: 'number', min: '0', max: '100', step: '5', inputmode: 'numeric', value: String(a.progress ?? 0), error: true,
    dataset: { testid: 'activity-progress-input' },
  });
  const save = h('button', { type: 'submit', class: 'small primary', dataset: { testid: 'activity-save' } },
    icon('save'), t('strategy.board.save'), h('span', { class: 'visually-hidden' }, ` — ${title}`));
  const form = h('form', { class: 'card-follow-up', 'aria-label': t('strategy.board.follow_up', { title }), novalidate: true },
    status.field, progress.field, save);
  const errors = { status: status.error, progress: progress.error };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {};
    if (status.select.value !== a.status) body.status = status.select.value;
    const p = progress.input.value.trim();
    if (p !== '' && Number(p) !== Number(a.progress)) body.progress = Number(p);
    if (!Object.keys(body).length) return;
    for (const el of Object.values(errors)) el.textContent = '';
    save.disabled = true;
    try {
      const updated = await api(`/api/v1/activities/${a.id}`, { method: 'PATCH', body, headers: { 'If-Match': etag(a.version) } });
      const index = state.items.findIndex((x) => x.id === a.id);
      if (index >= 0) state.items[index] = updated;
      state.error = null;
      state.message = () => t('strategy.board.moved', {
        title: pick(updated, 'title'), status: termLabel('activity_statuses', updated.status), progress: t('strategy.percent', { value: updated.progress }),
      });
      state.focusId = updated.id;
      paint();
    } catch (err) {
      save.disabled = false;
      if (err.status === 409 || err.status === 412) return conflict();
      if (!showFieldProblem(err, { status, progress })) {
        state.message = null;
        state.error = () => err.message;
        paint();
      }
    }
  });
  return form;
}

/** Someone else changed it meanwhile: the board is read again and says so. */
async function conflict() {
  state.message = null;
  state.error = () => t('strategy.board.conflict');
  try {
    await loadItems();
  } catch (err) {
    state.error = () => err.message;
  }
  paint();
}

// ---- a new activity ----------------------------------------------------------------------------

function newActivity(writable) {
  const toggle = h('button', {
    type: 'button', class: state.formOpen ? 'secondary' : 'primary', 'aria-expanded': String(state.formOpen),
    'aria-controls': 'new-activity', dataset: { testid: 'activity-new' },
  }, icon('add'), t('strategy.board.new'));
  toggle.addEventListener('click', () => {
    state.formOpen = !state.formOpen;
    state.message = null;
    state.error = null;
    paint();
    root.querySelector(state.formOpen ? '#new-activity select, #new-activity input' : '[data-testid="activity-new"]')?.focus();
  });
  return h('div', { class: 'new-activity' }, toggle, state.formOpen ? activityForm(writable) : null);
}

function activityForm(writable) {
  const sorted = writable.slice().sort((a, b) => compare(pick(a, 'name'), pick(b, 'name')));
  const first = sorted.some((e) => String(e.id) === state.entityId) ? state.entityId : String(sorted[0].id);
  const f = {
    entity_id: selectField('na-entity', t('strategy.activity.entity'), sorted.map((e) => ({ value: String(e.id), label: pick(e, 'name') })), first,
      { error: true, dataset: { testid: 'na-entity' } }),
    objective_id: selectField('na-objective', t('strategy.board.objective'), [{ value: '', label: t('strategy.board.no_objective') }], '',
      { error: true, dataset: { testid: 'na-objective' } }),
    title_ar: inputField('na-title-ar', t('strategy.board.title_ar'), { lang: 'ar', maxlength: 200, required: true, error: true, dataset: { testid: 'na-title-ar' } }),
    title_en: inputField('na-title-en', t('strategy.board.title_en'), { lang: 'en', maxlength: 200, required: true, error: true, dataset: { testid: 'na-title-en' } }),
    owner_login: inputField('na-owner', t('strategy.board.responsible_login'), {
      dir: 'ltr', maxlength: 64, autocomplete: 'off', hint: t('strategy.board.responsible_hint'), error: true, dataset: { testid: 'na-owner' },
    }),
    start_date: inputField('na-start', t('strategy.board.start'), { type: 'date', value: today(), required: true, error: true, dataset: { testid: 'na-start' } }),
    due_date: inputField('na-due', t('strategy.activity.due'), { type: 'date', required: true, error: true, dataset: { testid: 'na-due' } }),
    status: selectField('na-status', t('strategy.activity.status'),
      codes('activity_statuses').map((c) => ({ value: c, label: termLabel('activity_statuses', c) })), 'planned', { error: true, dataset: { testid: 'na-status' } }),
    progress: inputField('na-progress', t('strategy.board.progress_percent'), {
      type: 'number', min: '0', max: '100', step: '5', inputmode: 'numeric', value: '0', error: true, dataset: { testid: 'na-progress' },
    }),
    notes: inputField('na-notes', t('strategy.board.notes'), { tag: 'textarea', rows: 3, maxlength: 4000, error: true, dataset: { testid: 'na-notes' } }),
  };
  const control = (k) => f[k].select || f[k].input;
  const formError = h('div', { class: 'form-error', role: 'alert', dataset: { testid: 'na-error' } });

  const fillObjectives = async () => {
    const select = f.objective_id.select;
    const list = await objectivesOf(f.entity_id.select.value).catch(() => []);
    replace(select, h('option', { value: '' }, t('strategy.board.no_objective')),
      list.map((o) => h('option', { value: String(o.id) }, `${o.code} — ${pick(o, 'title')}`)));
  };
  f.entity_id.select.addEventListener('change', fillObjectives);
  fillObjectives();

  const submit = h('button', { type: 'submit', class: 'primary', dataset: { testid: 'na-submit' } }, icon('add'), t('strategy.board.create'));
  const cancel = h('button', { type: 'button', dataset: { testid: 'na-cancel' } }, t('strategy.action.cancel'));
  cancel.addEventListener('click', () => {
    state.formOpen = false;
    paint();
    root.querySelector('[data-testid="activity-new"]')?.focus();
  });
  const form = h('form', { class: 'card new-activity-form', novalidate: true, 'aria-labelledby': 'new-activity-title', dataset: { testid: 'new-activity-form' } },
    h('h2', { id: 'new-activity-title' }, t('strategy.board.new')),
    formError,
    h('div', { class: 'form-grid' }, Object.values(f).map((x) => x.field)),
    h('div', { class: 'action-row' }, submit, cancel));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    formError.textContent = '';
    for (const k of Object.keys(f)) {
      f[k].error.textContent = '';
      control(k).removeAttribute('aria-invalid');
    }
    const body = {
      entity_id: Number(f.entity_id.select.value),
      title_ar: f.title_ar.input.value.trim(),
      title_en: f.title_en.input.value.trim(),
      start_date: f.start_date.input.value,
      due_date: f.due_date.input.value,
      status: f.status.select.value,
    };
    if (f.objective_id.select.value) body.objective_id = Number(f.objective_id.select.value);
    if (f.owner_login.input.value.trim()) body.owner_login = f.owner_login.input.value.trim();
    if (f.progress.input.value.trim() !== '') body.progress = Number(f.progress.input.value);
    if (f.notes.input.value.trim()) body.notes = f.notes.input.value.trim();
    submit.disabled = true;
    try {
      const made = await api('/api/v1/activities', { method: 'POST', body });
      state.formOpen = false;
      state.error = null;
      state.message = () => t('strategy.board.created', { title: pick(made, 'title'), status: termLabel('activity_statuses', made.status) });
      if (state.entityId && state.entityId !== String(made.entity_id)) state.entityId = String(made.entity_id);
      writeHash();
      await loadItems();
      state.focusId = state.items.some((x) => x.id === made.id) ? made.id : null;
      paint();
    } catch (err) {
      submit.disabled = false;
      showFieldProblem(err, f, formError)?.focus();
    }
  });
  return h('section', { id: 'new-activity', class: 'new-activity-section' }, form);
}
